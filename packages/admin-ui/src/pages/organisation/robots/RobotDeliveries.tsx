import { Alert, Button, Flex, Table, Tag, Typography } from 'antd';
import { useCallback, useEffect, useState } from 'react';
import type { ApiClient } from '../../../api/client.js';
import { fetchRobotDeliveries } from '../../../api/robotsApi.js';
import type { RobotDelivery, RobotPlatform } from '../../../api/robotsApi.js';
import { useI18n } from '../../../i18n/I18nContext.js';
import { deliveryWords } from './deliveryWords.js';

interface Props {
  api: ApiClient;
  team: string;
  platform: RobotPlatform;
  /** Changes when the robot was set again, so the list is read again. */
  version: string;
}

/** The latest posts to a team's robot: when, what, and whether it went through (and if not, why), in words. */
export function RobotDeliveries({ api, team, platform, version }: Props) {
  const { t, language } = useI18n();
  const [deliveries, setDeliveries] = useState<RobotDelivery[]>();
  const [failed, setFailed] = useState(false);
  const [loading, setLoading] = useState(false);
  const when = (at: string) => new Date(at).toLocaleString(language === 'zh' ? 'zh-CN' : 'en-GB', { dateStyle: 'medium', timeStyle: 'short' });

  const load = useCallback(async () => {
    setLoading(true);
    try {
      setDeliveries(await fetchRobotDeliveries(api, team, platform));
      setFailed(false);
    } catch {
      setFailed(true);
    } finally {
      setLoading(false);
    }
  }, [api, team, platform]);

  useEffect(() => {
    void load();
  }, [load, version]);

  return (
    <div data-testid={`robot-deliveries-${platform}`}>
      <Flex justify="space-between" align="center" style={{ marginBottom: 8 }}>
        <Typography.Title level={5} style={{ margin: 0 }}>{t('robots.deliveries')}</Typography.Title>
        <Button size="small" onClick={() => void load()} loading={loading}>{t('robots.refresh')}</Button>
      </Flex>
      {failed && <Alert type="error" title={t('robots.deliveriesFailed')} style={{ marginBottom: 8 }} />}
      <Table<RobotDelivery>
        rowKey="_id"
        size="small"
        loading={deliveries === undefined && !failed}
        dataSource={deliveries ?? []}
        pagination={false}
        locale={{ emptyText: t('robots.noDeliveries') }}
        columns={[
          { title: t('robots.when'), key: 'when', width: 170, render: (_, delivery) => when(delivery.deliveredAt ?? delivery.history.at(-1)?.at ?? delivery.createdAt) },
          { title: t('robots.message'), key: 'message', render: (_, delivery) => delivery.robot?.text.title ?? '—' },
          {
            title: t('robots.result'),
            key: 'result',
            width: 260,
            render: (_, delivery) => {
              const words = deliveryWords(delivery);
              return (
                <Flex vertical gap={2}>
                  <span>
                    <Tag color={words.color}>{t(words.status)}</Tag>
                    {delivery.attempts > 1 && <Typography.Text type="secondary">{t('robots.attempts', { n: String(delivery.attempts) })}</Typography.Text>}
                  </span>
                  {words.reason && <Typography.Text type="secondary">{t(words.reason)}</Typography.Text>}
                </Flex>
              );
            },
          },
        ]}
      />
    </div>
  );
}
