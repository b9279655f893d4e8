import { Alert, Button, List, Space, Tag, Typography } from 'antd';
import type { ApiClient } from '../../api/client.js';
import { useI18n } from '../../i18n/I18nContext.js';
import { useQueue } from './useQueue.js';

interface Review {
  claimId: string;
  customerId: string;
  customerName: string;
  repName: string;
  teamName: string;
  grantedAt: string;
  matches: Array<{ customerId: string; customerName: string; score: number; reasons: string[] }>;
}

/** Registrations accepted but resembling another customer: who registered it, what it resembles and why; an admin merges the pair or marks it distinct. */
export function DuplicateQueue({ api, canResolve }: { api: ApiClient; canResolve: boolean }) {
  const { t } = useI18n();
  const { items, error, reload } = useQueue<Review>(api, '/api/duplicate-reviews', (answer) => answer['reviews'] as Review[]);
  if (error) return <Alert type="error" title={error} />;
  const resolve = async (a: string, b: string, action: 'merge' | 'distinct') => {
    await api.call('POST', '/api/duplicates/resolve', { a, b, action });
    reload();
  };
  return (
    <List
      loading={!items}
      dataSource={items ?? []}
      locale={{ emptyText: t('queueEmpty') }}
      renderItem={(review) => (
        <List.Item>
          <Space orientation="vertical" style={{ width: '100%' }}>
            <Typography.Text strong>{review.customerName}</Typography.Text>
            <Typography.Text type="secondary">{`${review.repName} · ${review.teamName} · ${review.grantedAt.slice(0, 10)}`}</Typography.Text>
            {review.matches.map((match) => (
              <Space key={match.customerId} wrap>
                <Typography.Text>
                  {t('resembles')} {match.customerName}
                </Typography.Text>
                <Tag>{Math.round(match.score * 100)}%</Tag>
                {match.reasons.map((reason) => (
                  <Tag key={reason} color="blue">
                    {reason}
                  </Tag>
                ))}
                {canResolve && (
                  <>
                    <Button size="small" onClick={() => void resolve(match.customerId, review.customerId, 'distinct')}>
                      {t('markDistinct')}
                    </Button>
                    <Button size="small" danger onClick={() => void resolve(match.customerId, review.customerId, 'merge')}>
                      {t('merge')}
                    </Button>
                  </>
                )}
              </Space>
            ))}
          </Space>
        </List.Item>
      )}
    />
  );
}
