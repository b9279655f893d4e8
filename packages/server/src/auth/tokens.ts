import { webcrypto } from 'node:crypto';
import { jwtVerify, SignJWT } from 'jose';
import type { JWTPayload } from 'jose';
import { VerifiedTokens } from './verifiedTokens.js';

/** What an embed token allows: registering through the embedded form, for one host origin. */
export interface EmbedGrant {
  /** The API key that minted it: revoking the key ends the token. */
  keyId: string;
  /** The host page's origin: the only one the form talks to. */
  origin: string;
  /** The one industry it registers, when the host chose one. */
  industry?: string;
}

/** A verified token: whose it is, and for an embed token what it allows. */
export interface TokenClaims {
  userId: string;
  /** The user's token version when it was signed (0 for tokens from before versions existed); an embed token has none. */
  version: number;
  embed?: EmbedGrant;
}

const EMBED_AUDIENCE = 'crm-policy:embed';

/** How many verified tokens a process keeps by default (a few hundred bytes each). */
export const DEFAULT_VERIFIED_TOKENS = 10_000;

/**
 * Signs and verifies the short-lived bearer tokens that login hands out, and
 * the embed tokens API keys mint (HS256). The key is imported once; a token
 * whose signature checked out is kept (up to `verifiedTokens` of them) until
 * it expires, so a token seen again costs no HMAC. `verify` answers only what
 * the token says: the authenticator still checks the account on every request.
 */
export class TokenSigner {
  private readonly key: Promise<webcrypto.CryptoKey>;
  private readonly verified: VerifiedTokens<Readonly<TokenClaims>>;

  constructor(
    secret: string,
    private readonly lifetimeSeconds: number,
    private readonly clock: () => Date,
    verifiedTokens = DEFAULT_VERIFIED_TOKENS,
  ) {
    this.key = webcrypto.subtle.importKey('raw', new TextEncoder().encode(secret), { name: 'HMAC', hash: 'SHA-256' }, false, ['sign', 'verify']);
    this.verified = new VerifiedTokens(verifiedTokens);
  }

  /** A login token for `userId` at the user's token `version` (the `ver` claim): bumping the version ends it. */
  async sign(userId: string, version = 0): Promise<{ token: string; expiresAt: string }> {
    const issuedAt = Math.floor(this.clock().getTime() / 1000);
    const expires = issuedAt + this.lifetimeSeconds;
    const token = await new SignJWT({ ver: version }).setProtectedHeader({ alg: 'HS256' }).setSubject(userId).setIssuedAt(issuedAt).setExpirationTime(expires).setIssuer('crm-policy').sign(await this.key);
    return { token, expiresAt: new Date(expires * 1000).toISOString() };
  }

  /** A token for the embedded registration form, acting as `userId`, for `lifetimeSeconds`. */
  async signEmbed(userId: string, grant: EmbedGrant, lifetimeSeconds: number): Promise<{ token: string; expiresAt: string }> {
    const issuedAt = Math.floor(this.clock().getTime() / 1000);
    const expires = issuedAt + lifetimeSeconds;
    const token = await new SignJWT({ kid: grant.keyId, origin: grant.origin, ...(grant.industry ? { industry: grant.industry } : {}) })
      .setProtectedHeader({ alg: 'HS256' })
      .setSubject(userId)
      .setAudience(EMBED_AUDIENCE)
      .setIssuedAt(issuedAt)
      .setExpirationTime(expires)
      .setIssuer('crm-policy')
      .sign(await this.key);
    return { token, expiresAt: new Date(expires * 1000).toISOString() };
  }

  /** The claims of a valid, unexpired token; undefined otherwise. */
  async verify(token: string): Promise<Readonly<TokenClaims> | undefined> {
    const now = this.clock();
    const known = this.verified.get(token, now.getTime());
    if (known) return known;
    try {
      const { payload } = await jwtVerify(token, await this.key, { issuer: 'crm-policy', algorithms: ['HS256'], currentDate: now, requiredClaims: ['exp'] });
      const claims = claimsOf(payload);
      if (claims) this.verified.set(token, claims, payload.exp! * 1000);
      return claims;
    } catch {
      return undefined;
    }
  }
}

/** What a verified payload grants, frozen (it is shared by every request bearing the token); undefined when malformed. */
function claimsOf(payload: JWTPayload): Readonly<TokenClaims> | undefined {
  if (typeof payload.sub !== 'string') return undefined;
  if (payload.aud === undefined) {
    const version = payload['ver'] ?? 0;
    return Number.isInteger(version) ? Object.freeze({ userId: payload.sub, version: version as number }) : undefined;
  }
  if (payload.aud !== EMBED_AUDIENCE || typeof payload['kid'] !== 'string' || typeof payload['origin'] !== 'string') return undefined;
  const industry = typeof payload['industry'] === 'string' ? payload['industry'] : undefined;
  const embed = Object.freeze({ keyId: payload['kid'], origin: payload['origin'], ...(industry ? { industry } : {}) });
  return Object.freeze({ userId: payload.sub, version: 0, embed });
}
