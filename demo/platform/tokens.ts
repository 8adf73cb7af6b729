import { createHmac, randomUUID } from 'node:crypto';
import { safeEqual } from './secrets.js';

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

export type VerifyResult =
  { ok: true; claims: TokenClaims } | { ok: false; reason: 'malformed' | 'signature' | 'expired' };

const HEADER = base64url(JSON.stringify({ alg: 'HS256', typ: 'JWT' }));

/** Signs a JWT (HS256) valid for `ttlSeconds`. */
export function signToken(
  secret: string,
  claims: { sub: string; scope: string; org: string },
  ttlSeconds: number,
  now = Date.now(),
): { token: string; claims: TokenClaims } {
  const iat = Math.floor(now / 1000);
  const full: TokenClaims = { iss: ISSUER, ...claims, iat, exp: iat + ttlSeconds, jti: randomUUID() };
  const body = `${HEADER}.${base64url(JSON.stringify(full))}`;
  return { token: `${body}.${hmac(secret, body)}`, claims: full };
}

/**
 * Verifies a JWT. Only `alg: "HS256"` is accepted: trusting the header's `alg` is how `alg: none`
 * and algorithm-confusion tokens get through. The signature is compared in constant time.
 */
export function verifyToken(secret: string, token: string, now = Date.now()): VerifyResult {
  const parts = token.split('.');
  if (parts.length !== 3) return { ok: false, reason: 'malformed' };
  const [header, payload, signature] = parts as [string, string, string];
  const head = parseJson(header);
  if (!isRecord(head) || head.alg !== 'HS256') return { ok: false, reason: 'malformed' };
  if (!safeEqual(signature, hmac(secret, `${header}.${payload}`))) return { ok: false, reason: 'signature' };
  const claims = parseJson(payload);
  if (!isClaims(claims)) return { ok: false, reason: 'malformed' };
  if (claims.exp * 1000 <= now) return { ok: false, reason: 'expired' };
  return { ok: true, claims };
}

function hmac(secret: string, data: string): string {
  return createHmac('sha256', secret).update(data).digest('base64url');
}

function base64url(text: string): string {
  return Buffer.from(text, 'utf8').toString('base64url');
}

function parseJson(segment: string): unknown {
  try {
    return JSON.parse(Buffer.from(segment, 'base64url').toString('utf8'));
  } catch {
    return undefined;
  }
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function isClaims(value: unknown): value is TokenClaims {
  return (
    isRecord(value) &&
    value.iss === ISSUER &&
    typeof value.sub === 'string' &&
    typeof value.scope === 'string' &&
    typeof value.org === 'string' &&
    typeof value.exp === 'number' &&
    typeof value.iat === 'number'
  );
}
