import { Hono, type MiddlewareHandler } from 'hono';
import { z } from 'zod';
import { orgForLicenseKey, requireLicenseKey } from '../auth.js';
import { jsonBody } from '../body.js';
import type { PlatformContext } from '../context.js';
import { ApiError, ApiErrorCode, notFound } from '../errors.js';
import { createSubOrg, createUser, findSubOrg, findUserEmail, listSubOrgs, listUsers } from '../model/accounts.js';
import { signToken } from '../tokens.js';

const TokenRequest = z.object({
  license_key: z.string().min(1).max(512),
  auth: z.object({
    identifier: z.string().min(1).max(254),
    type: z.enum(['USER', 'SUB_ORG']),
  }),
});
const NewUser = z.object({ email: z.email().max(254), name: z.string().min(1).max(200).optional() });
const NewSubOrg = z.object({
  identifier: z.string().regex(/^[a-z0-9][a-z0-9-]{1,62}$/, 'lowercase letters, digits and dashes, 2 to 63 characters'),
  name: z.string().min(1).max(200),
});

/** Access tokens (seed 000) and the small user / sub-organization API behind them. */
export function accessRoutes(ctx: PlatformContext): Hono {
  const app = new Hono();
  const { db } = ctx;

  // Authentication runs before the body is validated: a caller without the key learns nothing.
  const licensed: MiddlewareHandler = async (c, next) => {
    requireLicenseKey(c, ctx);
    await next();
  };

  app.post('/access/token', jsonBody(TokenRequest), async (c) => {
    const body = c.req.valid('json');
    const orgId = orgForLicenseKey(ctx, body.license_key);
    if (!orgId) throw new ApiError(401, ApiErrorCode.INVALID_LICENSE_KEY, 'The license key is not valid');
    const { identifier, type } = body.auth;
    let scope: string;
    if (type === 'USER') {
      const email = findUserEmail(db, orgId, identifier);
      if (!email) throw notFound(`User ${identifier}`);
      scope = `user:${email.toLowerCase()}`;
    } else {
      const subOrg = findSubOrg(db, orgId, identifier);
      if (!subOrg) throw notFound(`Sub-organization ${identifier}`);
      scope = `sub_org:${subOrg}`;
    }
    const { token } = await signToken(
      ctx.secret,
      { sub: scope.slice(scope.indexOf(':') + 1), scope, org: orgId },
      ctx.tokenTtlSeconds,
    );
    return c.json({ access_token: token, expires_in: ctx.tokenTtlSeconds }, 200, { 'cache-control': 'no-store' });
  });

  app.get('/users', (c) => c.json({ data: listUsers(db, requireLicenseKey(c, ctx)) }));

  app.post('/users', licensed, jsonBody(NewUser), (c) => {
    const orgId = requireLicenseKey(c, ctx);
    const body = c.req.valid('json');
    return c.json(createUser(db, orgId, body.email, body.name ?? body.email.split('@')[0]!, ctx.now()), 201);
  });

  app.get('/sub-organizations', (c) => c.json({ data: listSubOrgs(db, requireLicenseKey(c, ctx)) }));

  app.post('/sub-organizations', licensed, jsonBody(NewSubOrg), (c) => {
    const orgId = requireLicenseKey(c, ctx);
    const body = c.req.valid('json');
    return c.json(createSubOrg(db, orgId, body.identifier, body.name, ctx.now()), 201);
  });

  return app;
}
