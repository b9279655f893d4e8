import { describe, expect, it } from 'vitest';
import { regionCode, regionOptions } from '../src/components/regionOptions.js';
import { matchesRegion, regionSearchRank } from '../src/components/regionSearch.js';
import { divisionPath } from '../src/components/useDivisions.js';
import type { Division } from '../src/components/useDivisions.js';

// The division list as GET /api/divisions serves it, cut down to what the cases need.
const changan: Division = { code: '441900119', name: '长安镇', en: "Chang'an Town", initials: 'caz' };
const dongguan: Division = {
  code: '4419',
  name: '东莞市',
  en: 'Dongguan',
  initials: 'dgs',
  children: [{ code: '441900', name: '东莞市', en: 'Dongguan', initials: 'dgs', wholeCity: true }, changan],
};
const nanshan: Division = { code: '440305', name: '南山区', en: 'Nanshan District', initials: 'nsq' };
const shenzhen: Division = { code: '4403', name: '深圳市', en: 'Shenzhen', initials: 'szs', children: [nanshan] };
const guangdong: Division = { code: '44', name: '广东省', en: 'Guangdong', initials: 'gds', children: [shenzhen, dongguan] };
const shaanxi: Division = { code: '61', name: '陕西省', en: 'Shaanxi', pinyin: 'shanxisheng', initials: 'sxs', children: [] };
const tree = [guangdong, shaanxi];

const found = (query: string) =>
  [
    [guangdong, dongguan, dongguan.children![0]!],
    [guangdong, dongguan, changan],
    [guangdong, shenzhen, nanshan],
    [shaanxi],
  ]
    .filter((path) => matchesRegion(query, path))
    .map((path) => path[path.length - 1]!.code);

describe('searching the region picker', () => {
  it('finds a city by its English name or pinyin, whatever the case and spacing', () => {
    expect(found('Dongguan')).toEqual(['441900', '441900119']);
    expect(found('dongguan')).toEqual(['441900', '441900119']);
    expect(found(' DONG GUAN ')).toEqual(['441900', '441900119']);
    expect(found('guangdong dongguan')).toEqual(['441900', '441900119']);
  });

  it('finds a town or district by English name, pinyin or initials, with or without its apostrophe', () => {
    expect(found("Chang'an")).toEqual(['441900119']);
    expect(found('changan')).toEqual(['441900119']);
    expect(found('nanshan')).toEqual(['440305']);
    expect(found('nsq')).toEqual(['440305']);
    expect(found('dg')).toEqual(['441900', '441900119']);
  });

  it('finds a name English spells otherwise by its pinyin too', () => {
    expect(found('Shaanxi')).toEqual(['61']);
    expect(found('shanxi')).toEqual(['61']);
  });

  it('still finds Chinese names at any level, and codes', () => {
    expect(found('长安')).toEqual(['441900119']);
    expect(found('东莞')).toEqual(['441900', '441900119']);
    expect(found('广东 南山')).toEqual(['440305']);
    expect(found('4403')).toEqual(['440305']);
    expect(found('4419')).toEqual(['441900', '441900119']);
  });

  it('finds nothing for what names no region', () => {
    expect(found('Atlantis')).toEqual([]);
    expect(found('东京')).toEqual([]);
    expect(found('9999')).toEqual([]);
  });
});

describe('a city without districts in the picker', () => {
  it('records a town as its city’s code, and anything else as picked', () => {
    expect(regionCode('441900119')).toBe('441900');
    expect(regionCode('441900')).toBe('441900');
    expect(regionCode('440305')).toBe('440305');
    expect(regionCode('4419')).toBe('4419');
  });

  it('shows the city’s own code as the city’s own entry', () => {
    expect(divisionPath('441900', tree)).toEqual(['44', '4419', '441900']);
    expect(divisionPath('441900')).toEqual(['44', '4419']);
    expect(divisionPath('440305', tree)).toEqual(['44', '4403', '440305']);
    expect(divisionPath('440300', tree)).toEqual(['44', '4403']);
  });

  it('names regions in the page’s language, the city’s own entry as the whole city', () => {
    const english = regionOptions(tree, 'en', 'Whole city');
    const chinese = regionOptions(tree, 'zh', '全市');
    expect(english[0]!.children![1]!.children!.map((option) => [option.value, option.label])).toEqual([
      ['441900', 'Whole city'],
      ['441900119', "Chang'an Town"],
    ]);
    expect(english[0]!.label).toBe('Guangdong');
    expect(chinese[0]!.children![1]!.children!.map((option) => option.label)).toEqual(['全市', '长安镇']);
  });
});

describe('ranking what the region picker found', () => {
  const dongguang: Division = { code: '130923', name: '东光县', en: 'Dongguang County', initials: 'dgx' };
  const hebei: Division = { code: '13', name: '河北省', en: 'Hebei', initials: 'hbs' };
  const cangzhou: Division = { code: '1309', name: '沧州市', en: 'Cangzhou', initials: 'czs' };
  const rank = (query: string, path: Division[]) => matchesRegion(query, path) && regionSearchRank(query, path);

  it('puts a name typed in full before one that only starts with it', () => {
    const city = [guangdong, dongguan, dongguan.children![0]!];
    const county = [hebei, cangzhou, dongguang];
    expect(rank('Dongguan', city)).toBe(0);
    expect(rank('Dongguan', county)).toBe(1);
    expect(rank('东莞', city)).toBe(0);
    expect(rank('东', county)).toBe(1);
    expect(rank('guan', county)).toBe(2);
  });
});
