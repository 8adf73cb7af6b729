import { randomUUID } from 'node:crypto';
import { sign } from 'hono/jwt';

/** Claims the platform puts in every token it signs. */
export interface TokenClaims {
  /** Issuer: this platform. */
  iss: string;
  /** Subject: the user e-mail, the sub-org identifier or the API key. */
  sub: string;
  /** What the token may do: `user:<email>`, `sub_org:<id>` or `integration:<id>`. */
  scope: string;
  /** Organisation the token belongs to. */
  org: string;
  iat: number;
  exp: number;
  jti: string;
}

export const ISSUER = 'frameport-demo-platform';

/**
 * How tokens are verified (Hono's `jwt` middleware, see auth.ts): only HS256, whatever the token's
 * header says (trusting its `alg` is how `alg: none` and algorithm-confusion tokens get through),
 * our issuer, not expired; Hono compares the signature with WebCrypto's HMAC verify.
 */
export const VERIFY = { alg: 'HS256', iss: ISSUER } as const;

/** Signs a JWT (HS256, Hono's `sign`) valid for `ttlSeconds`. */
export async function signToken(
  secret: string,
  claims: { sub: string; scope: string; org: string },
  ttlSeconds: number,
  now = Date.now(),
): Promise<{ token: string; claims: TokenClaims }> {
  const iat = Math.floor(now / 1000);
  const full: TokenClaims = { iss: ISSUER, ...claims, iat, exp: iat + ttlSeconds, jti: randomUUID() };
  return { token: await sign({ ...full }, secret, 'HS256'), claims: full };
}

/** Whether a verified payload carries every claim the platform signs. */
export function isClaims(value: unknown): value is TokenClaims {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return false;
  const v = value as Record<string, unknown>;
  return (
    v.iss === ISSUER &&
    typeof v.sub === 'string' &&
    typeof v.scope === 'string' &&
    typeof v.org === 'string' &&
    typeof v.exp === 'number' &&
    typeof v.iat === 'number'
  );
}
