import { Alert, Button, Card, Empty, Input, List, Popconfirm, Space, Tag, Typography } from 'antd';
import { useCallback, useEffect, useState } from 'react';
import type { ApiClient } from '../../api/client.js';
import { ApiProblem } from '../../api/client.js';
import { useI18n } from '../../i18n/I18nContext.js';

interface Claim {
  _id: string;
  customerName: string;
  grade: string;
  status: string;
  expiresAt: string;
  locked?: boolean;
}
interface PoolEntry {
  customerId: string;
  name: string;
  industry: string;
  region: string;
  grade: string;
}

const DAY_MS = 86_400_000;

/** Whole days of protection left, or null when the claim does not lapse (assigned customers). */
export function daysLeft(expiresAt: string, now: Date): number | null {
  const until = Date.parse(expiresAt);
  if (until - now.getTime() > 3650 * DAY_MS) return null;
  return Math.max(0, Math.ceil((until - now.getTime()) / DAY_MS));
}

/** A rep's customers: protection left, log a follow-up, release; and the public pool to claim from. */
export function MyCustomersPage({ api }: { api: ApiClient }) {
  const { t } = useI18n();
  const [claims, setClaims] = useState<Claim[]>([]);
  const [pool, setPool] = useState<PoolEntry[]>([]);
  const [notes, setNotes] = useState<Record<string, string>>({});
  const [message, setMessage] = useState<{ type: 'success' | 'error'; text: string }>();

  const load = useCallback(async () => {
    const [mine, open] = await Promise.all([api.call<{ claims: Claim[] }>('GET', '/api/claims?status=active'), api.call<{ customers: PoolEntry[] }>('GET', '/api/pool')]);
    setClaims(mine.claims);
    setPool(open.customers);
  }, [api]);
  useEffect(() => {
    load().catch(() => setClaims([]));
  }, [load]);

  const act = async (work: () => Promise<unknown>, done: string) => {
    setMessage(undefined);
    try {
      await work();
      setMessage({ type: 'success', text: done });
      await load();
    } catch (error) {
      const reasons = error instanceof ApiProblem ? ((error.body['reasons'] as Array<{ message: string }> | undefined) ?? []).map((r) => r.message) : [];
      setMessage({ type: 'error', text: [(error as Error).message, ...reasons].join(' · ') });
    }
  };

  return (
    <Space orientation="vertical" style={{ width: '100%' }}>
      {message && <Alert type={message.type} title={message.text} />}
      <Card title={t('myCustomers')}>
        {claims.length === 0 ? (
          <Empty description={t('noCustomers')} />
        ) : (
          <List
            dataSource={claims}
            renderItem={(claim) => {
              const left = daysLeft(claim.expiresAt, new Date());
              return (
                <List.Item>
                  <Space orientation="vertical" style={{ width: '100%' }}>
                    <Space wrap>
                      <Typography.Text strong>{claim.customerName}</Typography.Text>
                      <Tag color="blue">{claim.grade}</Tag>
                      <Tag color={left !== null && left <= 7 ? 'red' : 'default'}>{left === null ? t('noLapse') : t('daysLeft', { days: String(left) })}</Tag>
                    </Space>
                    <Space.Compact style={{ width: '100%' }}>
                      <Input aria-label={t('followUpNote', { name: claim.customerName })} placeholder={t('followUp')} value={notes[claim._id] ?? ''} onChange={(e) => setNotes({ ...notes, [claim._id]: e.target.value })} />
                      <Button disabled={(notes[claim._id] ?? '').trim() === ''} onClick={() => void act(() => api.call('POST', `/api/claims/${claim._id}/follow-ups`, { note: notes[claim._id] }).then(() => setNotes({ ...notes, [claim._id]: '' })), t('followUpLogged'))}>
                        {t('log')}
                      </Button>
                    </Space.Compact>
                    <Popconfirm title={t('releaseConfirm')} onConfirm={() => void act(() => api.call('POST', `/api/claims/${claim._id}/release`, {}), t('released'))}>
                      <Button size="small" danger>
                        {t('release')}
                      </Button>
                    </Popconfirm>
                  </Space>
                </List.Item>
              );
            }}
          />
        )}
      </Card>
      <Card title={t('pool')}>
        {pool.length === 0 ? (
          <Empty description={t('poolEmpty')} />
        ) : (
          <List
            dataSource={pool}
            renderItem={(entry) => (
              <List.Item actions={[<Button key="claim" onClick={() => void act(() => api.call('POST', `/api/pool/${entry.customerId}/claim`), t('claimed', { name: entry.name }))}>{t('claim')}</Button>]}>
                <Space wrap>
                  <Typography.Text>{entry.name}</Typography.Text>
                  <Tag>{entry.grade}</Tag>
                </Space>
              </List.Item>
            )}
          />
        )}
      </Card>
    </Space>
  );
}
