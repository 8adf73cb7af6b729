import { Hono, type MiddlewareHandler } from 'hono';
import { z } from 'zod';
import { requireIntegrationToken, requireLicenseKey } from '../auth.js';
import { jsonBody } from '../body.js';
import type { PlatformContext } from '../context.js';
import { ApiError, ApiErrorCode, notFound } from '../errors.js';
import { QueryCell } from '../model/notebook-query.js';
import {
  createApiKey,
  createIntegration,
  createNotebook,
  externalizeParams,
  getIntegration,
  integrationSettings,
  isKeyPermitted,
  listApiKeys,
  notebookQuery,
  permitApiKeys,
  publishPages,
  resolveParams,
  runNotebook,
  verifyApiKey,
  type Integration,
} from '../model/notebooks.js';
import { signToken } from '../tokens.js';

const TokenRequest = z.object({ api_key: z.string().min(1).max(200), api_secret: z.string().min(1).max(512) });
const RunRequest = z.object({ params: z.record(z.string().max(64), z.unknown()).optional() });
const Id = z.string().regex(/^[a-z0-9][a-z0-9-]{1,62}$/, 'lowercase letters, digits and dashes, 2 to 63 characters');
const NewApiKey = z.object({ name: z.string().min(1).max(200) });
const NewNotebook = z.object({
  id: Id.optional(),
  title: z.string().min(1).max(200),
  query: QueryCell,
  cells: z
    .array(
      z.object({
        id: Id,
        title: z.string().min(1).max(200),
        kind: z.enum(['chart', 'table', 'text']),
        body: z.string().max(10_000).optional(),
      }),
    )
    .min(1)
    .max(50),
});
const NewIntegration = z.object({
  id: Id.optional(),
  notebookId: z.string().min(1).max(100),
  title: z.string().min(1).max(200),
});
const Pages = z.object({ pages: z.array(z.string().min(1).max(100)).max(50) });
const ApiKeys = z.object({ apiKeys: z.array(z.string().min(1).max(100)).max(50) });
const Params = z.object({
  params: z.array(z.object({ name: z.string().min(1).max(64), label: z.string().min(1).max(200) })).max(20),
});

/**
 * Notebook integrations (seed 002): the management API (license key: API keys, notebooks,
 * integrations with published pages, permitted keys and externalized parameters), the server-side
 * token endpoint and the embed's data API.
 */
export function notebookRoutes(ctx: PlatformContext): Hono {
  const app = new Hono();
  const { db } = ctx;
  const integrationOr404 = (id: string): Integration => {
    const integration = getIntegration(db, id);
    if (!integration) throw notFound(`Integration ${id}`);
    return integration;
  };

  // Called by the customer's server with the API key and secret; a fresh one-hour token every call.
  // Authentication runs before the body is validated: a caller without credentials learns nothing.
  const licensed: MiddlewareHandler = async (c, next) => {
    requireLicenseKey(c, ctx);
    await next();
  };
  const integrationToken: MiddlewareHandler = async (c, next) => {
    requireIntegrationToken(c, ctx, c.req.param('id') ?? '');
    await next();
  };

  // ---- Management, authenticated by the license key (x-license-key) ----
  app.post('/api-keys', licensed, jsonBody(NewApiKey), (c) => {
    const orgId = requireLicenseKey(c, ctx);
    const { name } = c.req.valid('json');
    // The only answer that ever holds the secret.
    return c.json(createApiKey(db, orgId, name, ctx.now()), 201, { 'cache-control': 'no-store' });
  });
  app.get('/api-keys', (c) => c.json({ data: listApiKeys(db, requireLicenseKey(c, ctx)) }));

  app.post('/notebooks', licensed, jsonBody(NewNotebook), (c) => {
    const orgId = requireLicenseKey(c, ctx);
    const { id, ...notebook } = c.req.valid('json');
    return c.json(createNotebook(db, orgId, notebook, ctx.now(), id), 201);
  });

  app.post('/integrations', licensed, jsonBody(NewIntegration), (c) => {
    const orgId = requireLicenseKey(c, ctx);
    return c.json(createIntegration(db, orgId, c.req.valid('json'), ctx.now()), 201);
  });
  app.get('/integrations/:id/settings', (c) =>
    c.json(integrationSettings(db, requireLicenseKey(c, ctx), c.req.param('id'))),
  );
  app.put('/integrations/:id/pages', licensed, jsonBody(Pages), (c) => {
    const orgId = requireLicenseKey(c, ctx);
    const { pages } = c.req.valid('json');
    return c.json(publishPages(db, orgId, c.req.param('id'), pages));
  });
  app.put('/integrations/:id/api-keys', licensed, jsonBody(ApiKeys), (c) => {
    const orgId = requireLicenseKey(c, ctx);
    const { apiKeys } = c.req.valid('json');
    return c.json(permitApiKeys(db, orgId, c.req.param('id'), apiKeys));
  });
  app.put('/integrations/:id/params', licensed, jsonBody(Params), (c) => {
    const orgId = requireLicenseKey(c, ctx);
    const { params } = c.req.valid('json');
    return c.json(externalizeParams(db, orgId, c.req.param('id'), params));
  });

  app.post('/integrations/:id/token', jsonBody(TokenRequest), async (c) => {
    const body = c.req.valid('json');
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
    const { token, claims } = await signToken(
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

  app.post('/integrations/:id/run', integrationToken, jsonBody(RunRequest), (c) => {
    const id = c.req.param('id');
    requireIntegrationToken(c, ctx, id);
    const integration = integrationOr404(id);
    const { params } = c.req.valid('json');
    return c.json(runNotebook(db, notebookQuery(db, id), resolveParams(integration, params ?? {}), ctx.now()));
  });

  return app;
}
