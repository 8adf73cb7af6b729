import { Hono } from 'hono';
import { z } from 'zod';
import { orgForLicenseKey, requireLicenseKey } from '../auth.js';
import { readJson } from '../body.js';
import type { PlatformContext } from '../context.js';
import { ApiError, ApiErrorCode, notFound } from '../errors.js';
import { randomId } from '../secrets.js';
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

  app.post('/access/token', async (c) => {
    const body = await readJson(c, TokenRequest);
    const orgId = orgForLicenseKey(ctx, body.license_key);
    if (!orgId) throw new ApiError(401, ApiErrorCode.INVALID_LICENSE_KEY, 'The license key is not valid');
    const { identifier, type } = body.auth;
    let scope: string;
    if (type === 'USER') {
      const user = db.prepare('SELECT email FROM users WHERE org_id = ? AND email = ?').get(orgId, identifier) as
        { email: string } | undefined;
      if (!user) throw notFound(`User ${identifier}`);
      scope = `user:${user.email.toLowerCase()}`;
    } else {
      const subOrg = db.prepare('SELECT id FROM sub_orgs WHERE org_id = ? AND id = ?').get(orgId, identifier) as
        { id: string } | undefined;
      if (!subOrg) throw notFound(`Sub-organization ${identifier}`);
      scope = `sub_org:${subOrg.id}`;
    }
    const { token } = signToken(
      ctx.secret,
      { sub: scope.slice(scope.indexOf(':') + 1), scope, org: orgId },
      ctx.tokenTtlSeconds,
    );
    return c.json({ access_token: token, expires_in: ctx.tokenTtlSeconds }, 200, { 'cache-control': 'no-store' });
  });

  app.get('/users', (c) => {
    const orgId = requireLicenseKey(c, ctx);
    const users = db
      .prepare('SELECT id, email, name, created_at AS createdAt FROM users WHERE org_id = ? ORDER BY email')
      .all(orgId);
    return c.json({ data: users });
  });

  app.post('/users', async (c) => {
    const orgId = requireLicenseKey(c, ctx);
    const body = await readJson(c, NewUser);
    if (db.prepare('SELECT 1 FROM users WHERE email = ?').get(body.email))
      throw new ApiError(409, ApiErrorCode.CONFLICT, `User ${body.email} already exists`);
    const user = {
      id: randomId('user'),
      email: body.email,
      name: body.name ?? body.email.split('@')[0]!,
      createdAt: Date.now(),
    };
    db.prepare('INSERT INTO users (id, org_id, email, name, created_at) VALUES (?, ?, ?, ?, ?)').run(
      user.id,
      orgId,
      user.email,
      user.name,
      user.createdAt,
    );
    return c.json(user, 201);
  });

  app.get('/sub-organizations', (c) => {
    const orgId = requireLicenseKey(c, ctx);
    const subOrgs = db
      .prepare('SELECT id AS identifier, name, created_at AS createdAt FROM sub_orgs WHERE org_id = ? ORDER BY id')
      .all(orgId);
    return c.json({ data: subOrgs });
  });

  app.post('/sub-organizations', async (c) => {
    const orgId = requireLicenseKey(c, ctx);
    const body = await readJson(c, NewSubOrg);
    if (db.prepare('SELECT 1 FROM sub_orgs WHERE id = ?').get(body.identifier)) {
      throw new ApiError(409, ApiErrorCode.CONFLICT, `Sub-organization ${body.identifier} already exists`);
    }
    const subOrg = { identifier: body.identifier, name: body.name, createdAt: Date.now() };
    db.prepare('INSERT INTO sub_orgs (id, org_id, name, created_at) VALUES (?, ?, ?, ?)').run(
      subOrg.identifier,
      orgId,
      subOrg.name,
      subOrg.createdAt,
    );
    return c.json(subOrg, 201);
  });

  return app;
}
