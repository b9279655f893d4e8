import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createTestApp, softwareCustomer } from '../testApp.js';
import type { TestApp } from '../testApp.js';
import { chatPlatforms } from '../notifications/chatPlatforms.js';
import type { ChatPlatforms } from '../notifications/chatPlatforms.js';

// A robot URL whose host name resolves inside (here to 127.0.0.1, not allow-listed) is never posted to.
const FEISHU = { token: 'fs-7f3e2d1c-0b9a-8765-4321-fedcba987654', secret: 'fsSecretQwErTy123456' };
const DINGTALK = { token: 'dt0123456789abcdef0123456789abcdef', secret: 'SECd1e2f3a4b5c6d7e8f9a0b1c2d3e4f5a6b7c8d9e0f1a2b3c4' };
const WECOM = { key: '693a91f6-7xxx-4bc4-97a0-0ec2sifa5aaa' };

let t: TestApp;
let platforms: ChatPlatforms;
let team: string;
beforeEach(async () => {
  t = await createTestApp({ dataKey: 'b'.repeat(64), outbound: { resolve: async () => [{ address: '127.0.0.1', family: 4 }] } });
  platforms = await chatPlatforms({ dingtalk: DINGTALK, wecom: WECOM, feishu: FEISHU, now: () => t.clock.now });
  team = await t.team('华南一组');
});
afterEach(async () => {
  await platforms.close();
  await t.store.close();
});

describe('a team robot whose host name resolves to an internal address', () => {
  it('is refused at connection time: nothing reaches the address, the delivery says unreachable', async () => {
    const port = new URL(platforms.origin).port;
    const url = `http://robots.internal.test:${port}/open-apis/bot/v2/hook/${FEISHU.token}`;
    expect((await t.http.put(`/api/teams/${team}/robots/feishu`).set('authorization', t.admin).send({ url, secret: FEISHU.secret })).status).toBe(200);
    // A rep of another team appeals against the team's customer: the team's robot is told.
    const li = await t.user('li.na', 'rep', [team], '李娜');
    await t.user('south.boss', 'manager', [team], '周敏');
    const wang = await t.user('wang.qiang', 'rep', [await t.team('华北二组')], '王强');
    await t.http.post('/api/registrations').set('authorization', li.auth).send(softwareCustomer('深圳市星云数据有限公司'));
    const taken = await t.http.post('/api/registrations').set('authorization', wang.auth).send(softwareCustomer('星雲數據（深圳）有限責任公司'));
    expect((await t.http.post('/api/appeals').set('authorization', wang.auth).send({ collisionId: taken.body.error.collisionId, reason: '先联系的' })).status).toBe(201);
    await t.services.webhookDispatcher.tick();

    const deliveries = await t.services.webhookDispatcher.deliveries.find({ robot: { $exists: true } });
    expect(deliveries).toHaveLength(1);
    expect(deliveries[0]!.history.at(-1)?.error).toBeDefined();
    expect(deliveries[0]!.status).not.toBe('delivered');
    expect(platforms.taken).toEqual([]);
  });
});
