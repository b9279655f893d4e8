import { createCipheriv, createDecipheriv, createHash, randomBytes } from 'node:crypto';
import type { AtRest, SealedField, SealedValue } from './sealedValue.js';
import { isSealed, SEALED } from './sealedValue.js';

/** A data key that is missing, malformed, or not the one the store's values were sealed with. */
export class DataKeyError extends Error {
  override readonly name = 'DataKeyError';
}

/**
 * Seals and opens the fields kept encrypted at rest, with the data key from
 * `DATA_KEY` (32 bytes): AES-256-GCM, a random 96-bit IV per value, and the
 * value's place (collection, document id, field) as associated data, so a
 * sealed value copied into another document does not open. Without a key it
 * leaves values plain, and refuses to open a sealed one.
 */
export class AtRestCipher {
  /** Names the key in each sealed value (a hash, not the key); undefined without a key. */
  readonly keyId: string | undefined;
  private readonly key: Buffer | undefined;

  /** `text`: the key as 64 hex digits or base64; undefined for no key. Throws `DataKeyError` on any other text. */
  constructor(text: string | undefined) {
    this.key = text === undefined || text === '' ? undefined : parseDataKey(text);
    this.keyId = this.key && createHash('sha256').update('crm-policy data key id\0').update(this.key).digest('base64url').slice(0, 12);
  }

  /** Whether a data key is configured (values are sealed). */
  get enabled(): boolean {
    return this.key !== undefined;
  }

  /** The value sealed for its place in the store; the value itself when there is no key. */
  seal<T>(value: T, field: SealedField, id: string): AtRest<T> {
    if (!this.key || !this.keyId) return value;
    const iv = randomBytes(12);
    const cipher = createCipheriv('aes-256-gcm', this.key, iv).setAAD(place(field, id));
    const data = Buffer.concat([cipher.update(JSON.stringify(value), 'utf8'), cipher.final()]);
    return { enc: SEALED, kid: this.keyId, iv: iv.toString('base64'), tag: cipher.getAuthTag().toString('base64'), data: data.toString('base64') } satisfies SealedValue;
  }

  /** A stored value in the clear: a plain one as it is, a sealed one decrypted; throws `DataKeyError` when it cannot be. */
  open<T>(value: AtRest<T>, field: SealedField, id: string): T {
    if (!isSealed(value)) return value;
    const where = `${field.collection} ${id} ${field.path}`;
    if (!this.key) throw new DataKeyError(`${where} is encrypted and DATA_KEY is not set: start the server with the key it was encrypted with`);
    if (value.kid !== this.keyId) throw new DataKeyError(`${where} was encrypted with another key (id ${value.kid}) than DATA_KEY (id ${String(this.keyId)})`);
    try {
      const decipher = createDecipheriv('aes-256-gcm', this.key, Buffer.from(value.iv, 'base64')).setAAD(place(field, id)).setAuthTag(Buffer.from(value.tag, 'base64'));
      const text = Buffer.concat([decipher.update(Buffer.from(value.data, 'base64')), decipher.final()]).toString('utf8');
      return JSON.parse(text) as T;
    } catch {
      throw new DataKeyError(`${where} does not decrypt with DATA_KEY: it was altered, or copied from another record`);
    }
  }
}

/** The associated data binding a sealed value to its place. */
function place(field: SealedField, id: string): Buffer {
  return Buffer.from(`${field.collection}\0${id}\0${field.path}`, 'utf8');
}

/** 32 bytes from 64 hex digits or from base64 (standard or URL-safe). */
function parseDataKey(text: string): Buffer {
  const trimmed = text.trim();
  const key = /^[0-9a-fA-F]{64}$/.test(trimmed) ? Buffer.from(trimmed, 'hex') : /^[A-Za-z0-9+/_-]{43}=?$/.test(trimmed) ? Buffer.from(trimmed, 'base64') : undefined;
  if (key?.length !== 32) throw new DataKeyError('DATA_KEY must be 32 bytes, written as 64 hex digits or in base64 (make one with `openssl rand -base64 32`)');
  return key;
}
