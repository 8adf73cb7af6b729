import { Hono } from 'hono';
import { z } from 'zod';
import { requireIntegrationToken } from '../auth.js';
import { readJson } from '../body.js';
import type { PlatformContext } from '../context.js';
import { ApiError, ApiErrorCode, notFound } from '../errors.js';
import {
  getIntegration,
  isKeyPermitted,
  resolveParams,
  runNotebook,
  verifyApiKey,
  type Integration,
} from '../model/notebooks.js';
import { signToken } from '../tokens.js';

const TokenRequest = z.object({ api_key: z.string().min(1).max(200), api_secret: z.string().min(1).max(512) });
const RunRequest = z.object({ params: z.record(z.string().max(64), z.unknown()).optional() });

/** Notebook integrations (seed 002): the server-side token endpoint and the embed's data API. */
export function notebookRoutes(ctx: PlatformContext): Hono {
  const app = new Hono();
  const { db } = ctx;
  const integrationOr404 = (id: string): Integration => {
    const integration = getIntegration(db, id);
    if (!integration) throw notFound(`Integration ${id}`);
    return integration;
  };

  // Called by the customer's server with the API key and secret; a fresh one-hour token every call.
  app.post('/integrations/:id/token', async (c) => {
    const body = await readJson(c, TokenRequest);
    const integration = integrationOr404(c.req.param('id'));
    const key = verifyApiKey(db, body.api_key, body.api_secret);
    if (!key) throw new ApiError(401, ApiErrorCode.INVALID_CREDENTIALS, 'Unknown API key or wrong API secret');
    if (key.orgId !== integration.orgId || !isKeyPermitted(db, integration.id, body.api_key)) {
      throw new ApiError(
        403,
        ApiErrorCode.FORBIDDEN,
        `API key ${body.api_key} is not permitted for integration ${integration.id}`,
      );
    }
    const { token, claims } = signToken(
      ctx.secret,
      { sub: `api_key:${body.api_key}`, scope: `integration:${integration.id}`, org: integration.orgId },
      ctx.tokenTtlSeconds,
    );
    return c.json({ token, expires_in: ctx.tokenTtlSeconds, expires_at: claims.exp * 1000 }, 200, {
      'cache-control': 'no-store',
    });
  });

  app.get('/integrations/:id', (c) => {
    const id = c.req.param('id');
    requireIntegrationToken(c, ctx, id);
    const { orgId: _orgId, ...integration } = integrationOr404(id);
    return c.json(integration);
  });

  app.post('/integrations/:id/run', async (c) => {
    const id = c.req.param('id');
    requireIntegrationToken(c, ctx, id);
    const integration = integrationOr404(id);
    const { params } = await readJson(c, RunRequest);
    return c.json(runNotebook(db, resolveParams(integration, params ?? {})));
  });

  return app;
}
