import { RateLimiterMemory } from 'rate-limiter-flexible';
import type { RateLimiterRes } from 'rate-limiter-flexible';
import { ApiError } from '../http/apiError.js';

/** How many wrong passwords an account and an address may send, and how long they are then locked. */
export interface SignInLimits {
  /** Wrong passwords for one username before it is locked (default 5). */
  accountFailures: number;
  /** Wrong passwords from one address, for any usernames, before the address is locked (default 20). */
  addressFailures: number;
  /** How long a wrong password is remembered (default 15 minutes). */
  windowSeconds: number;
  /** The first lock (default 60 s). Each further lock within a day lasts twice the one before, and comes after one more wrong password. */
  firstLockSeconds: number;
  /** The longest lock (default 1 hour). */
  maxLockSeconds: number;
}

export const DEFAULT_SIGN_IN_LIMITS: SignInLimits = { accountFailures: 5, addressFailures: 20, windowSeconds: 15 * 60, firstLockSeconds: 60, maxLockSeconds: 60 * 60 };

const DAY = 24 * 60 * 60;

/** An attempt under way: say how it ended. */
export interface SignInAttempt {
  /** The password was right: the account's failures are forgotten, the address's attempt is not counted. */
  succeeded(): Promise<void>;
  /** The password was wrong: the seconds of the lock this failure starts (0 when none). */
  failed(): Promise<number>;
  /** The password was never checked (the server was busy): the attempt is not counted. */
  abandoned(): Promise<void>;
}

/** 429 `too-many-attempts`, with `retryAfter` (and the `Retry-After` header) in seconds. */
export function tooManyAttempts(seconds: number): ApiError {
  const retryAfter = Math.max(1, Math.ceil(seconds));
  return new ApiError('too-many-attempts', `Too many wrong passwords; try again in ${retryAfter} s`, { retryAfter });
}

/**
 * Counts wrong passwords per account (username) and per client address, and
 * locks either for a growing time once it has too many. The counters are
 * rate-limiter-flexible's in-memory ones: they live in this process (see
 * docs/deployment.md for what that means behind a load balancer).
 */
export class SignInThrottle {
  private readonly accounts: FailureCounter;
  private readonly addresses: FailureCounter;

  constructor(limits: SignInLimits = DEFAULT_SIGN_IN_LIMITS) {
    this.accounts = new FailureCounter('account', limits.accountFailures, limits);
    this.addresses = new FailureCounter('address', limits.addressFailures, limits);
  }

  /**
   * Starts an attempt to sign in as `username` from `address`: refused (429)
   * while either is locked, before any password is checked.
   */
  async begin(username: string, address: string): Promise<SignInAttempt> {
    const account = username.normalize('NFKC').toLowerCase();
    const from = addressKey(address);
    const locked = Math.max(await this.accounts.lockedFor(account), await this.addresses.lockedFor(from));
    if (locked > 0) throw tooManyAttempts(locked);
    // Counted before the check, so that a burst of attempts in flight cannot pass the limit.
    const accountLock = await this.accounts.count(account);
    const addressLock = await this.addresses.count(from);
    if (accountLock > 0 || addressLock > 0) {
      if (accountLock === 0) await this.accounts.uncount(account);
      if (addressLock === 0) await this.addresses.uncount(from);
      throw tooManyAttempts(Math.max(accountLock, addressLock));
    }
    return {
      succeeded: async () => {
        await this.accounts.forget(account);
        await this.addresses.uncount(from);
      },
      failed: async () => Math.max(await this.accounts.failed(account), await this.addresses.failed(from)),
      abandoned: async () => {
        await this.accounts.uncount(account);
        await this.addresses.uncount(from);
      },
    };
  }
}

/** One dimension's counters: attempts (in flight or failed), locks, and how many locks in the last day. */
class FailureCounter {
  private readonly attempts: RateLimiterMemory;
  private readonly locks: RateLimiterMemory;
  private readonly lockHistory: RateLimiterMemory;

  constructor(
    name: string,
    private readonly allowed: number,
    private readonly limits: SignInLimits,
  ) {
    this.attempts = new RateLimiterMemory({ keyPrefix: `sign-in-${name}`, points: allowed, duration: limits.windowSeconds });
    this.locks = new RateLimiterMemory({ keyPrefix: `sign-in-${name}-lock`, points: 1, duration: limits.maxLockSeconds });
    this.lockHistory = new RateLimiterMemory({ keyPrefix: `sign-in-${name}-locks`, points: 1, duration: DAY });
  }

  /** Seconds left of the key's lock; 0 when it is not locked. */
  async lockedFor(key: string): Promise<number> {
    const lock = await this.locks.get(key);
    return lock && lock.msBeforeNext > 0 ? lock.msBeforeNext / 1000 : 0;
  }

  /** Counts an attempt; when that is more than allowed, locks the key and answers the lock's seconds. */
  async count(key: string): Promise<number> {
    const counted = await this.attempts.penalty(key);
    return counted.consumedPoints > (await this.threshold(key)) ? this.lock(key) : 0;
  }

  /** A counted attempt failed: locks the key when it used up what is allowed. */
  async failed(key: string): Promise<number> {
    return live(await this.attempts.get(key)) >= (await this.threshold(key)) ? this.lock(key) : 0;
  }

  /** A counted attempt does not count after all. */
  async uncount(key: string): Promise<void> {
    if (live(await this.attempts.get(key)) > 0) await this.attempts.reward(key);
  }

  /** Forgets the key's failures and past locks (a lock under way stays). */
  async forget(key: string): Promise<void> {
    await this.attempts.delete(key);
    await this.lockHistory.delete(key);
  }

  /** After a lock, within a day, one wrong password locks again. */
  private async threshold(key: string): Promise<number> {
    return live(await this.lockHistory.get(key)) > 0 ? 1 : this.allowed;
  }

  private async lock(key: string): Promise<number> {
    const previous = live(await this.lockHistory.get(key));
    await this.lockHistory.penalty(key);
    const seconds = Math.min(this.limits.maxLockSeconds, this.limits.firstLockSeconds * 2 ** previous);
    await this.attempts.delete(key);
    await this.locks.block(key, seconds);
    return seconds;
  }
}

/** The points of a counter that has not run out. */
function live(res: RateLimiterRes | null): number {
  return res && res.msBeforeNext > 0 ? res.consumedPoints : 0;
}

/**
 * The counter an address falls in: an IPv4 address on its own (also when
 * written as IPv6-mapped), an IPv6 address with the rest of its /64, which one
 * host usually holds whole.
 */
export function addressKey(address: string): string {
  const plain = address.replace(/%.*$/, '').toLowerCase();
  const mapped = /^::ffff:(\d+\.\d+\.\d+\.\d+)$/.exec(plain);
  if (mapped) return mapped[1]!;
  if (!plain.includes(':')) return plain;
  const [head = '', tail] = plain.split('::');
  const left = head ? head.split(':') : [];
  const right = tail ? tail.split(':') : [];
  const groups = tail === undefined ? left : [...left, ...Array<string>(Math.max(0, 8 - left.length - right.length)).fill('0'), ...right];
  return `${groups
    .slice(0, 4)
    .map((group) => (parseInt(group, 16) || 0).toString(16))
    .join(':')}::/64`;
}
