import * as OpenCC from 'opencc-js';
import { regionDictionary } from './regionDictionary.js';
import type { RegionMention } from './regionDictionary.js';

/** A company name taken apart: the distinctive core (字号), its industry words, region, legal form, and branch. */
export interface ParsedName {
  /** The folded name, all parts kept: for display and exact comparison. */
  folded: string;
  /** The distinctive core, 字号 (e.g. 腾飞), without region, industry words or legal form. */
  brand: string;
  /** Industry words found after the brand (科技, 信息, software …), weighted lower. */
  industry: string[];
  /** Regions the name mentions, in any position. */
  regions: RegionMention[];
  /** The legal form removed (有限公司, ltd …), if any. */
  legalForm: string;
  /** A branch (分公司) or subsidiary (子公司) of the company named by the rest. */
  branch?: 'branch' | 'subsidiary';
}

const toSimplified = OpenCC.Converter({ from: 'hk', to: 'cn' });

const LEGAL_FORMS = [
  '股份有限公司', '有限责任公司', '有限公司', '集团有限公司', '集团股份有限公司', '集团公司', '集团', '总公司', '公司', '合伙企业', '工作室', '厂',
  'co., ltd.', 'co.,ltd.', 'co. ltd.', 'co ltd', 'company limited', 'company', 'limited', 'ltd.', 'ltd', 'corporation', 'corp.', 'corp', 'co.', 'co',
  'incorporated', 'inc.', 'inc', 'llc', 'l.l.c.', 'gmbh', 'ag', 'plc', 'group', 'holdings',
].sort((a, b) => b.length - a.length);

const BRANCH_MARKERS: Array<[string, 'branch' | 'subsidiary']> = [['分公司', 'branch'], ['分厂', 'branch'], ['办事处', 'branch'], ['分部', 'branch'], ['子公司', 'subsidiary'], ['branch', 'branch']];

const INDUSTRY_WORDS = [
  '科技', '技术', '信息', '网络', '软件', '电子', '数据', '智能', '数字', '云计算', '通信', '系统', '集成', '互联网',
  '贸易', '商贸', '进出口', '实业', '发展', '咨询', '服务', '管理', '企业', '医疗', '器械', '医药', '生物', '健康',
  '制造', '机械', '设备', '工程', '建设', '建筑', '材料', '化工', '能源', '新能源', '环保', '物流', '供应链',
  '文化', '传媒', '教育', '投资', '控股', '金融', '汽车', '食品', '工业', '装备', '自动化', '精密', '仪器',
  'technology', 'technologies', 'tech', 'information', 'network', 'networks', 'software', 'systems', 'system', 'digital', 'data',
  'trading', 'trade', 'services', 'service', 'consulting', 'international', 'industrial', 'industries', 'medical', 'devices', 'machinery',
  'manufacturing', 'logistics', 'electronics', 'solutions',
].sort((a, b) => b.length - a.length);

// Industry words in either language, folded to one English token so 软件 and software compare equal.
const INDUSTRY_CANONICAL: Record<string, string> = {
  科技: 'technology', 技术: 'technology', tech: 'technology', technologies: 'technology', 信息: 'information', 网络: 'network', networks: 'network',
  软件: 'software', 电子: 'electronics', 数据: 'data', 服务: 'services', service: 'services', 贸易: 'trading', 商贸: 'trading', trade: 'trading',
  实业: 'industrial', industries: 'industrial', 医疗: 'medical', 器械: 'devices', 机械: 'machinery', 制造: 'manufacturing', 咨询: 'consulting',
  物流: 'logistics', 系统: 'systems', system: 'systems', 智能: 'intelligent', 数字: 'digital',
};

/** An industry word as one token in either language. */
export function canonicalIndustry(word: string): string {
  return INDUSTRY_CANONICAL[word] ?? word;
}

const ENGLISH_REGIONS: Record<string, string> = {
  beijing: '11', shanghai: '31', tianjin: '12', chongqing: '50', guangdong: '44', guangzhou: '4401', shenzhen: '4403', hangzhou: '3301',
  nanjing: '3201', suzhou: '3205', wuhan: '4201', chengdu: '5101', xian: '6101', "xi'an": '6101', qingdao: '3702', dongguan: '4419', foshan: '4406',
  zhejiang: '33', jiangsu: '32', shandong: '37', fujian: '35', xiamen: '3502', ningbo: '3302', hongkong: '81', 'hong kong': '81', china: '',
};

/** The region codes English names can state (`ENGLISH_REGIONS`): Hong Kong's among them, which the region dictionary does not hold. */
export function englishRegionCodes(): string[] {
  return Object.values(ENGLISH_REGIONS).filter(Boolean);
}

const PUNCTUATION = /[\s\p{P}\p{S}]+/gu;

// English legal-form words in one spelling: Co., Ltd., Co. Ltd and Company Limited all read `co ltd`.
const LEGAL_WORDS: Record<string, string> = { company: 'co', limited: 'ltd', corporation: 'corp', incorporated: 'inc', 'l.l.c': 'llc' };

/** A legal form in one spelling: English words abbreviated, dots and commas dropped (`Co., Ltd.` and `Company Limited` are `co ltd`). */
function canonicalLegalForm(form: string): string {
  if (!/[a-z]/.test(form)) return form;
  return form.replace(/[.,]+$/, '').split(/[\s,]+|\.(?=\s|$)/).filter(Boolean).map((word) => LEGAL_WORDS[word] ?? word.replaceAll('.', '')).join(' ');
}

/** `&` between words reads `and`: Johnson & Johnson and Johnson and Johnson are one name. */
const foldConnectors = (text: string) => text.replace(/\s*&\s*/g, ' and ');

/** Folds width, case and script: Traditional becomes Simplified, full-width becomes half-width. */
export function foldName(raw: string): string {
  return toSimplified(raw.normalize('NFKC')).toLowerCase().trim();
}

const isLatin = (char: string | undefined) => char !== undefined && /[a-z0-9]/.test(char);

/** Removes one of `words` from the end; a Latin word only as a whole word (`costco` keeps its `co`). */
function stripEnd(text: string, words: readonly string[]): [string, string] {
  const bare = text.replace(/[\s\p{P}\p{S}]+$/u, '');
  for (const word of words) {
    const bareWord = word.replace(/[.]+$/, '');
    if (!bare.endsWith(bareWord) || bare.length <= bareWord.length) continue;
    const before = bare[bare.length - bareWord.length - 1];
    if (isLatin(bareWord[0]) && isLatin(before)) continue;
    return [bare.slice(0, -bareWord.length), word];
  }
  return [bare, ''];
}

/** The code a region name means, preferring one inside a region already named (南山区 after 深圳市). */
function codeFor(name: string, codes: Map<string, string[]>, earlier: readonly RegionMention[]): string {
  const options = codes.get(name)!;
  return options.find((code) => earlier.some((region) => region.code && code.startsWith(region.code) && code !== region.code)) ?? options[0]!;
}

function extractRegions(text: string): { rest: string; regions: RegionMention[] } {
  const { codes, byFirstChar } = regionDictionary();
  const startingWith = (text: string) => byFirstChar.get(text[0] ?? '') ?? [];
  const regions: RegionMention[] = [];
  let rest = text;
  // Regions in brackets anywhere: XX科技（北京）有限公司.
  rest = rest.replace(/[(（[【〔]([^)）\]】〕]*)[)）\]】〕]/g, (whole, inner: string) => {
    const bare = inner.replace(PUNCTUATION, '');
    const found = codes.has(bare) ? bare : undefined;
    if (found) {
      regions.push({ name: found, code: codeFor(found, codes, regions) });
      return '';
    }
    return whole;
  });
  // Regions at the start, one after another: 广东省深圳市腾飞…; and, in English, region words anywhere.
  for (let changed = true; changed; ) {
    changed = false;
    const compact = rest.replace(/^[\s\p{P}\p{S}]+/u, '');
    // After the first region, only a division inside it counts (深圳市南山区, not 厦门市 followed by the brand 新兴).
    const last = regions[regions.length - 1];
    const inside = (name: string) => !last || codes.get(name)!.some((code) => code.startsWith(last.code) && code !== last.code);
    const found = startingWith(compact).find((name) => compact.startsWith(name) && compact.length > name.length + 1 && inside(name));
    if (found) {
      regions.push({ name: found, code: codeFor(found, codes, regions) });
      rest = compact.slice(found.length);
      changed = true;
    }
  }
  if (/[a-z]/.test(rest)) {
    for (const [word, code] of Object.entries(ENGLISH_REGIONS)) {
      const pattern = new RegExp(`(^|[^a-z])${word.replace(/[.*+?^${}()|[\]\\']/g, '\\$&')}($|[^a-z])`);
      if (pattern.test(rest)) {
        if (code) regions.push({ name: word, code });
        rest = rest.replace(pattern, '$1 $2');
      }
    }
  }
  return { rest, regions };
}

/**
 * Takes a company name apart the way a Chinese sales team reads it: Traditional
 * to Simplified, widths, spaces, punctuation and bracket styles folded; the
 * region (in any position) kept as a feature of its own; a branch marker and
 * the legal form removed; industry words separated from the distinctive core.
 */
export function parseCompanyName(raw: string): ParsedName {
  const folded = foldConnectors(foldName(raw));
  let text = folded;
  let branch: ParsedName['branch'];
  // A branch is named after its parent, often with its own city: 腾飞科技有限公司北京分公司.
  for (const [marker, kind] of BRANCH_MARKERS) {
    const at = text.lastIndexOf(marker);
    if (at > 0 && text.slice(at + marker.length).replace(PUNCTUATION, '') === '') {
      branch = kind;
      text = text.slice(0, at);
      break;
    }
  }
  const { rest, regions } = extractRegions(text);
  text = rest;
  let legalForm = '';
  for (let changed = true; changed; ) {
    const [stripped, form] = stripEnd(text, LEGAL_FORMS);
    changed = form !== '';
    if (changed) {
      legalForm = legalForm ? `${canonicalLegalForm(form)} ${legalForm}` : canonicalLegalForm(form);
      text = stripped;
    }
  }
  if (branch) {
    // What stood between the parent's legal form and the marker was the branch's region: 腾飞科技有限公司北京分公司.
    const { names, codes } = regionDictionary();
    const trailing = names.find((name) => text.length > name.length + 1 && text.endsWith(name));
    if (trailing) {
      regions.push({ name: trailing, code: codeFor(trailing, codes, regions) });
      text = text.slice(0, -trailing.length);
    }
    for (let changed = true; changed; ) {
      const [stripped, form] = stripEnd(text, LEGAL_FORMS);
      changed = form !== '';
      if (changed) text = stripped;
    }
  }
  const industry: string[] = [];
  for (let changed = true; changed; ) {
    const [stripped, word] = stripEnd(text, INDUSTRY_WORDS);
    changed = word !== '' && stripped.replace(PUNCTUATION, '').length >= 2;
    if (changed) {
      industry.unshift(word);
      text = stripped;
    }
  }
  const brand = text.replace(PUNCTUATION, '');
  return { folded: folded.replace(PUNCTUATION, ''), brand, industry, regions, legalForm, ...(branch ? { branch } : {}) };
}
