import type { Request } from 'express';
import type { Language } from '@crm-policy/engine';

export type { Language };

/** The caller's language from Accept-Language: Chinese when it comes first, English otherwise. */
export function languageOf(request: Request): Language {
  const header = request.headers['accept-language'];
  return typeof header === 'string' && header.trim().toLowerCase().startsWith('zh') ? 'zh' : 'en';
}
