import { jwtVerify, SignJWT } from 'jose';

/** Signs and verifies the short-lived bearer tokens that login hands out (HS256). */
export class TokenSigner {
  private readonly key: Uint8Array;

  constructor(
    secret: string,
    private readonly lifetimeSeconds: number,
    private readonly clock: () => Date,
  ) {
    this.key = new TextEncoder().encode(secret);
  }

  async sign(userId: string): Promise<{ token: string; expiresAt: string }> {
    const issuedAt = Math.floor(this.clock().getTime() / 1000);
    const expires = issuedAt + this.lifetimeSeconds;
    const token = await new SignJWT({}).setProtectedHeader({ alg: 'HS256' }).setSubject(userId).setIssuedAt(issuedAt).setExpirationTime(expires).setIssuer('crm-policy').sign(this.key);
    return { token, expiresAt: new Date(expires * 1000).toISOString() };
  }

  /** The user id of a valid, unexpired token; undefined otherwise. */
  async verify(token: string): Promise<string | undefined> {
    try {
      const { payload } = await jwtVerify(token, this.key, {
        issuer: 'crm-policy',
        algorithms: ['HS256'],
        currentDate: this.clock(),
      });
      return typeof payload.sub === 'string' ? payload.sub : undefined;
    } catch {
      return undefined;
    }
  }
}
