import { Drawer, Flex } from 'antd';
import { useI18n } from '../i18n/I18nContext.js';
import { ScreenMenu } from './ScreenMenu.js';
import type { ScreenSpec } from './screenSpec.js';
import type { Me } from './useMe.js';
import { LanguageSwitch, SignOutButton, UserBadge } from './UserBadge.js';

export interface PhoneMenuProps {
  open: boolean;
  me: Me;
  screens: readonly ScreenSpec[];
  current: string;
  onOpen(key: string): void;
  onClose(): void;
  onSignOut(): void;
}

/** On a phone, the navigation in a drawer from the left: who is signed in, the language switch, sign-out, then the screens. */
export function PhoneMenu({ open, me, screens, current, onOpen, onClose, onSignOut }: PhoneMenuProps) {
  const { t } = useI18n();
  return (
    <Drawer open={open} placement="left" size={280} title={t('appName')} onClose={onClose} styles={{ body: { padding: 0 } }}>
      <Flex vertical gap={12} style={{ padding: 16, borderBottom: '1px solid #f0f0f0' }}>
        <UserBadge me={me} />
        <Flex gap={8}>
          <LanguageSwitch block />
          <SignOutButton onSignOut={onSignOut} block />
        </Flex>
      </Flex>
      <nav aria-label={t('navigation')}>
        <ScreenMenu screens={screens} current={current} onOpen={onOpen} />
      </nav>
    </Drawer>
  );
}
