import { Card, Empty, List, Space, Tag, Typography } from 'antd';
import { useEffect, useState } from 'react';
import type { ApiClient } from '../../api/client.js';
import { useI18n } from '../../i18n/I18nContext.js';

/** An appeal as `GET /api/appeals` lists it. */
export interface AppealEntry {
  _id: string;
  appellantId: string;
  holderTeam: string;
  appellantName: string;
  customerName: string;
  holderName: string;
  holderTeamName: string;
  reason: string;
  status: 'open' | 'decided';
  createdAt: string;
  score: number | null;
  verdict?: 'uphold' | 'grant' | 'different-companies';
  comment?: string;
  decidedAt?: string;
}

const OUTCOME_COLOR = { uphold: 'default', grant: 'green', 'different-companies': 'green' } as const;

/** The rep's own appeals and how each ended: waiting, upheld, granted or ruled different companies, with the manager's comment. */
export function MyAppeals({ api }: { api: ApiClient }) {
  const { t } = useI18n();
  const [appeals, setAppeals] = useState<AppealEntry[]>();
  useEffect(() => {
    Promise.all([api.call<{ id: string }>('GET', '/api/me'), api.call<{ appeals: AppealEntry[] }>('GET', '/api/appeals')]).then(
      ([me, answer]) => setAppeals(answer.appeals.filter((appeal) => appeal.appellantId === me.id)),
      () => setAppeals([]),
    );
  }, [api]);

  return (
    <Card title={t('lists.myAppeals')} size="small">
      <List
        loading={appeals === undefined}
        dataSource={appeals ?? []}
        locale={{ emptyText: <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('lists.noMyAppeals')} /> }}
        renderItem={(appeal) => (
          <List.Item>
            <Space orientation="vertical" size={2} style={{ width: '100%' }}>
              <Space wrap>
                <Typography.Text strong>{appeal.customerName}</Typography.Text>
                {appeal.verdict ? <Tag color={OUTCOME_COLOR[appeal.verdict]}>{t(`lists.outcome.${appeal.verdict}`)}</Tag> : <Tag color="orange">{t('lists.appealOpen')}</Tag>}
              </Space>
              <Typography.Text type="secondary">
                {t('lists.filedAt')} {appeal.createdAt.slice(0, 10)}
                {appeal.decidedAt ? ` · ${t('lists.decidedAt')} ${appeal.decidedAt.slice(0, 10)}` : ''}
              </Typography.Text>
              {appeal.comment && (
                <Typography.Text>{t('lists.managerComment', { comment: appeal.comment })}</Typography.Text>
              )}
            </Space>
          </List.Item>
        )}
      />
    </Card>
  );
}
