import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { CompanyProfile } from '../../src/domain/duplicates/companyProfile.js';
import { profileOf, withMatchingData } from '../../src/domain/duplicates/companyProfile.js';
import type { ProfileHolder } from '../../src/domain/duplicates/storedProfile.js';
import { profileOfCustomer, storedProfile } from '../../src/domain/duplicates/storedProfile.js';

// Forms as reps fill them: names whose folding changes them (full-width, traditional, spacing) or not, codes in
// either case, regions valid, invalid or missing, phones that parse or not.
const form = fc.record(
  {
    companyName: fc.constantFrom('深圳市星云数据有限公司', '星雲數據（深圳）有限公司', 'ＡＢＣ电子有限公司', 'Johnson & Johnson Co., Ltd.', '  华兴电子有限公司 ', '分公司'),
    creditCode: fc.constantFrom('91440300MA5FXXXX1X', '91440300ma5fxxxx1x', ''),
    region: fc.constantFrom('440305', '44', '4403', 'x', '', '1234567'),
    phone: fc.constantFrom('0755-8888 1234', '13800138000', '+86 21 5555 0000', 'n/a', ''),
    email: fc.constantFrom('ann@sunrise.cn', ''),
  },
  { requiredKeys: ['companyName'] },
);

/** The document fields beside the profile, as a registration stores them. */
const holderOf = (values: Record<string, unknown>, profile: CompanyProfile): ProfileHolder => ({
  name: String(values['companyName']),
  ...(profile.creditCode ? { creditCode: profile.creditCode } : {}),
  region: String(values['region']),
  ...(profile.phones[0] ? { phoneKey: profile.phones[0] } : {}),
});
const throughJson = <T>(value: T): T => JSON.parse(JSON.stringify(value)) as T;

describe('a profile as a customer stores it', () => {
  it('reads back as the profile it was made from, after a trip through JSON', () => {
    fc.assert(
      fc.property(form, (values) => {
        const profile = withMatchingData(profileOf(values));
        const holder = holderOf(values, profile);
        const stored = throughJson({ ...holder, profile: storedProfile(profile, holder) });
        expect(profileOfCustomer(stored)).toEqual(profile);
      }),
      { numRuns: 300, seed: 11 },
    );
  });

  it('leaves out what the document holds: folded name, credit code, region, phone and the brand of the matching data', () => {
    const values = { companyName: '深圳市星云数据有限公司', creditCode: '91440300MA5FXXXX1X', region: '440305', phone: '0755-8888 1234' };
    const profile = withMatchingData(profileOf(values));
    const stored = storedProfile(profile, holderOf(values, profile));
    expect(Object.keys(stored).sort()).toEqual(['matching', 'name']);
    expect(stored.name).not.toHaveProperty('folded');
    expect(stored.matching).toEqual({ v: profile.matching!.v, spoken: profile.matching!.spoken });
    expect(JSON.stringify(stored).length).toBeLessThan(JSON.stringify(profile).length - 100);
  });

  it('keeps what differs from the document, and says when the profile has none of what the document has', () => {
    const values = { companyName: '星雲數據（深圳）有限公司', region: 'x', phone: '13800138000' };
    const profile = withMatchingData(profileOf(values));
    const other: ProfileHolder = { name: '别的名字', creditCode: 'OTHER', region: '310115', phoneKey: '+8613900139000' };
    const stored = throughJson(storedProfile({ ...profile, matching: { ...profile.matching!, brand: '旧' } }, other));
    expect(stored).toMatchObject({ creditCode: null, region: null, phones: ['+8613800138000'], name: { folded: profile.name.folded }, matching: { brand: '旧' } });
    expect(profileOfCustomer({ ...other, profile: stored })).toEqual({ ...profile, matching: { ...profile.matching!, brand: '旧' } });
  });

  it('reads a profile stored whole, before this layout, as it is', () => {
    fc.assert(
      fc.property(form, (values) => {
        const profile = withMatchingData(profileOf(values));
        expect(profileOfCustomer({ ...holderOf(values, profile), profile: throughJson(profile) })).toEqual(profile);
      }),
      { numRuns: 200, seed: 12 },
    );
  });
});
