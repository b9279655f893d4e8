import type { Request } from 'express';

export type Language = 'en' | 'zh';

/** The caller's language from Accept-Language: Chinese when it comes first, English otherwise. */
export function languageOf(request: Request): Language {
  const header = request.headers['accept-language'];
  return typeof header === 'string' && header.trim().toLowerCase().startsWith('zh') ? 'zh' : 'en';
}
