import { parsePhoneNumberFromString } from 'libphonenumber-js';
import { describe, expect, it } from 'vitest';
import { parseCompanyName } from '../../src/domain/duplicates/companyName.js';
import { blockingKeys, identityKey, profileOf } from '../../src/domain/duplicates/companyProfile.js';
import { emailDomain, phoneE164, websiteHost } from '../../src/domain/duplicates/contactKeys.js';

const brandAndRegion = (name: string) => {
  const parsed = parseCompanyName(name);
  return { brand: parsed.brand, regions: parsed.regions.map((r) => r.code), industry: parsed.industry };
};

describe('parseCompanyName', () => {
  it('finds the region in any position, as a feature of its own', () => {
    const expected = { brand: '腾飞', regions: ['11'], industry: ['科技'] };
    expect(brandAndRegion('北京腾飞科技有限公司')).toEqual(expected);
    expect(brandAndRegion('腾飞科技（北京）有限公司')).toEqual(expected);
    expect(brandAndRegion('腾飞科技[北京]有限公司')).toEqual(expected);
    expect(brandAndRegion('北京市腾飞科技有限公司')).toEqual(expected);
    expect(brandAndRegion('上海腾飞科技有限公司').regions).toEqual(['31']);
  });

  it('reads a province, city and district in a row, choosing the district inside the city', () => {
    expect(brandAndRegion('广东省深圳市南山区星云数据服务有限公司')).toEqual({ brand: '星云', regions: ['44', '4403', '440305'], industry: ['数据', '服务'] });
  });

  it('does not take a brand for a district of another city', () => {
    expect(brandAndRegion('厦门市新兴航数据服务股份有限公司').brand).toBe('新兴航');
  });

  it('folds Traditional characters, width, spaces, punctuation and bracket styles', () => {
    const plain = parseCompanyName('深圳市腾飞科技有限公司');
    for (const variant of ['深圳市騰飛科技有限公司', '深圳市 腾飞 科技 有限公司', '深圳市腾飞科技（有限公司）', '深圳市腾飞科技有限公司 ']) {
      expect(parseCompanyName(variant).brand).toBe(plain.brand);
    }
    expect(parseCompanyName('ＡＣＭＥ Technology Co., Ltd.').brand).toBe('acme');
  });

  it('removes legal forms in Chinese and English', () => {
    for (const name of ['腾飞科技有限公司', '腾飞科技有限责任公司', '腾飞科技股份有限公司', '腾飞科技集团', '腾飞科技']) expect(parseCompanyName(name).brand).toBe('腾飞');
    for (const name of ['Acme Co., Ltd.', 'ACME LIMITED', 'Acme Inc.', 'Acme Corp', 'Acme GmbH', 'Acme AG', 'Acme LLC']) expect(parseCompanyName(name).brand).toBe('acme');
    expect(parseCompanyName('Costco Wholesale').brand).toBe('costcowholesale');
  });

  it('reads & and `and` between words as one connector', () => {
    const keys = (name: string) => new Set(blockingKeys(profileOf({ companyName: name })));
    expect(parseCompanyName('Johnson & Johnson').brand).toBe(parseCompanyName('Johnson and Johnson').brand);
    expect(parseCompanyName('Johnson&Johnson (China) Ltd.').brand).toBe(parseCompanyName('JOHNSON AND JOHNSON').brand);
    expect([...keys('Johnson & Johnson')].some((key) => keys('Johnson and Johnson').has(key))).toBe(true);
    expect(parseCompanyName('Procter & Gamble (Guangzhou) Ltd.')).toMatchObject({ brand: parseCompanyName('Procter and Gamble Guangzhou Limited').brand, regions: [{ code: '4401' }] });
    expect(parseCompanyName('Sandvik').brand).toBe('sandvik');
  });

  it('folds English legal forms to one spelling', () => {
    const form = (name: string) => parseCompanyName(name).legalForm;
    for (const name of ['Sunrise Trading Co., Ltd.', 'Sunrise Trading Co. Ltd', 'Sunrise Trading Company Limited', 'Sunrise Trading Co.,Ltd', 'SUNRISE TRADING CO LTD']) expect(form(name)).toBe('co ltd');
    expect(form('Acme Corp.')).toBe(form('Acme Corporation'));
    expect(form('Acme Inc.')).toBe(form('Acme Incorporated'));
    expect(form('Acme, Inc.')).toBe('inc');
    expect(form('Acme Ltd.')).not.toBe(form('Acme Inc.'));
    expect(form('腾飞科技有限公司')).toBe('有限公司');
  });

  it('keeps industry words apart from the distinctive core', () => {
    expect(parseCompanyName('杭州海康威视数字技术股份有限公司')).toMatchObject({ brand: '海康威视', industry: ['数字', '技术'] });
    expect(parseCompanyName('Tengfei Software Technology Co., Ltd.')).toMatchObject({ brand: 'tengfei', industry: ['software', 'technology'] });
  });

  it('marks branches and subsidiaries, with the branch’s own city', () => {
    expect(parseCompanyName('腾飞科技有限公司北京分公司')).toMatchObject({ brand: '腾飞', branch: 'branch', regions: [{ code: '11' }] });
    expect(parseCompanyName('腾飞科技子公司')).toMatchObject({ brand: '腾飞', branch: 'subsidiary' });
  });

  it('gives one identity key to spellings of one company and another to the same brand elsewhere', () => {
    const key = (name: string) => identityKey(parseCompanyName(name));
    expect(key('北京腾飞科技有限公司')).toBe(key('腾飞科技（北京）有限责任公司'));
    expect(key('北京腾飞科技有限公司')).not.toBe(key('上海腾飞科技有限公司'));
    expect(key('北京腾飞科技有限公司')).not.toBe(key('北京腾飞贸易有限公司'));
  });
});

describe('contact keys', () => {
  it('normalises phone numbers to E.164, in any format', () => {
    for (const phone of ['+86 138-0013-8000', '13800138000', '0086 13800138000', '138 0013 8000']) expect(phoneE164(phone)).toBe('+8613800138000');
    for (const phone of ['0755-8888 1234', '(0755) 88881234', '+86 755 8888 1234', '0755-88881234 转 8', '0755 8888 1234 ext. 12']) expect(phoneE164(phone)).toBe('+8675588881234');
    expect(phoneE164('call me')).toBeUndefined();
    // Nothing to parse without a digit; digits of another script are still digits (the parser reads them).
    for (const blank of ['', '   ', '—', '+', 'FLOWERS']) expect(phoneE164(blank)).toBeUndefined();
    expect(phoneE164('٠٧٥٥-٨٨٨٨١٢٣٤')).toBe('+8675588881234');
  });

  it('answers mobiles and landlines as the phone parser does, however they are written', () => {
    // The shortcut for common numbers must agree with libphonenumber on every prefix and layout it takes (and on those it leaves to it).
    const layouts = [
      (d: string) => d,
      (d: string) => `0${d}`,
      (d: string) => `+86 ${d}`,
      (d: string) => `0086${d}`,
      (d: string) => `+86-${d.slice(0, 3)}-${d.slice(3, 7)}-${d.slice(7)}`,
      (d: string) => `(+86) ${d.slice(0, 3)} ${d.slice(3, 7)} ${d.slice(7)}`,
      (d: string) => `(0${d.slice(0, 2)}) ${d.slice(2)}`,
      (d: string) => `0${d.slice(0, 3)}-${d.slice(3)} 转 8`,
      (d: string) => `${d.slice(0, 3)}.${d.slice(3, 7)}.${d.slice(7)}`,
      (d: string) => `86${d}`,
      (d: string) => `+860${d}`,
      (d: string) => `00 86 ${d}`,
      // Separators the parser does not skip, a letter, and a text longer than it reads.
      (d: string) => `${d.slice(0, 3)}\t${d.slice(3)}`,
      (d: string) => `0${d.slice(0, 3)}\n${d.slice(3)}`,
      (d: string) => `${d.slice(0, 3)}\ufeff${d.slice(3)}`,
      (d: string) => `${d.slice(0, 3)}a${d.slice(3)}`,
      (d: string) => `+86${d}${' '.repeat(240)}`,
    ];
    let seed = 7;
    const digit = () => ((seed = (Math.imul(seed, 1103515245) + 12345) >>> 0) >>> 16) % 10;
    for (let prefix = 100; prefix <= 999; prefix += prefix < 200 ? 1 : 7) {
      for (let i = 0; i < 14; i += 1) {
        // Numbers of 6 to 12 digits; every other one has 00 where the 179 dialling prefixes (179xx00) would see one.
        const rest = Array.from({ length: 3 + (i % 7) }, (_, at) => (i % 2 === 0 && at >= 2 && at < 4 ? 0 : digit())).join('');
        for (const layout of layouts) {
          const text = layout(`${prefix}${rest}`);
          const parsed = parsePhoneNumberFromString(text.replace(/\s*转\s*\d+$/, ''), 'CN');
          expect(phoneE164(text), text).toBe(parsed?.isPossible() ? parsed.number : undefined);
        }
      }
    }
    // Bare numbers starting 179 that begin with a carrier or an international dialling prefix (17951…, 179xx00): the parser strips it.
    for (const text of ['17951001380', '17951138001', '17909001380', '17912001380', '17999001380', '17900001380']) {
      const parsed = parsePhoneNumberFromString(text, 'CN');
      expect(phoneE164(text), text).toBe(parsed?.isPossible() ? parsed.number : undefined);
    }
  });

  it('keeps company email domains and website hosts, not webmail', () => {
    expect(emailDomain('Zhang@Tengfei.com.cn')).toBe('tengfei.com.cn');
    expect(emailDomain('someone@qq.com')).toBeUndefined();
    expect(emailDomain('someone@163.com')).toBeUndefined();
    expect(websiteHost('https://www.Tengfei.com/about')).toBe('tengfei.com');
    expect(websiteHost('tengfei.com')).toBe('tengfei.com');
    expect(websiteHost('not a site')).toBeUndefined();
  });
});

describe('blocking keys', () => {
  it('share a key between spellings, sound-alike brands and one-character slips', () => {
    const keys = (form: Record<string, unknown>) => new Set(blockingKeys(profileOf(form)));
    const shares = (a: Record<string, unknown>, b: Record<string, unknown>) => [...keys(a)].some((key) => keys(b).has(key));
    expect(shares({ companyName: '北京腾飞科技有限公司' }, { companyName: '騰飛科技（北京）' })).toBe(true);
    expect(shares({ companyName: '腾飞科技' }, { companyName: '腾非科技' })).toBe(true);
    expect(shares({ companyName: '海康威视' }, { companyName: '海康卫视' })).toBe(true);
    expect(shares({ companyName: '腾飞科技' }, { companyName: '星云科技' })).toBe(false);
    expect(shares({ companyName: 'A', phone: '13800138000' }, { companyName: 'B', phone: '+86 138 0013 8000' })).toBe(true);
    expect(shares({ companyName: '腾飞', creditCode: '91440300MA5F0ABC1M' }, { companyName: '星云', creditCode: '91440300ma5f0abc1m' })).toBe(true);
  });
});
