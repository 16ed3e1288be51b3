import { type Actor, NotFoundError, type Role, ROLES, isVendorRole } from '@channelbase/core';

/** The caller, from the verified JWT claims the authorizer passes on. */
export interface Principal extends Actor {
  roles: Role[];
  /** The partner organisation of a partner user. */
  partnerId?: string;
  /** The Channelbase user id (`usr_...`), the Cognito user name. */
  userId?: string;
  isVendor: boolean;
}

/** Claim names in the access token. `partner_id` is added by the pre-token-generation trigger. */
export const CLAIMS = { groups: 'cognito:groups', partnerId: 'partner_id', tokenUse: 'token_use', username: 'username' } as const;

/**
 * API Gateway HTTP APIs flatten array claims into a string: `[vendor-admin partner-admin]`.
 * Accepts that form, a JSON array string and a real array.
 */
export function parseGroups(value: unknown): string[] {
  if (Array.isArray(value)) return value.map(String);
  if (typeof value !== 'string' || value.length === 0) return [];
  const trimmed = value.trim();
  if (trimmed.startsWith('[') && trimmed.includes('"')) {
    try {
      const parsed: unknown = JSON.parse(trimmed);
      if (Array.isArray(parsed)) return parsed.map(String);
    } catch {
      /* fall through to the bracket form */
    }
  }
  return trimmed
    .replace(/^\[|\]$/g, '')
    .split(/[\s,]+/)
    .filter(Boolean);
}

/** Builds the principal from claims; returns undefined for a token that is not an access token. */
export function principalFromClaims(claims: Record<string, unknown>): Principal | undefined {
  if (claims[CLAIMS.tokenUse] !== 'access' || typeof claims.sub !== 'string') return undefined;
  const roles = parseGroups(claims[CLAIMS.groups]).filter((g): g is Role => (ROLES as readonly string[]).includes(g));
  const partnerId = typeof claims[CLAIMS.partnerId] === 'string' && claims[CLAIMS.partnerId] ? String(claims[CLAIMS.partnerId]) : undefined;
  const username = typeof claims[CLAIMS.username] === 'string' ? String(claims[CLAIMS.username]) : undefined;
  const isVendor = roles.some(isVendorRole);
  return {
    sub: claims.sub,
    roles,
    isVendor,
    ...(partnerId ? { partnerId } : {}),
    ...(username?.startsWith('usr_') ? { userId: username } : {}),
  };
}

/**
 * Object-level authorisation: vendor roles see every partner; a partner user sees only its own.
 * Another partner's object is reported as not found, so its existence is not revealed.
 */
export function assertPartnerAccess(principal: Principal, partnerId: string, what = 'Partner'): void {
  if (principal.isVendor) return;
  if (principal.partnerId !== partnerId) throw new NotFoundError(`${what} not found`);
}
