import { pinyin } from 'pinyin-pro';

/** A division's name as a reader of English and a typist of pinyin look for it. */
export interface RomanisedName {
  /** The English name: Guangdong, Dongguan, Nanshan District, Chang'an Town. */
  en: string;
  /** The name's pinyin without tones or spaces (neimenggu), only when the English name does not spell it already. */
  pinyin?: string;
  /** The first letter of each syllable: gds. */
  initials: string;
}

// What an administrative suffix is called in English, longest first ('' when English drops it).
const SUFFIXES: [string, string][] = [
  ['特别行政区', ''],
  ['维吾尔自治区', ''],
  ['壮族自治区', ''],
  ['回族自治区', ''],
  ['自治区', ''],
  ['经济技术开发区', ' Economic and Technological Development Zone'],
  ['高新技术产业开发区', ' High-tech Industrial Development Zone'],
  ['开发区', ' Development Zone'],
  ['自治州', ' Autonomous Prefecture'],
  ['自治县', ' Autonomous County'],
  ['自治旗', ' Autonomous Banner'],
  ['街道', ' Subdistrict'],
  ['地区', ' Prefecture'],
  ['林区', ' Forestry District'],
  ['新区', ' New Area'],
  ['省', ''],
  ['市', ''],
  ['盟', ' League'],
  ['区', ' District'],
  ['县', ' County'],
  ['旗', ' Banner'],
  ['镇', ' Town'],
  ['乡', ' Township'],
];

// The peoples an autonomous prefecture, county, banner or district is named after: English names it by place alone.
const PEOPLES = [
  '蒙古族', '蒙古', '藏族', '维吾尔', '回族', '苗族', '彝族', '壮族', '布依族', '朝鲜族', '满族', '侗族', '瑶族', '白族', '土家族', '哈尼族',
  '哈萨克族', '哈萨克', '傣族', '黎族', '傈僳族', '佤族', '畲族', '拉祜族', '水族', '东乡族', '纳西族', '景颇族', '柯尔克孜', '土族', '达斡尔族',
  '仫佬族', '羌族', '布朗族', '撒拉族', '毛南族', '仡佬族', '锡伯', '阿昌族', '普米族', '塔吉克', '怒族', '鄂温克族', '德昂族', '保安族',
  '裕固族', '京族', '独龙族', '鄂伦春', '各族',
];

// Groupings the dataset puts where a city would be, by what they hold.
const GROUPINGS: Record<string, string> = {
  市辖区: 'City districts',
  县: 'Counties',
  省直辖县级行政区划: 'County-level divisions',
  自治区直辖县级行政区划: 'County-level divisions',
};

// Names English does not spell as their pinyin.
const EXCEPTIONS: Record<string, string> = { 内蒙古: 'Inner Mongolia', 陕西: 'Shaanxi', 香港: 'Hong Kong', 澳门: 'Macao' };

function withoutPeoples(stem: string): string {
  for (let changed = true; changed; ) {
    changed = false;
    for (const people of PEOPLES) {
      if (stem.endsWith(people) && stem.length - people.length >= 2) {
        stem = stem.slice(0, -people.length);
        changed = true;
      }
    }
  }
  return stem;
}

// Syllables run together, an apostrophe before one starting with a vowel: Chang'an, Xi'an.
function spelled(syllables: string[]): string {
  const word = syllables.map((syllable, i) => (i > 0 && /^[aoe]/.test(syllable) ? `'${syllable}` : syllable)).join('');
  return word.charAt(0).toUpperCase() + word.slice(1);
}

const syllablesOf = (text: string) => pinyin(text, { toneType: 'none', type: 'array', nonZh: 'consecutive', v: true }).filter((s) => s.trim() !== '');

/** The English name and pinyin keys of a province, city, district or town: 东莞市 → Dongguan, dongguanshi, dgs. */
export function romanisedName(name: string): RomanisedName {
  const all = syllablesOf(name);
  const spelledAll = all.join('').toLowerCase();
  const initials = all.map((syllable) => syllable.charAt(0).toLowerCase()).join('');
  const grouping = GROUPINGS[name];
  if (grouping) return { en: grouping, pinyin: spelledAll, initials };
  const [suffix, english] = SUFFIXES.find(([ending]) => name.endsWith(ending) && name.length > ending.length) ?? ['', ''];
  let stem = name.slice(0, name.length - suffix.length);
  stem = withoutPeoples(stem);
  // A name of Chinese characters has one syllable each, read in the whole name's context: the stem's are the first ones.
  const stemSyllables = /^[\u4e00-\u9fff]+$/.test(name) && all.length === name.length ? all.slice(0, stem.length) : syllablesOf(stem);
  const en = EXCEPTIONS[stem] ?? `${spelled(stemSyllables)}${english}`;
  const spelledInEnglish = en.toLowerCase().replace(/[^a-z]/g, '').startsWith(stemSyllables.join('').toLowerCase());
  return spelledInEnglish ? { en, initials } : { en, pinyin: spelledAll, initials };
}
