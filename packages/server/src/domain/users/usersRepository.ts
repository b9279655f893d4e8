import { newId } from '../../store/newId.js';
import type { Collection, Doc, Store } from '../../store/collection.js';
import { isDuplicateKey } from '../../store/storeError.js';
import { DomainError } from '../domainError.js';
import { ORGANISATION_ROLES } from '../../auth/principal.js';
import type { Role } from '../../auth/principal.js';
import type { PasswordHasher } from '../../auth/passwordHasher.js';
import { assertAcceptablePassword } from '../../auth/passwordPolicy.js';

export interface UserDoc extends Doc {
  username: string;
  displayName: string;
  role: Role;
  teams: string[];
  passwordHash: string;
  createdAt: string;
  disabled?: boolean;
  /** Bumped when the user's tokens must end (sign-out, password, role or teams changed, disabled); tokens carry the version they were signed at. */
  tokenVersion?: number;
  updatedAt?: string;
}

/** Where a team sells: GB/T 2260 regions (province, city or district), optionally narrowed by customer size, industry and product line. */
export interface Territory {
  regions: string[];
  sizes?: Array<'individual' | 'sme' | 'large'>;
  industries?: string[];
  productLines?: string[];
}

/** A member of a team, as assignment sees them. */
export interface Member {
  userId: string;
  role: 'inside' | 'field';
  /** The most active customers the member may own. */
  capacity: number;
  /** false while on leave: assignment skips them. */
  available: boolean;
}

export interface TeamDoc extends Doc {
  name: string;
  createdAt: string;
  territories?: Territory[];
  members?: Member[];
}

/** A user as the API shows it: never the password hash or the token version. */
export type PublicUser = Omit<UserDoc, 'passwordHash' | 'tokenVersion'>;

export const publicUser = ({ passwordHash: _hash, tokenVersion: _version, ...user }: UserDoc): PublicUser => user;

/** Users and teams. */
export class UsersRepository {
  readonly users: Collection<UserDoc>;
  readonly teams: Collection<TeamDoc>;

  constructor(
    store: Store,
    private readonly clock: () => Date,
    private readonly passwords: PasswordHasher,
  ) {
    this.users = store.collection<UserDoc>('users');
    this.teams = store.collection<TeamDoc>('teams');
  }

  async createIndexes(): Promise<void> {
    await this.users.createIndex({ name: 'username_unique', keys: { username: 1 }, unique: true });
    await this.teams.createIndex({ name: 'team_name_unique', keys: { name: 1 }, unique: true });
  }

  async createTeam(name: string): Promise<TeamDoc> {
    try {
      return await this.teams.insertOne({ _id: newId(), name, createdAt: this.clock().toISOString() });
    } catch (error) {
      if (isDuplicateKey(error)) throw new DomainError('conflict', `A team named "${name}" exists`, { details: [{ path: '/name', message: 'already taken' }] });
      throw error;
    }
  }

  /** Gives a team another name (409 `conflict` on `/name` when another team has it; 404 for an unknown team). */
  async renameTeam(id: string, name: string): Promise<TeamDoc> {
    const team = await this.teams.findOne({ _id: id });
    if (!team) throw new DomainError('not-found', 'No such team');
    const taken = await this.teams.findOne({ name, _id: { $ne: id } });
    if (taken) throw new DomainError('conflict', `A team named "${name}" exists`, { details: [{ path: '/name', message: 'already taken' }] });
    try {
      await this.teams.updateOne({ _id: id }, { $set: { name } });
    } catch (error) {
      if (isDuplicateKey(error)) throw new DomainError('conflict', `A team named "${name}" exists`, { details: [{ path: '/name', message: 'already taken' }] });
      throw error;
    }
    return { ...team, name };
  }

  /** Changes the name a user is shown by (404 for an unknown user); their tokens stay valid. */
  async setDisplayName(id: string, displayName: string): Promise<UserDoc> {
    const user = await this.findById(id);
    if (!user) throw new DomainError('not-found', 'No such user');
    const updatedAt = this.clock().toISOString();
    await this.users.updateOne({ _id: id }, { $set: { displayName, updatedAt } });
    return { ...user, displayName, updatedAt };
  }

  async createUser(input: { username: string; password: string; displayName: string; role: Role; teams: string[] }): Promise<PublicUser> {
    assertAcceptablePassword(input.password);
    await this.checkMembership(input.role, input.teams);
    const user: UserDoc = {
      _id: newId(),
      username: input.username,
      displayName: input.displayName,
      role: input.role,
      teams: input.teams,
      passwordHash: await this.passwords.hash(input.password),
      createdAt: this.clock().toISOString(),
    };
    try {
      await this.users.insertOne(user);
    } catch (error) {
      if (isDuplicateKey(error)) throw new DomainError('conflict', `The username "${input.username}" is taken`, { details: [{ path: '/username', message: 'already taken' }] });
      throw error;
    }
    return publicUser(user);
  }

  /** Refuses teams that do not exist, a team role without a team, and a rep in more than one team (422 on `/teams`). */
  async checkMembership(role: Role, teams: string[]): Promise<void> {
    const known = await this.teams.find({ _id: { $in: teams } });
    const unknown = teams.filter((id) => !known.some((team) => team._id === id));
    if (unknown.length > 0) {
      throw new DomainError('invalid', `Unknown team(s): ${unknown.join(', ')}`, { details: unknown.map((id) => ({ path: `/teams/${teams.indexOf(id)}`, message: 'no such team' })) });
    }
    if (!ORGANISATION_ROLES.includes(role) && teams.length === 0) {
      throw new DomainError('invalid', `A ${role} needs at least one team`, { details: [{ path: '/teams', message: 'at least one team' }] });
    }
    if (role === 'rep' && teams.length > 1) {
      throw new DomainError('invalid', 'A rep belongs to one team', { details: [{ path: '/teams', message: 'exactly one team for a rep' }] });
    }
  }

  findByUsername(username: string): Promise<UserDoc | null> {
    return this.users.findOne({ username });
  }

  findById(id: string): Promise<UserDoc | null> {
    return this.users.findOne({ _id: id });
  }
}
