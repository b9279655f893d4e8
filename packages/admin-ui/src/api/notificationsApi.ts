import type { ApiClient } from './client.js';

/** One notification as the server answers it: already in the page's language. */
export interface Notification {
  _id: string;
  kind: 'appeal-decided' | 'appeal-waiting' | 'protection-ending' | 'customer-assigned' | 'reassignment-waiting';
  title: string;
  body: string;
  createdAt: string;
  read: boolean;
}

export interface InboxPage {
  notifications: Notification[];
  total: number;
  unread: number;
}

/** The signed-in person's notifications, a page at a time. */
export function fetchInbox(api: ApiClient, page: { limit: number; skip: number; unreadOnly: boolean }): Promise<InboxPage> {
  const query = new URLSearchParams({ limit: String(page.limit), skip: String(page.skip), ...(page.unreadOnly ? { unread: 'true' } : {}) });
  return api.call<InboxPage>('GET', `/api/notifications?${query.toString()}`);
}

/** How many of the person's notifications are unread. */
export async function fetchUnreadCount(api: ApiClient): Promise<number> {
  return (await api.call<{ unread: number }>('GET', '/api/notifications/unread-count')).unread;
}

export function markRead(api: ApiClient, id: string): Promise<Notification> {
  return api.call<Notification>('POST', `/api/notifications/${encodeURIComponent(id)}/read`);
}

export function markAllRead(api: ApiClient): Promise<{ marked: number }> {
  return api.call<{ marked: number }>('POST', '/api/notifications/read-all');
}
