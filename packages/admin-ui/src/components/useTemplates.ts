import { useEffect, useState } from 'react';
import type { ApiClient } from '../api/client.js';
import { useApi } from '../api/ApiContext.js';
import type { Language } from '../i18n/messages.js';
import { INDUSTRY_NAMES } from '../i18n/messages.js';
import type { Template } from '../pages/register/templateForm.js';

// One download per page load, shared by every list that names industries or labels fields.
const loaded = new WeakMap<ApiClient, Promise<Template[]>>();

/** The current registration templates, or undefined while they load (or when they could not be loaded). */
export function useTemplates(): Template[] | undefined {
  const api = useApi();
  const [templates, setTemplates] = useState<Template[]>();
  useEffect(() => {
    let current = true;
    let answer = loaded.get(api);
    if (!answer) {
      answer = api.call<{ templates: Template[] }>('GET', '/api/templates').then((body) => body.templates);
      answer.catch(() => loaded.delete(api));
      loaded.set(api, answer);
    }
    answer.then(
      (list) => current && setTemplates(list),
      () => undefined,
    );
    return () => {
      current = false;
    };
  }, [api]);
  return templates;
}

/** An industry's name in the page's language: its template's title, else the shipped name; never its code unless nothing names it. */
export function industryName(templates: readonly Template[] | undefined, industry: string | null | undefined, language: Language): string {
  if (!industry) return '';
  return templates?.find((template) => template.industry === industry)?.title[language] ?? INDUSTRY_NAMES[language][industry] ?? industry;
}

/**
 * A choice's display name in the page's language, as an industry's template
 * carries it (`choices[language][field][code]`), else the code itself (a
 * grade's letter reads as it is). Without an industry, any template's name for it.
 */
export function choiceName(templates: readonly Template[] | undefined, industry: string | null | undefined, field: string, code: string, language: Language): string {
  const namesOf = (template: Template) => (template as unknown as { choices?: Partial<Record<Language, Record<string, Record<string, string> | undefined>>> }).choices?.[language]?.[field]?.[code];
  const own = templates?.find((template) => template.industry === industry);
  return (own && namesOf(own)) ?? templates?.map(namesOf).find(Boolean) ?? code;
}
