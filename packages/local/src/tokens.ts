import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';
import { type CryptoKey, type JWK, type JWTPayload, SignJWT, exportJWK, generateKeyPair, importJWK, jwtVerify } from 'jose';
import * as z from '@channelbase/core/kernel/zod';
import { PARTNER_ROLES, ROLES, type Clock, isPartnerRole } from '@channelbase/core';

/** The local stand-in for the Cognito user pool: issuer, app client and signing key. */
export const LOCAL_ISSUER = 'http://channelbase.local/issuer';
export const LOCAL_CLIENT_ID = 'channelbase-local-client';

export const tokenRequestSchema = z.strictObject({
  sub: z.string().check(z.minLength(1), z.maxLength(128)),
  roles: z.array(z.enum(ROLES)).check(z.minLength(1), z.maxLength(ROLES.length)),
  partnerId: z.optional(z.string().check(z.regex(/^ptr_[0-9A-HJKMNP-TV-Z]{26}$/))),
  userId: z.optional(z.string().check(z.regex(/^usr_[0-9A-HJKMNP-TV-Z]{26}$/))),
  expiresInSeconds: z._default(z.number().check(z.int(), z.minimum(1), z.maximum(7 * 24 * 3600)), 3600),
  tokenUse: z.withDescription(z._default(z.enum(['access', 'id']), 'access'), 'An id token exists to test that the API refuses it'),
});
export type TokenRequest = z.input<typeof tokenRequestSchema>;

/** Verified tokens kept so that a client's repeated token costs no RSA verification. */
const VERIFIED_CACHE_SIZE = 1000;

export class LocalIssuer {
  private readonly verified = new Map<string, JWTPayload>();

  private constructor(
    private readonly privateKey: CryptoKey,
    private readonly publicKey: CryptoKey,
    readonly jwks: { keys: JWK[] },
    private readonly clock: Clock,
  ) {}

  /** Loads the signing key from `keyFile` (tokens survive a restart), or makes one. */
  static async create(clock: Clock, keyFile?: string): Promise<LocalIssuer> {
    let privateJwk: JWK;
    if (keyFile && existsSync(keyFile)) {
      privateJwk = JSON.parse(readFileSync(keyFile, 'utf8')) as JWK;
    } else {
      const { privateKey } = await generateKeyPair('RS256', { extractable: true });
      privateJwk = { ...(await exportJWK(privateKey)), kid: `local-${Date.now().toString(36)}`, alg: 'RS256', use: 'sig' };
      if (keyFile) {
        mkdirSync(dirname(keyFile), { recursive: true });
        writeFileSync(keyFile, JSON.stringify(privateJwk), { mode: 0o600 });
      }
    }
    const { d, p, q, dp, dq, qi, ...publicJwk } = privateJwk;
    void [d, p, q, dp, dq, qi];
    const privateKey = (await importJWK(privateJwk, 'RS256')) as CryptoKey;
    const publicKey = (await importJWK(publicJwk, 'RS256')) as CryptoKey;
    return new LocalIssuer(privateKey, publicKey, { keys: [publicJwk] }, clock);
  }

  /** Signs a token shaped like a Cognito access token (or id token). */
  async issue(input: TokenRequest): Promise<string> {
    const req = tokenRequestSchema.parse(input);
    if (req.roles.some(isPartnerRole) && !req.partnerId) throw new Error(`partner roles (${PARTNER_ROLES.join(', ')}) need a partnerId`);
    const now = Math.floor(this.clock.now().getTime() / 1000);
    const claims: JWTPayload & Record<string, unknown> = {
      'cognito:groups': req.roles,
      token_use: req.tokenUse,
      auth_time: now,
      ...(req.partnerId ? { partner_id: req.partnerId } : {}),
      ...(req.tokenUse === 'access'
        ? { client_id: LOCAL_CLIENT_ID, scope: 'aws.cognito.signin.user.admin', username: req.userId ?? req.sub }
        : { aud: LOCAL_CLIENT_ID, 'cognito:username': req.userId ?? req.sub }),
    };
    return new SignJWT(claims)
      .setProtectedHeader({ alg: 'RS256', kid: this.jwks.keys[0]?.kid ?? 'local' })
      .setSubject(req.sub)
      .setIssuer(LOCAL_ISSUER)
      .setIssuedAt(now)
      .setExpirationTime(now + req.expiresInSeconds)
      .setJti(crypto.randomUUID())
      .sign(this.privateKey);
  }

  /**
   * Verifies a token as API Gateway's JWT authorizer does: a `kid` of the JWKS, signature,
   * issuer, `exp` present and after now, `nbf` and `iat` not in the future (by the runtime
   * clock), and the app client in `aud` or `client_id`. Returns the claims, or undefined.
   */
  async verify(token: string): Promise<Record<string, unknown> | undefined> {
    const now = this.clock.now();
    // A signature once verified stays valid: only the time checks are repeated for a known token.
    const known = this.verified.get(token);
    if (known) return this.timely(known, now) ? known : undefined;
    try {
      const { payload, protectedHeader } = await jwtVerify(token, this.publicKey, {
        issuer: LOCAL_ISSUER,
        algorithms: ['RS256'],
        currentDate: now,
        requiredClaims: ['exp'],
      });
      if (!this.jwks.keys.some((k) => (k.kid ?? 'local') === protectedHeader.kid)) return undefined;
      if (!this.timely(payload, now)) return undefined;
      if (payload.aud !== LOCAL_CLIENT_ID && payload.client_id !== LOCAL_CLIENT_ID) return undefined;
      if (this.verified.size >= VERIFIED_CACHE_SIZE) this.verified.delete(this.verified.keys().next().value as string);
      this.verified.set(token, payload);
      return payload as Record<string, unknown>;
    } catch {
      return undefined;
    }
  }

  private timely(claims: JWTPayload, now: Date): boolean {
    const seconds = Math.floor(now.getTime() / 1000);
    const notYet = (t: unknown) => typeof t === 'number' && t > seconds;
    return typeof claims.exp === 'number' && claims.exp > seconds && !notYet(claims.iat) && !notYet(claims.nbf);
  }
}
