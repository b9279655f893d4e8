import { Button, Descriptions, Empty, Popconfirm, Space, Typography } from 'antd';
import type { ApiClient } from '../../../api/client.js';
import { SIGNED_PLATFORMS } from '../../../api/robotsApi.js';
import type { RobotPlatform, TeamRobot } from '../../../api/robotsApi.js';
import { useI18n } from '../../../i18n/I18nContext.js';
import { RobotDeliveries } from './RobotDeliveries.js';

interface Props {
  api: ApiClient;
  team: string;
  platform: RobotPlatform;
  robot: TeamRobot | undefined;
  onEdit(): void;
  onRemove(): Promise<void>;
}

/** One platform's robot of a team: whether it is set (the masked address, whether it signs), set or replace, remove after confirming, and its latest posts. */
export function RobotPanel({ api, team, platform, robot, onEdit, onRemove }: Props) {
  const { t, language } = useI18n();
  const name = t(`robots.platform.${platform}`);
  const when = (at: string) => new Date(at).toLocaleString(language === 'zh' ? 'zh-CN' : 'en-GB', { dateStyle: 'medium', timeStyle: 'short' });

  if (!robot) {
    return (
      <Empty description={t('robots.notSetHelp', { platform: name })} data-testid={`robot-${platform}`}>
        <Button type="primary" onClick={onEdit}>{t('robots.setUp')}</Button>
      </Empty>
    );
  }
  return (
    <Space orientation="vertical" size="middle" style={{ width: '100%' }} data-testid={`robot-${platform}`}>
      <Descriptions
        bordered
        size="small"
        column={1}
        items={[
          { key: 'address', label: t('robots.address'), children: <Typography.Text code style={{ wordBreak: 'break-all' }}>{robot.urlHint}</Typography.Text> },
          {
            key: 'secret',
            label: t('robots.secret'),
            children: SIGNED_PLATFORMS.has(platform) ? t(robot.hasSecret ? 'robots.secretSaved' : 'robots.secretNone') : t('robots.secretNotUsed'),
          },
          { key: 'updated', label: t('robots.updated'), children: when(robot.updatedAt) },
        ]}
      />
      <Space>
        <Button onClick={onEdit}>{t('robots.replace')}</Button>
        <Popconfirm
          title={t('robots.removeConfirm', { platform: name })}
          okText={t('robots.removeOk')}
          cancelText={t('org.cancel')}
          okButtonProps={{ danger: true }}
          onConfirm={onRemove}
        >
          <Button danger>{t('robots.remove')}</Button>
        </Popconfirm>
      </Space>
      <RobotDeliveries api={api} team={team} platform={platform} version={robot.updatedAt} />
    </Space>
  );
}
