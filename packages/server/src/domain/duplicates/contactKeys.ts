import { parsePhoneNumberFromString } from 'libphonenumber-js';

const WEBMAIL = new Set([
  'qq.com', 'foxmail.com', '163.com', '126.com', 'yeah.net', 'sina.com', 'sina.cn', 'sohu.com', 'aliyun.com', '139.com', '189.cn', 'tom.com',
  'gmail.com', 'outlook.com', 'hotmail.com', 'live.com', 'yahoo.com', 'icloud.com', 'me.com', 'proton.me', 'protonmail.com',
]);

/** The longest text libphonenumber-js parses: it answers nothing for a longer one. */
const MAX_PARSED_LENGTH = 250;

/**
 * The commonest phones on a form, answered without the parser (6 µs a number) once
 * spaces, dashes, dots and brackets are gone: a number after +86, 0086 or the trunk 0
 * (a landline with its area code, or a mobile), and a bare mobile number. A bare number
 * starting 179 is left to the parser: it can begin with a carrier or international
 * dialling prefix (17951…, 179xx00), which the parser strips. The test holds these to
 * the parser's answers.
 */
const COMMON_PHONE = /^(?:(?:\+86|0086|0)([1-9]\d{8,10})|(1(?:[3-689]\d|7[0-8])\d{8}))$/;

/** A phone number in E.164 (+8613800138000), from any way people write one: +86, area codes, spaces, dashes, extensions. */
export function phoneE164(text: string): string | undefined {
  const withoutExtension = text.normalize('NFKC').split(/\s*(?:转|分机|ext\.?|x|#)\s*\d+\s*$/i)[0] ?? '';
  // No digit, no number (an empty field, the commonest case): the parser would throw and catch an error to say so, 13 µs.
  if (!/\p{Nd}/u.test(withoutExtension)) return undefined;
  // Only the separators the parser skips too (a tab or a line break inside a number it refuses), and no longer a text than it reads.
  const common = withoutExtension.length <= MAX_PARSED_LENGTH ? COMMON_PHONE.exec(withoutExtension.replace(/[ \-.()]/g, '')) : null;
  if (common) return `+86${common[1] ?? common[2]}`;
  const parsed = parsePhoneNumberFromString(withoutExtension, 'CN');
  return parsed?.isPossible() ? parsed.number : undefined;
}

/** The domain of an email address, unless it is a webmail domain anyone can use. */
export function emailDomain(email: string): string | undefined {
  const domain = email.normalize('NFKC').trim().toLowerCase().split('@')[1];
  return domain && domain.includes('.') && !WEBMAIL.has(domain) ? domain : undefined;
}

/** The host of a website, without `www.`: https://www.Example.com/about and example.com match. */
export function websiteHost(site: string): string | undefined {
  const text = site.normalize('NFKC').trim().toLowerCase();
  if (!text) return undefined;
  try {
    const host = new URL(text.includes('://') ? text : `http://${text}`).hostname.replace(/^www\./, '');
    return host.includes('.') ? host : undefined;
  } catch {
    return undefined;
  }
}
