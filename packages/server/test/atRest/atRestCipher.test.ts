import { randomBytes } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { AtRestCipher, DataKeyError } from '../../src/atRest/atRestCipher.js';
import { isSealed, SEALED_FIELDS } from '../../src/atRest/sealedValue.js';

const FIELD = SEALED_FIELDS.creditReport;
const key = randomBytes(32);

describe('AtRestCipher', () => {
  it('seals a value for its place with a fresh IV each time, and opens it only there', () => {
    const cipher = new AtRestCipher(key.toString('base64'));
    const report = { company: { name: '某公司' }, creditScore: 712 };
    const once = cipher.seal(report, FIELD, 'a-1');
    const twice = cipher.seal(report, FIELD, 'a-1');
    expect(isSealed(once) && isSealed(twice)).toBe(true);
    expect(once).not.toEqual(twice);
    expect(JSON.stringify(once)).not.toContain('712');
    expect(cipher.open(once, FIELD, 'a-1')).toEqual(report);
    // The same key written in hex is the same key.
    expect(new AtRestCipher(key.toString('hex')).open(twice, FIELD, 'a-1')).toEqual(report);
    // Copied into another record, or altered, it does not open.
    expect(() => cipher.open(once, FIELD, 'a-2')).toThrow(/copied from another record/);
    expect(() => cipher.open(once, SEALED_FIELDS.webhookSecret, 'a-1')).toThrow(DataKeyError);
    const altered = { ...(once as object), data: Buffer.from('{"creditScore":999}').toString('base64') };
    expect(() => cipher.open(altered, FIELD, 'a-1')).toThrow(/altered/);
  });

  it('keeps values plain without a key, and names DATA_KEY when a sealed one must be opened', () => {
    const sealed = new AtRestCipher(key.toString('base64url')).seal('whsec_x', FIELD, 'w-1');
    const none = new AtRestCipher(undefined);
    expect(none.enabled).toBe(false);
    expect(none.seal('whsec_x', FIELD, 'w-1')).toBe('whsec_x');
    expect(none.open('whsec_x', FIELD, 'w-1')).toBe('whsec_x');
    expect(() => none.open(sealed, FIELD, 'w-1')).toThrow(/encrypted and DATA_KEY is not set/);
    expect(() => new AtRestCipher(randomBytes(32).toString('hex')).open(sealed, FIELD, 'w-1')).toThrow(/another key \(id \S+\) than DATA_KEY/);
    for (const text of ['short', randomBytes(16).toString('hex'), randomBytes(31).toString('base64'), `${key.toString('hex')}00`]) expect(() => new AtRestCipher(text), text).toThrow(/DATA_KEY must be 32 bytes/);
  });
});
