import { BellOutlined } from '@ant-design/icons';
import { Badge, Button, Drawer } from 'antd';
import { useCallback, useEffect, useState } from 'react';
import type { ApiClient } from '../api/client.js';
import { fetchUnreadCount } from '../api/notificationsApi.js';
import { useI18n } from '../i18n/I18nContext.js';
import { InboxList } from '../pages/inbox/InboxList.js';

/** How often the bell asks for the unread count while the page is open. */
const POLL_MS = 30_000;

/**
 * The bell in the header: the unread count on a badge, refreshed every half
 * minute and when the page comes back into view; a click opens the inbox in a
 * drawer (full width on a phone).
 */
export function NotificationBell({ api }: { api: ApiClient }) {
  const { t } = useI18n();
  const [unread, setUnread] = useState(0);
  const [open, setOpen] = useState(false);

  const refresh = useCallback(() => {
    // A missed count is not worth a message: the next poll tries again.
    fetchUnreadCount(api).then(setUnread, () => undefined);
  }, [api]);

  useEffect(() => {
    refresh();
    const timer = window.setInterval(refresh, POLL_MS);
    const onVisible = () => document.visibilityState === 'visible' && refresh();
    document.addEventListener('visibilitychange', onVisible);
    return () => {
      window.clearInterval(timer);
      document.removeEventListener('visibilitychange', onVisible);
    };
  }, [refresh]);

  return (
    <>
      <Badge count={unread} size="small" overflowCount={99}>
        <Button type="text" size="small" icon={<BellOutlined style={{ color: '#fff', fontSize: 18 }} />} aria-label={t('notificationsOpen', { count: String(unread) })} onClick={() => setOpen(true)} data-testid="notification-bell" />
      </Badge>
      <Drawer title={t('notifications')} open={open} onClose={() => setOpen(false)} size={Math.min(440, window.innerWidth)} destroyOnHidden>
        <InboxList api={api} onUnread={setUnread} />
      </Drawer>
    </>
  );
}
