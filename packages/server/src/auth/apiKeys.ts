import { createHash, randomBytes, randomUUID, timingSafeEqual } from 'node:crypto';
import type { Collection, Doc, Store } from '../store/collection.js';
import type { Role } from './principal.js';

export interface ApiKeyDoc extends Doc {
  name: string;
  role: Role;
  teams: string[];
  /** SHA-256 of the secret: keys are long random strings, so a fast hash is enough and lookups stay cheap. */
  secretHash: string;
  createdAt: string;
  createdBy: string;
  revokedAt?: string;
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

  async create(input: { name: string; role: Role; teams: string[]; createdBy: string }): Promise<{ key: string; record: Omit<ApiKeyDoc, 'secretHash'> }> {
    const id = randomUUID();
    const secret = randomBytes(32).toString('base64url');
    const doc: ApiKeyDoc = { _id: id, ...input, secretHash: sha256(secret), createdAt: this.clock().toISOString() };
    await this.keys.insertOne(doc);
    const { secretHash: _hash, ...record } = doc;
    return { key: `${id}.${secret}`, record };
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
