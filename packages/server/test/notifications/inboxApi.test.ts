import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createTestApp } from '../testApp.js';
import type { TestApp } from '../testApp.js';
import type { Notice } from '../../src/domain/notifications/notice.js';

// Each person reads and marks only their own notifications, a page at a time.
let t: TestApp;
let li: { id: string; auth: string };
let wang: { id: string; auth: string };
beforeEach(async () => {
  t = await createTestApp();
  const team = await t.team('华南一组');
  // One after the other: sign-ins hash passwords, a bounded number at a time, and this machine may be busy.
  li = await t.user('li.na', 'rep', [team], '李娜');
  wang = await t.user('wang.qiang', 'rep', [team], '王强');
});
afterEach(async () => {
  await t.store.close();
});

const notice = (n: number, recipients: string[]): Notice => ({
  kind: 'customer-assigned',
  recipients,
  teams: [],
  text: { zh: { title: `新客户「客户${n}」分配给你`, body: '正文' }, en: { title: `New customer “客户${n}” assigned to you`, body: 'Body' } },
});

async function fill(count: number): Promise<void> {
  for (let n = 1; n <= count; n += 1) {
    // One minute apart, so newest first is a known order.
    await t.services.inbox.deliver(`event-${n}`, new Date(Date.UTC(2026, 10, 23, 8, n)).toISOString(), notice(n, n % 3 === 0 ? [wang.id] : [li.id]));
  }
}

const get = (who: { auth: string }, query = '', language = 'zh-CN') => t.http.get(`/api/notifications${query}`).set('authorization', who.auth).set('accept-language', language);

describe('the inbox API', () => {
  it('lists only the caller’s own, newest first, in pages, with the total and unread count', async () => {
    await fill(9); // li: 1 2 4 5 7 8; wang: 3 6 9
    const first = await get(li, '?limit=4');
    expect(first.status).toBe(200);
    expect(first.body.notifications.map((n: { title: string }) => n.title)).toEqual(['新客户「客户8」分配给你', '新客户「客户7」分配给你', '新客户「客户5」分配给你', '新客户「客户4」分配给你']);
    expect(first.body).toMatchObject({ total: 6, unread: 6 });
    const second = await get(li, '?limit=4&skip=4', 'en');
    expect(second.body.notifications.map((n: { title: string }) => n.title)).toEqual(['New customer “客户2” assigned to you', 'New customer “客户1” assigned to you']);
    expect((await get(wang)).body.total).toBe(3);
    expect((await t.http.get('/api/notifications/unread-count').set('authorization', wang.auth)).body).toEqual({ unread: 3 });
  });

  it('marks one read, then all; nobody marks another’s', async () => {
    await fill(6);
    const mine = (await get(li)).body.notifications as Array<{ _id: string }>;
    const wangs = (await get(wang)).body.notifications as Array<{ _id: string }>;
    const marked = await t.http.post(`/api/notifications/${mine[0]!._id}/read`).set('authorization', li.auth);
    expect(marked.status).toBe(200);
    expect(marked.body).toMatchObject({ _id: mine[0]!._id, read: true });
    expect((await t.http.get('/api/notifications/unread-count').set('authorization', li.auth)).body.unread).toBe(3);
    expect((await get(li, '?unread=true')).body.notifications).toHaveLength(3);
    // Someone else's notification is not found, and stays unread.
    expect((await t.http.post(`/api/notifications/${wangs[0]!._id}/read`).set('authorization', li.auth)).status).toBe(404);
    expect((await t.http.get('/api/notifications/unread-count').set('authorization', wang.auth)).body.unread).toBe(2);

    const all = await t.http.post('/api/notifications/read-all').set('authorization', li.auth);
    expect(all.body).toEqual({ marked: 3 });
    expect((await t.http.get('/api/notifications/unread-count').set('authorization', li.auth)).body.unread).toBe(0);
    expect((await t.http.get('/api/notifications/unread-count').set('authorization', wang.auth)).body.unread).toBe(2);
  });

  it('answers bad paging and strangers with a 4xx naming the parameter, never a 500', async () => {
    for (const [query, path] of [['?limit=0', 'query.limit'], ['?limit=101', 'query.limit'], ['?limit=abc', 'query.limit'], ['?skip=-1', 'query.skip'], ['?unread=maybe', 'query.unread'], ['?page=2', 'query.page']]) {
      const answer = await get(li, query);
      expect([query, answer.status, answer.body.error?.code, answer.body.error?.details?.[0]?.path]).toEqual([query, 400, 'bad-request', path]);
    }
    expect((await t.http.get('/api/notifications')).status).toBe(401);
    expect((await t.http.post('/api/notifications/no-such-id/read').set('authorization', li.auth)).status).toBe(404);
    const key = await t.http.post('/api/api-keys').set('authorization', t.admin).send({ name: 'crm', role: 'admin' });
    expect((await t.http.get('/api/notifications').set('x-api-key', key.body.key)).status).toBe(403);
  });
});
