import { Alert, Descriptions, Tag } from 'antd';
import { useI18n } from '../../i18n/I18nContext.js';
import type { MessageKey } from '../../i18n/messages.js';

/**
 * What each role a key may have may do, in the page's language, beside the
 * choice: the chosen one marked, and a warning when it is the administrator's.
 */
export function RoleChoices({ roles, chosen }: { roles: readonly string[]; chosen: string | undefined }) {
  const { t } = useI18n();
  return (
    <>
      {chosen === 'admin' && <Alert type="warning" showIcon title={t('apiKeys.adminWarning')} style={{ marginBottom: 8 }} />}
      <Descriptions
        data-testid="role-descriptions"
        size="small"
        bordered
        column={1}
        style={{ marginBottom: 16 }}
        styles={{ label: { width: 120 } }}
        items={roles.map((role) => ({
          key: role,
          label: (
            <>
              {t(`apiKeys.role.${role}` as MessageKey)}
              {role === chosen && <Tag color="blue" style={{ marginInlineStart: 6 }}>{t('apiKeys.roleChosen')}</Tag>}
            </>
          ),
          children: t(`apiKeys.roleDoes.${role}` as MessageKey),
        }))}
      />
    </>
  );
}
