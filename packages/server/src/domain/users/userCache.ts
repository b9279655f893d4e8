import type { Role } from '../../auth/principal.js';

/** What every request with a token needs of its user: who they are, their access, and whether the token may still be used. */
export interface UserAccess {
  _id: string;
  username: string;
  displayName: string;
  role: Role;
  teams: string[];
  disabled?: boolean;
  /** Tokens carry the version they were signed at; bumping it ends every earlier token. */
  tokenVersion?: number;
}

/** How long an entry is served before it is read again, and how many are kept. */
export interface UserCacheOptions {
  /** Default 2 s: the longest a change made by another process goes unseen here. */
  ttlMs: number;
  /** Default 10,000; the oldest entry goes first. */
  maxEntries: number;
  /** A monotonic clock in milliseconds (default `performance.now`). */
  now?: () => number;
}

export const DEFAULT_USER_CACHE: UserCacheOptions = { ttlMs: 2_000, maxEntries: 10_000 };

/**
 * The users that requests carry tokens of, kept in this process so that the
 * check on every request (disabled? token version? role and teams?) costs no
 * read of the store. This process forgets a user when it changes them; a
 * change made by another process is seen here once the entry is `ttlMs` old.
 */
export class UserCache {
  private readonly entries = new Map<string, { at: number; user: Promise<UserAccess | null> }>();
  private readonly now: () => number;

  constructor(
    private readonly load: (id: string) => Promise<UserAccess | null>,
    private readonly options: UserCacheOptions = DEFAULT_USER_CACHE,
  ) {
    this.now = options.now ?? (() => performance.now());
  }

  /** The user, from the cache while the entry is fresh, else from the store. */
  get(id: string): Promise<UserAccess | null> {
    const entry = this.entries.get(id);
    if (entry && this.now() - entry.at < this.options.ttlMs) return entry.user;
    this.entries.delete(id);
    // Concurrent requests for the same user share one read; a failed read is not kept.
    const user = this.load(id);
    user.catch(() => {
      if (this.entries.get(id)?.user === user) this.entries.delete(id);
    });
    this.entries.set(id, { at: this.now(), user });
    if (this.entries.size > this.options.maxEntries) this.entries.delete(this.entries.keys().next().value!);
    return user;
  }

  /** Drops the user: the next request reads them from the store. */
  forget(id: string): void {
    this.entries.delete(id);
  }
}
