import type { PasswordHasher } from '../../auth/passwordHasher.js';
import { assertAcceptablePassword } from '../../auth/passwordPolicy.js';
import type { Role } from '../../auth/principal.js';
import { DomainError } from '../domainError.js';
import type { Language } from '@crm-policy/engine';
import type { Update } from '../../store/collection.js';
import { UserCache } from './userCache.js';
import type { UserAccess, UserCacheOptions } from './userCache.js';
import type { UserDoc, UsersRepository } from './usersRepository.js';

const ACCESS_FIELDS = { username: 1, displayName: 1, role: 1, teams: 1, disabled: 1, tokenVersion: 1 } as const;

/** The version a user's tokens must carry to be accepted. */
export const tokenVersionOf = (user: Pick<UserDoc, 'tokenVersion'>): number => user.tokenVersion ?? 0;

/**
 * What ends or changes a user's access: disabling and enabling, passwords,
 * role and teams, and signing out everywhere. Each of these bumps the user's
 * token version, so every token signed before stops working on its next request.
 * Each answers the changed user's document (show it with `publicUser`).
 */
export class UserAccounts {
  private readonly cache: UserCache;

  constructor(
    private readonly users: UsersRepository,
    private readonly passwords: PasswordHasher,
    private readonly clock: () => Date,
    cache?: UserCacheOptions,
  ) {
    this.cache = new UserCache((id) => users.users.findOne({ _id: id }, { projection: ACCESS_FIELDS }) as Promise<UserAccess | null>, cache);
  }

  /** The user a token names, as the check on every request needs them: from this process's cache while it is fresh. */
  access(id: string): Promise<UserAccess | null> {
    return this.cache.get(id);
  }

  /** Disables a user: they cannot sign in, and their tokens end. The last active admin cannot be disabled (409 `last-admin`). */
  async disable(id: string): Promise<UserDoc> {
    const before = await this.keepAnAdmin(id);
    const changed = await this.change(id, { $set: { disabled: true } });
    await this.undoIfNoAdminLeft(id, { disabled: before.disabled ?? false });
    return changed;
  }

  /** Lets a disabled user sign in again (their old tokens stay ended). */
  enable(id: string): Promise<UserDoc> {
    return this.change(id, { $set: { disabled: false } });
  }

  /** Sets a new password (422 `weak-password` on `/password` when too short or too common); every token of the user ends. */
  async setPassword(id: string, password: string, language: Language = 'en'): Promise<UserDoc> {
    assertAcceptablePassword(password, '/password', language);
    await this.existing(id);
    return this.change(id, { $set: { passwordHash: await this.passwords.hash(password) } });
  }

  /** Gives a user another role and teams (validated as at creation); the last active admin keeps the role (409 `last-admin`). */
  async changeRole(id: string, role: Role, teams: string[]): Promise<UserDoc> {
    await this.users.checkMembership(role, teams);
    if (role === 'admin') return this.change(id, { $set: { role, teams } });
    const before = await this.keepAnAdmin(id);
    const changed = await this.change(id, { $set: { role, teams } });
    await this.undoIfNoAdminLeft(id, { role: before.role, teams: before.teams });
    return changed;
  }

  /** Ends every token of a user (signing out everywhere). */
  async endSessions(id: string): Promise<UserDoc> {
    return this.change(id, {});
  }

  private async existing(id: string): Promise<UserDoc> {
    const user = await this.users.findById(id);
    if (!user) throw new DomainError('not-found', 'No such user');
    return user;
  }

  /** Refuses a change that would leave no active admin; answers the user as they were. */
  private async keepAnAdmin(id: string): Promise<UserDoc> {
    const user = await this.existing(id);
    if (user.role !== 'admin' || user.disabled) return user;
    const others = await this.users.users.countDocuments({ role: 'admin', disabled: { $ne: true }, _id: { $ne: id } });
    if (others === 0) throw lastAdmin();
    return user;
  }

  /**
   * After the change: two changes at once (disabling the last two admins) may
   * each have seen the other admin. If no active admin is left, this change is
   * put back and refused, so the organisation always keeps one.
   */
  private async undoIfNoAdminLeft(id: string, before: Record<string, unknown>): Promise<void> {
    if ((await this.users.users.countDocuments({ role: 'admin', disabled: { $ne: true } })) > 0) return;
    await this.change(id, { $set: before });
    throw lastAdmin();
  }

  private async change(id: string, update: Update): Promise<UserDoc> {
    const set = { ...((update['$set'] as Record<string, unknown> | undefined) ?? {}), updatedAt: this.clock().toISOString() };
    const changed = await this.users.users.findOneAndUpdate({ _id: id }, { ...update, $set: set, $inc: { tokenVersion: 1 } });
    this.cache.forget(id);
    if (!changed) throw new DomainError('not-found', 'No such user');
    return changed;
  }
}

const lastAdmin = () => new DomainError('last-admin', 'This is the last active admin: make another admin first');
