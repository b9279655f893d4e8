import type { Language } from '@crm-policy/engine';

/** What a person reads of a notification, in one language: a title and a sentence or two, with names, never ids or codes. */
export interface NoticeText {
  title: string;
  body: string;
}

/** What a notification is about; the web app may pick an icon or a link by it. */
export type NoticeKind = 'appeal-decided' | 'appeal-waiting' | 'protection-ending' | 'customer-assigned' | 'reassignment-waiting';

/**
 * A notification drawn from one event: who is told (user ids), the teams whose
 * chat robots post it, and its text in every language the app speaks (each
 * reader sees their own; chat robots post the Chinese).
 */
export interface Notice {
  kind: NoticeKind;
  recipients: string[];
  teams: string[];
  text: Record<Language, NoticeText>;
  /** What it is about, for the web app to open (an appeal, a proposal, a customer). */
  subject?: { type: 'appeal' | 'proposal' | 'customer'; id: string };
}

/** The date a person reads, in China's time zone: 2026年12月3日 / 3 December 2026. */
export function readableDate(iso: string, language: Language): string {
  return new Intl.DateTimeFormat(language === 'zh' ? 'zh-CN' : 'en-GB', { dateStyle: 'long', timeZone: 'Asia/Shanghai' }).format(new Date(iso));
}
