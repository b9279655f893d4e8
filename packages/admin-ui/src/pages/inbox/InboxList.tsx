import { Alert, Badge, Button, Empty, Flex, Switch, Table, Typography } from 'antd';
import { useCallback, useEffect, useState } from 'react';
import type { ApiClient } from '../../api/client.js';
import type { InboxPage, Notification } from '../../api/notificationsApi.js';
import { fetchInbox, markAllRead, markRead } from '../../api/notificationsApi.js';
import { useI18n } from '../../i18n/I18nContext.js';

const PAGE_SIZE = 10;

/** When a notification came, as people read dates in the page's language. */
function when(iso: string, language: 'zh' | 'en'): string {
  return new Intl.DateTimeFormat(language === 'zh' ? 'zh-CN' : 'en-GB', { dateStyle: 'medium', timeStyle: 'short' }).format(new Date(iso));
}

/**
 * The signed-in person's notifications, newest first, a page at a time:
 * unread ones marked, read by opening them, all at once with one button.
 * Tells its owner the unread count after every change (the bell's figure).
 */
export function InboxList({ api, onUnread }: { api: ApiClient; onUnread(count: number): void }) {
  const { t, language } = useI18n();
  const [page, setPage] = useState(1);
  const [unreadOnly, setUnreadOnly] = useState(false);
  const [data, setData] = useState<InboxPage>();
  const [loading, setLoading] = useState(true);
  const [failed, setFailed] = useState(false);

  const load = useCallback(async () => {
    setLoading(true);
    try {
      const answer = await fetchInbox(api, { limit: PAGE_SIZE, skip: (page - 1) * PAGE_SIZE, unreadOnly });
      setData(answer);
      setFailed(false);
      onUnread(answer.unread);
    } catch {
      setFailed(true);
    } finally {
      setLoading(false);
    }
  }, [api, page, unreadOnly, onUnread]);

  // The page follows the language: the server answers in it.
  useEffect(() => {
    void load();
  }, [load, language]);

  const open = async (note: Notification) => {
    if (note.read) return;
    try {
      await markRead(api, note._id);
    } finally {
      await load();
    }
  };

  const readAll = async () => {
    try {
      await markAllRead(api);
    } finally {
      await load();
    }
  };

  if (failed && !data) {
    return <Alert type="error" showIcon title={t('inboxLoadFailed')} action={<Button size="small" onClick={() => void load()}>{t('inboxRetry')}</Button>} />;
  }
  return (
    <Flex vertical gap={12} data-testid="inbox">
      <Flex justify="space-between" align="center" wrap gap={8}>
        <Flex align="center" gap={8}>
          <Switch size="small" checked={unreadOnly} onChange={(checked) => { setUnreadOnly(checked); setPage(1); }} aria-label={t('unreadOnly')} />
          <Typography.Text>{t('unreadOnly')}</Typography.Text>
        </Flex>
        <Button size="small" disabled={!data || data.unread === 0} onClick={() => void readAll()}>
          {t('markAllRead')}
        </Button>
      </Flex>
      {failed && <Alert type="error" showIcon title={t('inboxLoadFailed')} />}
      <Table<Notification>
        rowKey="_id"
        size="small"
        showHeader={false}
        loading={loading}
        dataSource={data?.notifications ?? []}
        locale={{ emptyText: <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('inboxEmpty')} /> }}
        pagination={{ current: page, pageSize: PAGE_SIZE, total: data?.total ?? 0, onChange: setPage, showSizeChanger: false, size: 'small', hideOnSinglePage: true, showTotal: (total) => t('inboxTotal', { total: String(total) }) }}
        onRow={(note) => ({ onClick: () => void open(note), style: { cursor: note.read ? 'default' : 'pointer' } })}
        columns={[
          {
            key: 'note',
            render: (_, note) => (
              <Flex vertical gap={2} data-testid={note.read ? 'note-read' : 'note-unread'}>
                <Flex gap={8} align="baseline">
                  {!note.read && <Badge status="processing" aria-label={t('unreadTag')} />}
                  <Typography.Text strong={!note.read} style={{ overflowWrap: 'anywhere' }}>
                    {note.title}
                  </Typography.Text>
                </Flex>
                <Typography.Text type="secondary" style={{ overflowWrap: 'anywhere' }}>
                  {note.body}
                </Typography.Text>
                <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                  {when(note.createdAt, language)}
                </Typography.Text>
              </Flex>
            ),
          },
        ]}
      />
    </Flex>
  );
}
