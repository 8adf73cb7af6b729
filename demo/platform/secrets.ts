import { createHash, randomBytes, scryptSync, timingSafeEqual } from 'node:crypto';

/** sha256 hex of a high-entropy key (license keys): safe to index and look up by. */
export function sha256Hex(value: string): string {
  return createHash('sha256').update(value, 'utf8').digest('hex');
}

/** Hashes an API secret with a fresh random salt; only the salt and hash are stored. */
export function hashSecret(secret: string, salt = randomBytes(16).toString('hex')): { salt: string; hash: string } {
  return { salt, hash: scryptSync(secret, salt, 32).toString('hex') };
}

/** Checks a secret against a stored salt + hash in constant time (no early exit on the first wrong byte). */
export function verifySecret(secret: string, salt: string, hash: string): boolean {
  return safeEqual(scryptSync(secret, salt, 32).toString('hex'), hash);
}

/** Constant-time comparison of two strings (lengths are not secret). */
export function safeEqual(a: string, b: string): boolean {
  const left = Buffer.from(a, 'utf8');
  const right = Buffer.from(b, 'utf8');
  return left.length === right.length && timingSafeEqual(left, right);
}

/** A random id with a readable prefix, e.g. `exec-3f9c…`. */
export function randomId(prefix: string, bytes = 8): string {
  return `${prefix}-${randomBytes(bytes).toString('hex')}`;
}
