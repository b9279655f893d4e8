import { createHash, randomBytes, randomUUID, timingSafeEqual } from 'node:crypto';
import type { Collection, Doc, Store } from '../store/collection.js';
import type { Role } from './principal.js';

/** What anyone is shown of a key: never its hash. */
export interface ApiKeyRecord {
  _id: string;
  name: string;
  role: Role;
  teams: string[];
  /** Web origins (`https://crm.example.com`) whose pages may embed the registration form with tokens this key mints. */
  origins: string[];
  /** A registrar key (for a platform plugin): it registers customers for a named active rep and decides policies, nothing else (see `registrarRoutes`). */
  registrar?: boolean;
  createdAt: string;
  createdBy: string;
  revokedAt?: string;
  revokedBy?: string;
  updatedAt?: string;
}

export interface ApiKeyDoc extends Doc, ApiKeyRecord {
  /** SHA-256 of the secret: keys are long random strings, so a fast hash is enough and lookups stay cheap. */
  secretHash: string;
}

/** The scope an admin gives a key. */
export interface ApiKeyScope {
  name: string;
  role: Role;
  teams: string[];
  origins: string[];
  registrar?: boolean;
}

const sha256 = (text: string) => createHash('sha256').update(text).digest('hex');

/** API keys for integrators: `<id>.<secret>`, stored hashed, shown once. */
export class ApiKeys {
  readonly keys: Collection<ApiKeyDoc>;

  constructor(
    store: Store,
    private readonly clock: () => Date,
  ) {
    this.keys = store.collection<ApiKeyDoc>('apiKeys');
  }

  async create(input: ApiKeyScope & { createdBy: string }): Promise<{ key: string; record: ApiKeyRecord }> {
    const id = randomUUID();
    const secret = randomBytes(32).toString('base64url');
    const doc: ApiKeyDoc = { _id: id, ...input, secretHash: sha256(secret), createdAt: this.clock().toISOString() };
    await this.keys.insertOne(doc);
    return { key: `${id}.${secret}`, record: withoutHash(doc) };
  }

  async list(): Promise<ApiKeyRecord[]> {
    return (await this.keys.find({}, { sort: { createdAt: -1 } })).map(withoutHash);
  }

  /** Changes a key's scope; it applies to the key's next call. */
  async rescope(id: string, scope: ApiKeyScope): Promise<ApiKeyRecord | null> {
    const updated = await this.keys.findOneAndUpdate({ _id: id, revokedAt: { $exists: false } }, { $set: { ...scope, registrar: scope.registrar ?? false, updatedAt: this.clock().toISOString() } });
    return updated && withoutHash(updated);
  }

  /** Revokes a key for good: it, and every embed token it minted, stops working at once. */
  async revoke(id: string, by: string): Promise<ApiKeyRecord | null> {
    const revoked = await this.keys.findOneAndUpdate({ _id: id, revokedAt: { $exists: false } }, { $set: { revokedAt: this.clock().toISOString(), revokedBy: by } });
    return revoked && withoutHash(revoked);
  }

  /** An unrevoked key by id (an embed token names the key that minted it). */
  active(id: string): Promise<ApiKeyDoc | null> {
    return this.keys.findOne({ _id: id, revokedAt: { $exists: false } });
  }

  /** Every origin an active key may embed from: the pages allowed to frame the form. */
  async embedOrigins(): Promise<string[]> {
    const keys = await this.keys.find({ revokedAt: { $exists: false } }, { projection: { origins: 1 } });
    return [...new Set(keys.flatMap((key) => key.origins ?? []))].sort();
  }

  /** The key's record when `presented` is a valid, unrevoked key. */
  async verify(presented: string): Promise<ApiKeyDoc | undefined> {
    const [id, secret] = presented.split('.');
    if (!id || !secret) return undefined;
    const doc = await this.keys.findOne({ _id: id });
    if (!doc || doc.revokedAt) return undefined;
    const expected = Buffer.from(doc.secretHash, 'hex');
    const actual = Buffer.from(sha256(secret), 'hex');
    return timingSafeEqual(expected, actual) ? doc : undefined;
  }
}

function withoutHash(doc: ApiKeyDoc): ApiKeyRecord {
  const { secretHash: _hash, ...record } = doc;
  return record as ApiKeyRecord;
}
