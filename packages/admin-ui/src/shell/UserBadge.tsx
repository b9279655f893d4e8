import { GlobalOutlined, LogoutOutlined, UserOutlined } from '@ant-design/icons';
import { Button, Space, Tag, Typography } from 'antd';
import { useI18n } from '../i18n/I18nContext.js';
import type { MessageKey } from '../i18n/messages.js';
import type { Role } from './screenSpec.js';
import type { Me } from './useMe.js';

const ROLE_NAMES: Record<Role, MessageKey> = { rep: 'role.rep', manager: 'role.manager', admin: 'role.admin', finance: 'role.finance', director: 'role.director' };

/** The role in words, in the page's language; a role this app does not know is shown as it is. */
export function roleName(role: string, t: ReturnType<typeof useI18n>['t']): string {
  return Object.hasOwn(ROLE_NAMES, role) ? t(ROLE_NAMES[role as Role]) : role;
}

/** The signed-in person: name and role. */
export function UserBadge({ me }: { me: Me }) {
  const { t } = useI18n();
  return (
    <Space size={8} aria-label={t('signedInAs')} role="group">
      <UserOutlined style={{ color: '#1677ff', fontSize: 16 }} aria-hidden />
      <Typography.Text strong data-testid="user-name">
        {me.displayName}
      </Typography.Text>
      <Tag color="blue" data-testid="user-role" style={{ marginInlineEnd: 0 }}>
        {roleName(me.role, t)}
      </Tag>
    </Space>
  );
}

/** Switches the page between Chinese and English; its label names the other language, in that language. */
export function LanguageSwitch({ block }: { block?: boolean }) {
  const { t, language, setLanguage } = useI18n();
  return (
    <Button icon={<GlobalOutlined />} block={block} title={t('switchLanguage')} onClick={() => setLanguage(language === 'zh' ? 'en' : 'zh')}>
      <span lang={language === 'zh' ? 'en' : 'zh-CN'}>{t('language')}</span>
    </Button>
  );
}

/** Signs out: the server ends every token of the user. */
export function SignOutButton({ onSignOut, block }: { onSignOut(): void; block?: boolean }) {
  const { t } = useI18n();
  return (
    <Button icon={<LogoutOutlined />} block={block} onClick={onSignOut}>
      {t('signOut')}
    </Button>
  );
}
