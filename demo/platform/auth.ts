import type { Context } from 'hono';
import { ApiError, ApiErrorCode } from './errors.js';
import type { PlatformContext } from './context.js';
import { principalFromClaims, type Principal } from './model/principal.js';
import { orgByLicenseKey } from './model/accounts.js';
import { verifyToken, type TokenClaims } from './tokens.js';

/** Verifies the `Authorization: Bearer` token; 401 when missing, malformed, badly signed or expired. */
export function bearerClaims(c: Context, ctx: PlatformContext): TokenClaims {
  const match = /^Bearer ([A-Za-z0-9_\-.]+)$/.exec(c.req.header('authorization') ?? '');
  if (!match) throw new ApiError(401, ApiErrorCode.INVALID_TOKEN, 'Missing bearer token');
  const result = verifyToken(ctx.secret, match[1]!);
  if (result.ok) return result.claims;
  if (result.reason === 'expired') throw new ApiError(401, ApiErrorCode.TOKEN_EXPIRED, 'The token has expired');
  throw new ApiError(401, ApiErrorCode.INVALID_TOKEN, 'The token is not valid');
}

/** An access token (USER or SUB_ORG) is required; a notebook token is refused with 403. */
export function requirePrincipal(c: Context, ctx: PlatformContext): Principal {
  const principal = principalFromClaims(bearerClaims(c, ctx));
  if (!principal) throw new ApiError(403, ApiErrorCode.FORBIDDEN, 'This token cannot access executions');
  return principal;
}

/** A notebook token issued for exactly this integration is required. */
export function requireIntegrationToken(c: Context, ctx: PlatformContext, integrationId: string): TokenClaims {
  const claims = bearerClaims(c, ctx);
  if (claims.scope !== `integration:${integrationId}`)
    throw new ApiError(403, ApiErrorCode.FORBIDDEN, 'This token is not valid for this integration');
  return claims;
}

/** The organisation a license key belongs to (see model/accounts.ts for how keys are stored). */
export function orgForLicenseKey(ctx: PlatformContext, licenseKey: string): string | undefined {
  return orgByLicenseKey(ctx.db, licenseKey);
}

/** The management API (users, sub-orgs) is authenticated by the `x-license-key` header. */
export function requireLicenseKey(c: Context, ctx: PlatformContext): string {
  const orgId = orgForLicenseKey(ctx, c.req.header('x-license-key') ?? '');
  if (!orgId)
    throw new ApiError(401, ApiErrorCode.INVALID_LICENSE_KEY, 'Missing or invalid license key (x-license-key header)');
  return orgId;
}

/** Who calls an organisation-level endpoint: the license key (the organisation itself) or an access token. */
export interface Caller {
  orgId: string;
  /** Set for access tokens: a SUB_ORG token reaches its own sub-organization's jobs only. */
  principal?: Principal;
}

/** The `x-license-key` header if present, otherwise a Bearer access token. */
export function requireCaller(c: Context, ctx: PlatformContext): Caller {
  if (c.req.header('x-license-key') !== undefined) return { orgId: requireLicenseKey(c, ctx) };
  const principal = requirePrincipal(c, ctx);
  return { orgId: principal.orgId, principal };
}

/** Configuration (jobs, webhooks, variables, secrets, block windows): the license key or a USER token. */
export function requireOrgAdmin(c: Context, ctx: PlatformContext): string {
  const caller = requireCaller(c, ctx);
  if (caller.principal && caller.principal.kind !== 'USER')
    throw new ApiError(403, ApiErrorCode.FORBIDDEN, 'Use the license key or a USER token to change configuration');
  return caller.orgId;
}
