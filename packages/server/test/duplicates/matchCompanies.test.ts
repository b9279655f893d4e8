import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { profileOf } from '../../src/domain/duplicates/companyProfile.js';
import { DEFAULT_DUPLICATE_SETTINGS, matchCompanies, verdictOf } from '../../src/domain/duplicates/matchCompanies.js';

const verdict = (a: Record<string, unknown>, b: Record<string, unknown>, settings = DEFAULT_DUPLICATE_SETTINGS) =>
  verdictOf(matchCompanies(profileOf(a), profileOf(b)), settings);

describe('matchCompanies', () => {
  it('gives a reason per piece of evidence', () => {
    const match = matchCompanies(profileOf({ companyName: '北京腾飞科技有限公司', phone: '010-6552 1234' }), profileOf({ companyName: '腾飞科技（北京）有限责任公司', phone: '+86 10 6552 1234' }));
    expect(match.reasons).toEqual(['same phone', 'name 1.00: 字号 equal, region equal: 北京, industry words equal, suffix differs']);
    expect(match.score).toBe(1);
  });

  it('treats the same credit code as the strongest evidence, and different ones as against', () => {
    expect(matchCompanies(profileOf({ companyName: '腾飞', creditCode: '91440300MA5F0ABC1M' }), profileOf({ companyName: '完全不同', creditCode: '91440300MA5F0ABC1M' }))).toMatchObject({ score: 1, reasons: ['same credit code', expect.any(String)] });
    const twins = matchCompanies(profileOf({ companyName: '腾飞科技', creditCode: '91440300MA5F0ABC1M' }), profileOf({ companyName: '腾飞科技', creditCode: '91110000MA01XYZ98G' }));
    expect(twins.score).toBeLessThanOrEqual(0.6);
    expect(twins.reasons[0]).toBe('different credit codes');
  });

  it('keeps the same brand in two cities, and sister companies, apart', () => {
    expect(verdict({ companyName: '北京腾飞科技有限公司' }, { companyName: '上海腾飞科技有限公司' })).toBe('none');
    expect(verdict({ companyName: '深圳市星云科技有限公司' }, { companyName: '深圳市星云贸易有限公司' })).toBe('review');
    expect(verdict({ companyName: '中国银行' }, { companyName: '中国建设银行' })).toBe('none');
  });

  it('places a name without a region by its form’s city, names the regions it compared, and wants a review when only forms differ', () => {
    const match = (a: Record<string, unknown>, b: Record<string, unknown>) => matchCompanies(profileOf(a), profileOf(b));
    const apart = match({ companyName: '华兴电子有限公司', region: '110108' }, { companyName: '华兴电子有限公司', region: '310115' });
    expect(apart.reasons).toEqual(['name 0.85: 字号 equal, region differs: 北京市海淀区 / 上海市浦东新区, industry words equal, suffix equal']);
    expect(verdictOf(apart, DEFAULT_DUPLICATE_SETTINGS)).toBe('review');
    expect(verdict({ companyName: '华兴电子有限公司', region: '110108' }, { companyName: '华兴电子有限公司', region: '110105' })).toBe('duplicate');
    expect(verdict({ companyName: '华兴电子有限公司', region: '440305' }, { companyName: '华兴电子有限公司', region: '440106' })).toBe('review');
    // A region the name states outweighs the form's: the same legal name, met in another city.
    const named = match({ companyName: '北京华兴电子有限公司', region: '110108' }, { companyName: '华兴电子（北京）有限公司', region: '310115' });
    expect(named.reasons).toEqual(['name 1.00: 字号 equal, region equal: 北京, form regions differ: 北京市海淀区 / 上海市浦东新区, industry words equal, suffix equal']);
    expect(match({ companyName: '北京华兴电子有限公司' }, { companyName: '华兴电子有限公司', region: '310115' }).reasons[0]).toContain('region differs: 北京 / 上海市浦东新区');
  });

  it('says the districts differ, not "region equal", when two forms name one city’s different districts', () => {
    const match = (a: Record<string, unknown>, b: Record<string, unknown>) => matchCompanies(profileOf(a), profileOf(b));
    const districts = match({ companyName: '华兴电子有限公司', region: '440305' }, { companyName: '华兴电子有限公司', region: '440304' });
    expect(districts.reasons).toEqual(['name 1.00: 字号 equal, region same city, districts differ: 广东省深圳市南山区 / 广东省深圳市福田区, industry words equal, suffix equal']);
    expect(match({ companyName: '华兴电子有限公司', region: '440305' }, { companyName: '华兴电子有限公司', region: '440305' }).reasons[0]).toContain('region equal: 广东省深圳市南山区,');
    // Names that state the city agree; their forms' districts differ, and that is said too.
    const named = match({ companyName: '深圳华兴电子有限公司', region: '440305' }, { companyName: '华兴电子（深圳）有限公司', region: '440304' });
    expect(named.reasons[0]).toContain('region equal: 深圳, form districts differ: 广东省深圳市南山区 / 广东省深圳市福田区');
  });

  it('never takes two credit codes for one company: a namesake with another code is related at most', () => {
    const twins = [{ companyName: '华兴电子有限公司', region: '110108', creditCode: '91110108MA01HXD47D' }, { companyName: '华兴电子有限公司', region: '110108', creditCode: '91110108MA00FKX3Q1' }] as const;
    expect(verdict(...twins)).toBe('related');
    expect(verdict(...twins, { ...DEFAULT_DUPLICATE_SETTINGS, branchesAreDuplicates: true })).toBe('related');
    expect(verdict({ ...twins[0], phone: '010 6252 1000' }, { ...twins[1], phone: '010-62521000' })).toBe('related');
    expect(verdict({ companyName: '华兴电子有限公司', creditCode: '91110108MA01HXD47D' }, { companyName: '星云贸易有限公司', creditCode: '91110108MA00FKX3Q1' })).toBe('none');
  });

  it('reports a branch as related unless the admin says branches are duplicates', () => {
    const a = { companyName: '腾飞科技有限公司北京分公司' };
    const b = { companyName: '深圳市腾飞科技有限公司' };
    expect(verdict(a, b)).toBe('related');
    expect(verdict(a, b, { ...DEFAULT_DUPLICATE_SETTINGS, branchesAreDuplicates: true })).toBe('duplicate');
  });

  it('follows the admin’s thresholds', () => {
    const a = { companyName: '深圳市星云科技有限公司' };
    const b = { companyName: '深圳市星云贸易有限公司' };
    expect(verdict(a, b, { ...DEFAULT_DUPLICATE_SETTINGS, high: 0.8 })).toBe('duplicate');
    expect(verdict(a, b, { ...DEFAULT_DUPLICATE_SETTINGS, low: 0.85 })).toBe('none');
  });

  it('meets the accuracy aims on the labelled pairs (precision ≥ 0.98, recall ≥ 0.95)', () => {
    const load = (file: string) => JSON.parse(readFileSync(new URL(`../../../../test/fixtures/${file}`, import.meta.url), 'utf8')) as Array<{ duplicate: boolean; a: Record<string, unknown>; b: Record<string, unknown> }>;
    // duplicate-pairs-identity.json: namesakes in other cities with two, one or no credit codes, and English connector and legal-form variants.
    const identity = load('duplicate-pairs-identity.json');
    expect(identity.length).toBeGreaterThanOrEqual(60);
    const pairs = [...load('duplicate-pairs.json'), ...load('duplicate-pairs-handwritten.json'), ...identity];
    expect(pairs.length).toBeGreaterThanOrEqual(300);
    expect(pairs.filter((p) => p.duplicate).length).toBeGreaterThanOrEqual(150);
    let tp = 0, fp = 0, fn = 0;
    for (const pair of pairs) {
      const predicted = verdict(pair.a, pair.b) === 'duplicate';
      if (predicted && pair.duplicate) tp += 1;
      else if (predicted) fp += 1;
      else if (pair.duplicate) fn += 1;
    }
    expect(tp / (tp + fp)).toBeGreaterThanOrEqual(0.98);
    expect(tp / (tp + fn)).toBeGreaterThanOrEqual(0.95);
  });
});
