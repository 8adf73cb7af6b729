import { isRecord } from '../protocol/is-record.js';

/** The time claims of a JWT, in ms since epoch. Never verifies: the platform does that. */
export interface JwtTimes {
  exp?: number;
  iat?: number;
}

/** Reads `exp` and `iat` of a JWT; an empty object for anything that is not one. */
export function jwtTimes(token: string): JwtTimes {
  const payload = token.split('.')[1];
  if (token.split('.').length !== 3 || !payload) return {};
  try {
    const base64 = payload.replace(/-/g, '+').replace(/_/g, '/');
    const claims: unknown = JSON.parse(atob(base64.padEnd(Math.ceil(base64.length / 4) * 4, '=')));
    if (!isRecord(claims)) return {};
    const times: JwtTimes = {};
    for (const key of ['exp', 'iat'] as const) {
      const value = claims[key];
      if (typeof value === 'number' && Number.isFinite(value)) times[key] = value * 1000;
    }
    return times;
  } catch {
    return {};
  }
}

/** Reads the `exp` claim of a JWT, in ms since epoch; undefined for anything else. */
export const jwtExpiry = (token: string): number | undefined => jwtTimes(token).exp;
