import { jwtVerify, SignJWT } from 'jose';

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

/** Signs and verifies the short-lived bearer tokens that login hands out, and the embed tokens API keys mint (HS256). */
export class TokenSigner {
  private readonly key: Uint8Array;

  constructor(
    secret: string,
    private readonly lifetimeSeconds: number,
    private readonly clock: () => Date,
  ) {
    this.key = new TextEncoder().encode(secret);
  }

  /** A login token for `userId` at the user's token `version` (the `ver` claim): bumping the version ends it. */
  async sign(userId: string, version = 0): Promise<{ token: string; expiresAt: string }> {
    const issuedAt = Math.floor(this.clock().getTime() / 1000);
    const expires = issuedAt + this.lifetimeSeconds;
    const token = await new SignJWT({ ver: version }).setProtectedHeader({ alg: 'HS256' }).setSubject(userId).setIssuedAt(issuedAt).setExpirationTime(expires).setIssuer('crm-policy').sign(this.key);
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
      .sign(this.key);
    return { token, expiresAt: new Date(expires * 1000).toISOString() };
  }

  /** The claims of a valid, unexpired token; undefined otherwise. */
  async verify(token: string): Promise<TokenClaims | undefined> {
    try {
      const { payload } = await jwtVerify(token, this.key, { issuer: 'crm-policy', algorithms: ['HS256'], currentDate: this.clock() });
      if (typeof payload.sub !== 'string') return undefined;
      if (payload.aud === undefined) {
        const version = payload['ver'] ?? 0;
        return Number.isInteger(version) ? { userId: payload.sub, version: version as number } : undefined;
      }
      if (payload.aud !== EMBED_AUDIENCE || typeof payload['kid'] !== 'string' || typeof payload['origin'] !== 'string') return undefined;
      const industry = typeof payload['industry'] === 'string' ? payload['industry'] : undefined;
      return { userId: payload.sub, version: 0, embed: { keyId: payload['kid'], origin: payload['origin'], ...(industry ? { industry } : {}) } };
    } catch {
      return undefined;
    }
  }
}
