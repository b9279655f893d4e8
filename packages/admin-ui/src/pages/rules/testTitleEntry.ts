import type { BilingualText } from '@crm-policy/engine';
import type { Language } from '../../i18n/messages.js';

/** A test's title as the editor holds it: either language may be blank while the admin types. */
export type TitleEntry = Partial<Record<Language, string | undefined>> | undefined;

/**
 * Reads the two title fields of the test editor: both filled gives the title
 * (trimmed), both blank gives none (the test is shown by its name), one filled
 * names the other language as `missing`, the field its error belongs on.
 */
export function testTitleEntry(entry: TitleEntry): { title?: BilingualText; missing?: Language } {
  const zh = entry?.zh?.trim() ?? '';
  const en = entry?.en?.trim() ?? '';
  if (zh && en) return { title: { zh, en } };
  if (zh) return { missing: 'en' };
  if (en) return { missing: 'zh' };
  return {};
}
