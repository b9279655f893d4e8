import type { ReactNode } from 'react';
import type { ApiClient } from '../api/client.js';
import type { MessageKey } from '../i18n/messages.js';

/** The roles the server knows (`@crm-policy/server`'s `ROLES`). */
export type Role = 'admin' | 'manager' | 'rep' | 'finance' | 'director';

/** Where a screen sits in the navigation: the menu's groups and the breadcrumb's middle step. */
export type Section = 'section.customers' | 'section.review' | 'section.insight' | 'section.settings';

/** One screen of the web app: a row of the app's screen table. */
export interface ScreenSpec {
  /** Its address: `/<key>`. */
  key: string;
  /** Its name in the menu, the breadcrumb and the page's title. */
  label: MessageKey;
  section: Section;
  icon: ReactNode;
  /** Who sees it. A role's screens come in the table's order; its first is its home. */
  roles: readonly Role[];
  render(api: ApiClient, role: Role): ReactNode;
  /** Kept mounted (hidden) when the user moves to another screen, so a half-filled form survives. */
  keep?: boolean;
}

/** A role's screens, in the table's order. An unknown role sees nothing. */
export function screensFor(screens: readonly ScreenSpec[], role: string): ScreenSpec[] {
  return screens.filter((screen) => (screen.roles as readonly string[]).includes(role));
}

/** The screen at a path (`/rules`, `/rules/`), or the role's home for any other. */
export function screenAt(screens: readonly ScreenSpec[], path: string): ScreenSpec | undefined {
  const key = path.replace(/^\/+|\/+$/g, '').split('/')[0];
  return screens.find((screen) => screen.key === key) ?? screens[0];
}
