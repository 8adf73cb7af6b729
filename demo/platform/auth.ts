import type { Context, MiddlewareHandler } from 'hono';
import type { HTTPException } from 'hono/http-exception';
import { jwt } from 'hono/jwt';
import { ApiError, ApiErrorCode } from './errors.js';
import type { PlatformContext } from './context.js';
import { principalFromClaims, type Principal } from './model/principal.js';
import { orgByLicenseKey } from './model/accounts.js';
import { isClaims, VERIFY, type TokenClaims } from './tokens.js';

/**
 * Hono's `jwt` middleware for the JSON API: a request with an `Authorization` header must carry a
 * valid token (HS256, our issuer, not expired), which routes then read with `bearerClaims`. A request
 * with the license key header is the organisation itself and needs none; one with neither header
 * reaches routes that need no token (token endpoints, triggers). Hono's 401s become our error body
 * in `apiErrorOf`.
 */
export function bearerAuth(ctx: PlatformContext): MiddlewareHandler {
  const verify = jwt({ secret: ctx.secret, alg: VERIFY.alg, verification: { iss: VERIFY.iss } });
  return (c, next) =>
    c.req.header('authorization') === undefined || c.req.header('x-license-key') !== undefined
      ? next()
      : verify(c, next);
}

/** Hono's `jwt` refusals as our error codes: an expired token is TOKEN_EXPIRED, anything else INVALID_TOKEN. */
export function apiErrorOf(error: HTTPException): ApiError {
  if (error.cause instanceof Error && error.cause.name === 'JwtTokenExpired')
    return new ApiError(401, ApiErrorCode.TOKEN_EXPIRED, 'The token has expired');
  return new ApiError(
    401,
    ApiErrorCode.INVALID_TOKEN,
    error.message === 'Unauthorized' ? 'The token is not valid' : 'Malformed Authorization header',
  );
}

/** The claims of the request's verified bearer token; 401 when there is none. */
export function bearerClaims(c: Context, _ctx: PlatformContext): TokenClaims {
  const payload: unknown = c.get('jwtPayload');
  if (payload === undefined) throw new ApiError(401, ApiErrorCode.INVALID_TOKEN, 'Missing bearer token');
  if (!isClaims(payload)) throw new ApiError(401, ApiErrorCode.INVALID_TOKEN, 'The token is not valid');
  return payload;
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
