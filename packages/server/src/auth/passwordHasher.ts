import pLimit from 'p-limit';
import type { LimitFunction } from 'p-limit';
import { ApiError } from '../http/apiError.js';
import { hashPassword, verifyPassword } from './passwords.js';

/** How many password hashes may run at once, and how many may wait for a turn. */
export interface PasswordCheckLimits {
  /** Hashes running at once (default 2: half of libuv's default pool of 4 threads, which scrypt runs on). */
  concurrent: number;
  /** Hashes waiting for a turn; past that a sign-in is refused with 503 `busy` (default 32). */
  waiting: number;
}

export const DEFAULT_PASSWORD_CHECK_LIMITS: PasswordCheckLimits = { concurrent: 2, waiting: 32 };

/**
 * Hashes and checks passwords, a bounded number at a time. Each scrypt takes
 * 32 MiB and a thread of libuv's pool for ~100 ms: unbounded, a burst of
 * sign-ins takes every thread, and whatever else needs one (file writes,
 * WebCrypto's HMAC under token checks) waits behind them. Bounded, the pool
 * keeps threads free, and a burst past the queue is refused at once.
 */
export class PasswordHasher {
  private readonly limit: LimitFunction;

  constructor(private readonly limits: PasswordCheckLimits = DEFAULT_PASSWORD_CHECK_LIMITS) {
    this.limit = pLimit(limits.concurrent);
  }

  /** Hashes a new password (`scrypt$N$r$p$salt$hash`). */
  hash(password: string): Promise<string> {
    return this.inTurn(() => hashPassword(password));
  }

  /** Checks a password against a stored hash. */
  verify(password: string, stored: string): Promise<boolean> {
    return this.inTurn(() => verifyPassword(password, stored));
  }

  /** Hashes running now, and waiting for a turn. */
  get load(): { running: number; waiting: number } {
    return { running: this.limit.activeCount, waiting: this.limit.pendingCount };
  }

  /**
   * Runs `work` in a turn of its own, as a hash would: what holds a turn
   * delays password checks, never requests that carry a token.
   */
  inTurn<T>(work: () => Promise<T>): Promise<T> {
    if (this.limit.activeCount >= this.limits.concurrent && this.limit.pendingCount >= this.limits.waiting) {
      return Promise.reject(new ApiError('busy', 'Too many sign-ins at once; try again in a moment', { retryAfter: 1 }));
    }
    return this.limit(work);
  }
}
