import { Menu } from 'antd';
import type { MenuProps } from 'antd';
import { useI18n } from '../i18n/I18nContext.js';
import type { ScreenSpec } from './screenSpec.js';

type Items = NonNullable<MenuProps['items']>;

/** A role's screens as menu items, grouped by section in the order the sections first appear. */
function menuItems(screens: readonly ScreenSpec[], t: ReturnType<typeof useI18n>['t']): Items {
  const groups = new Map<string, Items>();
  for (const screen of screens) {
    const group = groups.get(screen.section) ?? [];
    // The icon is decoration: the item's accessible name is the screen's name alone.
    group.push({ key: screen.key, icon: <span aria-hidden>{screen.icon}</span>, label: t(screen.label) });
    groups.set(screen.section, group);
  }
  return [...groups].map(([section, children]) => ({ type: 'group', key: section, label: t(section as ScreenSpec['section']), children }));
}

/** The navigation: the side menu on a desktop, the drawer's menu on a phone. */
export function ScreenMenu({ screens, current, onOpen }: { screens: readonly ScreenSpec[]; current: string; onOpen(key: string): void }) {
  const { t } = useI18n();
  return <Menu mode="inline" items={menuItems(screens, t)} selectedKeys={[current]} onClick={({ key }) => onOpen(key)} style={{ borderInlineEnd: 'none' }} />;
}
