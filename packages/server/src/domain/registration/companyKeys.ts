// Exact-match keys of a company: the normalised name, the credit code, the phone.

const LEGAL_FORMS = [
  '股份有限公司',
  '有限责任公司',
  '有限公司',
  '集团公司',
  '集团',
  '公司',
  'co., ltd.',
  'co.,ltd.',
  'co. ltd.',
  'co ltd',
  'company limited',
  'limited',
  'ltd.',
  'ltd',
  'corporation',
  'corp.',
  'corp',
  'inc.',
  'inc',
  'llc',
  'gmbh',
  'ag',
].sort((a, b) => b.length - a.length);

/**
 * A company name folded for exact matching: full/half width and case folded,
 * brackets, spaces and punctuation removed, a legal-form suffix dropped
 * (深圳市腾飞科技有限公司 and 深圳市 腾飞科技（有限公司） fold alike).
 */
export function normalizeCompanyName(name: string): string {
  let folded = name.normalize('NFKC').toLowerCase().trim();
  for (let changed = true; changed; ) {
    changed = false;
    const bare = folded.replace(/[\s\p{P}\p{S}]+$/u, '');
    for (const form of LEGAL_FORMS) {
      if (bare.endsWith(form) && bare.length > form.length) {
        folded = bare.slice(0, -form.length);
        changed = true;
        break;
      }
    }
  }
  return folded.replace(/[\s\p{P}\p{S}]/gu, '');
}

/** Phone digits without country prefix or punctuation: +86 138-0013-8000 and 13800138000 match. */
export function normalizePhone(phone: string): string {
  let digits = phone.normalize('NFKC').replace(/(ext|转|x).*$/i, '').replace(/\D/g, '');
  if (digits.startsWith('0086')) digits = digits.slice(4);
  else if (digits.startsWith('86') && digits.length > 11) digits = digits.slice(2);
  return digits;
}
