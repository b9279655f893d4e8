import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { CustomerDoc } from '../../src/domain/claims/claimDocs.js';
import { newCustomer } from '../../src/domain/claims/newCustomer.js';
import type { CompanyProfile } from '../../src/domain/duplicates/companyProfile.js';
import { blockingKeys, profileOf, withMatchingData } from '../../src/domain/duplicates/companyProfile.js';
import { bestMatch, DuplicateFinder } from '../../src/domain/duplicates/duplicateFinder.js';
import type { DuplicateSettings } from '../../src/domain/duplicates/matchCompanies.js';
import { DEFAULT_DUPLICATE_SETTINGS, matchCompanies, verdictOf } from '../../src/domain/duplicates/matchCompanies.js';
import { scoreCeiling } from '../../src/domain/duplicates/scoreCeiling.js';
import { profileOfCustomer } from '../../src/domain/duplicates/storedProfile.js';
import { EmbeddedStore } from '../../src/store/embedded/embeddedStore.js';

type Form = Record<string, unknown>;
const load = (file: string) => JSON.parse(readFileSync(new URL(`../../../../test/fixtures/${file}`, import.meta.url), 'utf8')) as Array<{ duplicate: boolean; a: Form; b: Form }>;
const pairs = [...load('duplicate-pairs.json'), ...load('duplicate-pairs-handwritten.json')];

// Characters reps swap in and out of names: homophones, brand and industry characters, regions, brackets, Latin.
const CHARACTERS = [...'飞非华化达大德得源元鑫欣瑞锐恒衡泰太盛胜星兴宇雨辰晨安按新博搏科可通同腾云海河技贸易有限公司北京上海深圳（）() &.,coltdabe'];
const edit = fc.record({ kind: fc.constantFrom('delete', 'insert', 'replace', 'swap'), at: fc.nat(), char: fc.constantFrom(...CHARACTERS) });
type Edit = { kind: string; at: number; char: string };

function edited(name: string, edits: Edit[]): string {
  const chars = [...name];
  for (const { kind, at, char } of edits) {
    const i = at % (chars.length + 1);
    if (kind === 'insert') chars.splice(i, 0, char);
    else if (i < chars.length && kind === 'delete') chars.splice(i, 1);
    else if (i < chars.length && kind === 'replace') chars[i] = char;
    else if (i + 1 < chars.length) [chars[i], chars[i + 1]] = [chars[i + 1]!, chars[i]!];
  }
  return chars.join('');
}

// Contact keys, some shared between the two sides, some only written differently (+86, www.).
const contact = fc.record(
  {
    phone: fc.constantFrom('0755-2345 6789', '+86 755 2345 6789', '010-6552 1234'),
    creditCode: fc.constantFrom('91440300MA5F0ABC1M', '91110000MA01XYZ98G'),
    email: fc.constantFrom('li@tengfei.com', 'wang@qq.com', 'zhang@xinghe.cn'),
    website: fc.constantFrom('tengfei.com', 'https://www.tengfei.com/about', 'xinghe.cn'),
  },
  { requiredKeys: [] },
);
const side = fc.record({ edits: fc.array(edit, { maxLength: 3 }), keepContacts: fc.boolean(), contact, stored: fc.boolean() });
type Side = { edits: Edit[]; keepContacts: boolean; contact: Form; stored: boolean };

function variant(form: Form, { edits, keepContacts, contact: extra, stored }: Side) {
  const base = keepContacts ? form : { companyName: form['companyName'] };
  const profile = profileOf({ ...base, ...extra, companyName: edited(String(form['companyName']), edits) });
  // Half the time with matching data, as a stored customer has it.
  return stored ? withMatchingData(profile) : profile;
}

describe('scoreCeiling', () => {
  it('is at least the score of every labelled pair, both ways, with and without stored matching data', () => {
    for (const pair of pairs) {
      for (const [x, y] of [[profileOf(pair.a), profileOf(pair.b)], [withMatchingData(profileOf(pair.b)), withMatchingData(profileOf(pair.a))]] as const) {
        expect(scoreCeiling(x, y), `${pair.a['companyName']} ~ ${pair.b['companyName']}`).toBeGreaterThanOrEqual(matchCompanies(x, y).score);
      }
    }
  });

  it('is at least the score of variants of the labelled pairs (edited names, shared and differing contacts)', () => {
    fc.assert(
      fc.property(fc.constantFrom(...pairs), fc.boolean(), side, side, (pair, itself, sideA, sideB) => {
        const a = variant(pair.a, sideA);
        const b = variant(itself ? pair.a : pair.b, sideB);
        const { score } = matchCompanies(a, b);
        expect(scoreCeiling(a, b), `${a.name.folded} ~ ${b.name.folded}: ${score}`).toBeGreaterThanOrEqual(score);
      }),
      { numRuns: 2000, seed: 16 },
    );
  });

  it('rules out pairs that differ in the brand and share no contact', () => {
    const ceiling = (a: string, b: string) => scoreCeiling(profileOf({ companyName: a }), profileOf({ companyName: b }));
    expect(ceiling('深圳市腾飞科技有限公司', '深圳市星河科技有限公司')).toBeLessThan(DEFAULT_DUPLICATE_SETTINGS.low);
    expect(ceiling('深圳市腾飞达科技有限公司', '深圳市腾云达科技有限公司')).toBeLessThan(DEFAULT_DUPLICATE_SETTINGS.low);
    // Namesakes whose names state two cities; placed by their forms alone, two cities only call for a review.
    expect(ceiling('北京市腾飞科技有限公司', '上海市腾飞科技有限公司')).toBeLessThan(DEFAULT_DUPLICATE_SETTINGS.low);
    expect(scoreCeiling(profileOf({ companyName: '腾飞科技有限公司', region: '110108' }), profileOf({ companyName: '腾飞科技有限公司', region: '310115' }))).toBeGreaterThanOrEqual(DEFAULT_DUPLICATE_SETTINGS.low);
    // A branch names its own city: not ruled out by it.
    expect(ceiling('深圳市腾飞科技有限公司', '腾飞科技有限公司北京分公司')).toBe(1);
    // Sounding alike, or sharing a phone, is never ruled out.
    expect(ceiling('深圳市腾飞科技有限公司', '深圳市腾非科技有限公司')).toBe(1);
    expect(scoreCeiling(profileOf({ companyName: '腾飞', phone: '0755 2345 6789' }), profileOf({ companyName: '星河', phone: '+86 755 23456789' }))).toBe(1);
  });
});

describe('candidates with the ceiling', () => {
  it('are exactly those that scoring every customer sharing an unscoped blocking key finds, at any thresholds', async () => {
    const store = await EmbeddedStore.open(mkdtempSync(join(tmpdir(), 'crm-policy-ceiling-')));
    try {
      const customers = store.collection<CustomerDoc>('customers');
      const finder = new DuplicateFinder(store, customers);
      await finder.createIndexes();
      const seen = new Set<string>();
      for (const pair of pairs) {
        const doc = newCustomer({ form: { ...pair.a, region: '440305', grade: 'C' }, industry: 'software', templateVersion: 1, createdBy: 'test', now: '2026-11-01T00:00:00.000Z' });
        if (seen.has(doc.nameKey)) continue;
        seen.add(doc.nameKey);
        await customers.insertOne(doc);
      }
      // The last is low enough for namesakes whose names state two provinces (a name score of 0.3): a check then reads every province.
      const thresholds: DuplicateSettings[] = [DEFAULT_DUPLICATE_SETTINGS, { high: 0.6, low: 0.4, branchesAreDuplicates: true }, { high: 0.5, low: 0.2, branchesAreDuplicates: false }];
      // The keys as they were before they were scoped to a province: contact keys, and the brand, its pinyin and its deletions wherever the name says it is.
      const unscopedKeys = (profile: CompanyProfile) => blockingKeys({ ...profile, name: { ...profile.name, regions: [] } });
      const stored = (await customers.find({})).map((customer) => ({ customer, keys: new Set(unscopedKeys(profileOfCustomer(customer))) }));
      let reported = 0;
      for (const settings of thresholds) {
        for (const pair of pairs) {
          const profile = profileOf(pair.b);
          const keys = unscopedKeys(profile);
          const everyOne = stored.filter((entry) => keys.some((key) => entry.keys.has(key))).map((entry) => entry.customer);
          expect(everyOne.length).toBeLessThan(200);
          const expected = everyOne
            .map((customer) => ({ id: customer._id, match: bestMatch(profile, customer) }))
            .map(({ id, match }) => ({ id, match, verdict: verdictOf(match, settings) }))
            .filter((candidate) => candidate.verdict !== 'none')
            .sort((x, y) => y.match.score - x.match.score);
          const found = (await finder.candidates(profile, { settings })).map((candidate) => ({ id: candidate.customer._id, match: candidate.match, verdict: candidate.verdict }));
          expect(found, String(pair.b['companyName'])).toEqual(expected);
          reported += found.length;
        }
      }
      expect(reported).toBeGreaterThan(pairs.length);
    } finally {
      await store.close();
    }
  });

  it('read a namesake whose name states another province only when the floor is low enough for it', async () => {
    const store = await EmbeddedStore.open(mkdtempSync(join(tmpdir(), 'crm-policy-ceiling-')));
    try {
      const customers = store.collection<CustomerDoc>('customers');
      const finder = new DuplicateFinder(store, customers);
      await finder.createIndexes();
      const stored = (companyName: string, region: string) => newCustomer({ form: { companyName, region, grade: 'C' }, industry: 'software', templateVersion: 1, createdBy: 'test', now: '2026-11-01T00:00:00.000Z' });
      const beijing = stored('北京市腾飞科技有限公司', '110108');
      const placeless = stored('腾飞科技有限公司', '310115');
      const branch = stored('腾飞科技有限公司广州分公司', '440106');
      const homophone = stored('杭州市腾非科技有限公司', '330106');
      await customers.insertMany([beijing, placeless, branch, homophone]);
      const read = new Set<string>();
      const given = customers.findReadOnly.bind(customers);
      customers.findReadOnly = async (filter, options) => {
        const found = await given(filter, options);
        for (const customer of found) read.add(customer._id);
        return found;
      };
      const checked = profileOf({ companyName: '上海市腾飞科技有限公司', region: '310115' });
      const ids = async (settings: DuplicateSettings) => (await finder.candidates(checked, { settings })).map((candidate) => candidate.customer._id).sort();
      // At the default thresholds the names in Beijing and Hangzhou are not even read; the name without a region and the branch are.
      expect(await ids(DEFAULT_DUPLICATE_SETTINGS)).toEqual([placeless._id, branch._id].sort());
      expect([...read].sort()).toEqual([placeless._id, branch._id].sort());
      // A floor at or below their name score (0.3) reads every province.
      read.clear();
      expect(await ids({ high: 0.5, low: 0.2, branchesAreDuplicates: false })).toEqual([beijing._id, placeless._id, branch._id, homophone._id].sort());
      expect(read.size).toBe(4);
    } finally {
      await store.close();
    }
  });

  it('score a merged customer by its closest profile, when only a merged one can reach the threshold', async () => {
    const store = await EmbeddedStore.open(mkdtempSync(join(tmpdir(), 'crm-policy-ceiling-')));
    try {
      const customers = store.collection<CustomerDoc>('customers');
      const finder = new DuplicateFinder(store, customers);
      await finder.createIndexes();
      const form = (companyName: string) => ({ companyName, region: '440305', grade: 'C' });
      const survivor = newCustomer({ form: form('深圳市星河数码科技有限公司'), industry: 'software', templateVersion: 1, createdBy: 'test', now: '2026-11-01T00:00:00.000Z' });
      // Merged in, as DuplicateScan.merge leaves it: the other spelling's keys and profile (one stored before matching data existed).
      const merged = [profileOf(form('深圳市腾飞科技有限公司')), withMatchingData(profileOf(form('广州市远航物流有限公司')))];
      await customers.insertOne({ ...survivor, aliasProfiles: merged, dedupKeys: [...survivor.dedupKeys, ...merged.flatMap(blockingKeys)] });
      const checked = profileOf(form('深圳腾飞科技有限公司'));
      expect(scoreCeiling(checked, profileOfCustomer(survivor))).toBeLessThan(DEFAULT_DUPLICATE_SETTINGS.low);
      const [candidate, ...others] = await finder.candidates(checked, { settings: DEFAULT_DUPLICATE_SETTINGS });
      expect(others).toEqual([]);
      expect(candidate?.customer._id).toBe(survivor._id);
      expect(candidate?.match).toEqual(bestMatch(checked, (await customers.findOne({ _id: survivor._id }))!));
      expect(candidate?.verdict).toBe('duplicate');
    } finally {
      await store.close();
    }
  });
});
