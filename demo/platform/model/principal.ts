import type { TokenClaims } from '../tokens.js';

/** Who is calling the executions API, derived from a verified access token. */
export interface Principal {
  orgId: string;
  /** `USER` tokens see the whole organisation; `SUB_ORG` tokens only their sub-organization. */
  kind: 'USER' | 'SUB_ORG';
  /** The user e-mail or the sub-org identifier. */
  identifier: string;
}

/** Maps access-token claims to a principal; `undefined` for any other token (e.g. a notebook token). */
export function principalFromClaims(claims: TokenClaims): Principal | undefined {
  const [kind, ...rest] = claims.scope.split(':');
  const identifier = rest.join(':');
  if (!identifier) return undefined;
  if (kind === 'user') return { orgId: claims.org, kind: 'USER', identifier };
  if (kind === 'sub_org') return { orgId: claims.org, kind: 'SUB_ORG', identifier };
  return undefined;
}

/** Whether a principal may see an execution of `orgId` / `subOrgId`. */
export function canSee(principal: Principal, execution: { orgId: string; subOrgId: string | null }): boolean {
  if (principal.orgId !== execution.orgId) return false;
  return principal.kind === 'USER' || execution.subOrgId === principal.identifier;
}
