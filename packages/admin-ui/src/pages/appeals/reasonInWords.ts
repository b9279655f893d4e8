import type { MessageKey } from '../../i18n/messages.js';

type Translate = (key: MessageKey, values?: Record<string, string>) => string;

// Each piece of evidence duplicate detection names, and how a person reads it.
const PHRASES: Array<[RegExp, MessageKey, (match: RegExpMatchArray) => Record<string, string>]> = [
  [/^same credit code$/, 'lists.why.sameCreditCode', () => ({})],
  [/^different credit codes$/, 'lists.why.differentCreditCodes', () => ({})],
  [/^same phone$/, 'lists.why.samePhone', () => ({})],
  [/^same website$/, 'lists.why.sameWebsite', () => ({})],
  [/^same email domain$/, 'lists.why.sameEmailDomain', () => ({})],
  [/^字号 equal$/, 'lists.why.brandEqual', () => ({})],
  [/^字号 sounds alike$/, 'lists.why.brandSoundsAlike', () => ({})],
  [/^字号 ([\d.]+)$/, 'lists.why.brandScore', (m) => ({ score: m[1]! })],
  [/^region equal: (.+)$/, 'lists.why.regionEqual', (m) => ({ regions: m[1]! })],
  [/^region same city$/, 'lists.why.sameCity', () => ({})],
  [/^districts differ: (.+)$/, 'lists.why.districtsDiffer', (m) => ({ regions: m[1]! })],
  [/^region differs: (.+)$/, 'lists.why.regionDiffers', (m) => ({ regions: m[1]! })],
  [/^form regions differ: (.+)$/, 'lists.why.formRegionsDiffer', (m) => ({ regions: m[1]! })],
  [/^form districts differ: (.+)$/, 'lists.why.formDistrictsDiffer', (m) => ({ regions: m[1]! })],
  [/^region missing on one side \((.+)\)$/, 'lists.why.regionMissing', (m) => ({ regions: m[1]! })],
  [/^region not given$/, 'lists.why.regionNotGiven', () => ({})],
  [/^industry words equal$/, 'lists.why.industryEqual', () => ({})],
  [/^industry words differ$/, 'lists.why.industryDiffer', () => ({})],
  [/^suffix equal$/, 'lists.why.suffixEqual', () => ({})],
  [/^suffix differs$/, 'lists.why.suffixDiffers', () => ({})],
  [/^(.+) of the same company$/, 'lists.why.branch', (m) => ({ branch: m[1]! })],
];

function phrase(part: string, t: Translate): string {
  for (const [pattern, key, values] of PHRASES) {
    const match = part.match(pattern);
    if (match) return t(key, values(match));
  }
  return part;
}

/**
 * A duplicate match's reason (`name 1.00: 字号 equal, region same city, districts differ: …`)
 * as phrases in the page's language: the name score first, then each piece of evidence.
 * A phrase it does not know is kept as the server wrote it.
 */
export function reasonInWords(reason: string, t: Translate): string[] {
  const named = reason.match(/^name ([\d.]+): (.*)$/);
  if (!named) return [phrase(reason, t)];
  return [t('lists.why.nameScore', { score: named[1]! }), ...named[2]!.split(', ').map((part) => phrase(part, t))];
}
