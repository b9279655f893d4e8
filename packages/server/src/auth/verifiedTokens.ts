/**
 * Tokens whose signature this process has checked, with what they said, until
 * they expire: a token seen again skips the HMAC. Only the signature's
 * verdict is kept; whether the account may still use the token (disabled,
 * token version, role, the embed key) is checked by the authenticator on
 * every request. Failed tokens are never kept. At most `maxEntries` tokens are
 * kept; the one used least recently goes first.
 */
export class VerifiedTokens<T> {
  private readonly entries = new Map<string, { claims: T; expiresAtMs: number }>();

  constructor(private readonly maxEntries: number) {}

  /** The claims of a token verified before, while `nowMs` is before its expiry. */
  get(token: string, nowMs: number): T | undefined {
    const entry = this.entries.get(token);
    if (!entry) return undefined;
    this.entries.delete(token);
    if (nowMs >= entry.expiresAtMs) return undefined;
    this.entries.set(token, entry);
    return entry.claims;
  }

  /** Keeps a token just verified, until `expiresAtMs`. */
  set(token: string, claims: T, expiresAtMs: number): void {
    this.entries.delete(token);
    this.entries.set(token, { claims, expiresAtMs });
    if (this.entries.size > this.maxEntries) this.entries.delete(this.entries.keys().next().value!);
  }

  /** How many tokens are kept. */
  get size(): number {
    return this.entries.size;
  }
}
