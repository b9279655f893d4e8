import { createContext, useContext } from 'react';
import type { Language, MessageKey } from './messages.js';
import { format } from './messages.js';

export interface I18n {
  language: Language;
  setLanguage(language: Language): void;
  t(key: MessageKey, values?: Record<string, string>): string;
}

export const I18nContext = createContext<I18n>({ language: 'en', setLanguage: () => undefined, t: (key, values) => format('en', key, values) });

export function useI18n(): I18n {
  return useContext(I18nContext);
}
