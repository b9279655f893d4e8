import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createTestApp, softwareCustomer } from '../testApp.js';
import type { TestApp } from '../testApp.js';
import { chatPlatforms } from './chatPlatforms.js';
import type { ChatPlatforms } from './chatPlatforms.js';

// A team's notifications reach its DingTalk, WeCom and Feishu groups, in each platform's documented format and signature.
const DINGTALK = { token: 'dt0123456789abcdef0123456789abcdef', secret: 'SECd1e2f3a4b5c6d7e8f9a0b1c2d3e4f5a6b7c8d9e0f1a2b3c4' };
const WECOM = { key: '693a91f6-7xxx-4bc4-97a0-0ec2sifa5aaa' };
const FEISHU = { token: 'fs-7f3e2d1c-0b9a-8765-4321-fedcba987654', secret: 'fsSecretQwErTy123456' };
const DATA_KEY = 'a'.repeat(64);

let t: TestApp;
let platforms: ChatPlatforms;
let team: string;
beforeEach(async () => {
  t = await createTestApp({ dataKey: DATA_KEY });
  platforms = await chatPlatforms({ dingtalk: DINGTALK, wecom: WECOM, feishu: FEISHU, now: () => t.clock.now });
  team = await t.team('华南一组');
});
afterEach(async () => {
  await platforms.close();
  await t.store.close();
});

const setRobot = (platform: string, body: Record<string, unknown>, auth = t.admin, teamId = team) => t.http.put(`/api/teams/${teamId}/robots/${platform}`).set('authorization', auth).send(body);
const urls = () => ({
  dingtalk: `${platforms.origin}/robot/send?access_token=${DINGTALK.token}`,
  wecom: `${platforms.origin}/cgi-bin/webhook/send?key=${WECOM.key}`,
  feishu: `${platforms.origin}/open-apis/bot/v2/hook/${FEISHU.token}`,
});

/** A rep of another team appeals against a customer the team holds: the team's manager (and group) hear it waits. */
async function appealAgainstTheTeam(reason = '客户是我先联系的'): Promise<void> {
  const li = await t.user('li.na', 'rep', [team], '李娜');
  await t.user('south.boss', 'manager', [team], '周敏');
  const north = await t.team('华北二组');
  const wang = await t.user('wang.qiang', 'rep', [north], '王强');
  await t.http.post('/api/registrations').set('authorization', li.auth).send(softwareCustomer('深圳市星云数据有限公司'));
  const taken = await t.http.post('/api/registrations').set('authorization', wang.auth).send(softwareCustomer('星雲數據（深圳）有限責任公司'));
  expect((await t.http.post('/api/appeals').set('authorization', wang.auth).send({ collisionId: taken.body.error.collisionId, reason })).status).toBe(201);
  await t.services.webhookDispatcher.tick();
}

describe('team chat robots', () => {
  it('post to each platform in its format, signed as it verifies, and the deliveries are recorded as taken', async () => {
    const u = urls();
    expect((await setRobot('dingtalk', { url: u.dingtalk, secret: DINGTALK.secret })).status).toBe(200);
    expect((await setRobot('wecom', { url: u.wecom })).status).toBe(200);
    expect((await setRobot('feishu', { url: u.feishu, secret: FEISHU.secret })).status).toBe(200);
    await appealAgainstTheTeam();

    expect(platforms.taken.map((m) => [m.platform, m.accepted, m.refusal])).toEqual(expect.arrayContaining([['dingtalk', true, undefined], ['wecom', true, undefined], ['feishu', true, undefined]]));
    expect(platforms.taken).toHaveLength(3);
    const body = (platform: string) => platforms.taken.find((m) => m.platform === platform)!.body;
    expect(body('dingtalk')).toEqual({ msgtype: 'markdown', markdown: { title: '「深圳市星云数据有限公司」的申诉等待你裁决', text: expect.stringContaining('王强（华北二组）提出申诉：客户是我先联系的') } });
    expect(body('wecom')).toEqual({ msgtype: 'markdown', markdown: { content: expect.stringContaining('「深圳市星云数据有限公司」的申诉等待你裁决') } });
    expect(body('feishu')).toEqual({ timestamp: String(Math.floor(t.clock.now.getTime() / 1000)), sign: expect.any(String), msg_type: 'text', content: { text: expect.stringContaining('王强（华北二组）') } });
    const deliveries = await t.services.webhookDispatcher.deliveries.find({ robot: { $exists: true } });
    expect(deliveries.map((d) => d.status)).toEqual(['delivered', 'delivered', 'delivered']);
    // The delivery history names the robot by its masked URL only.
    expect(JSON.stringify(deliveries)).not.toContain(DINGTALK.token);
    expect(JSON.stringify(deliveries)).not.toContain(WECOM.key);
  });

  it('records a message a platform refused (a wrong secret) as failed, to be retried', async () => {
    const u = urls();
    expect((await setRobot('dingtalk', { url: u.dingtalk, secret: 'SECnot-the-robots-secret' })).status).toBe(200);
    expect((await setRobot('feishu', { url: u.feishu, secret: 'not-the-bots-secret' })).status).toBe(200);
    await appealAgainstTheTeam();
    expect(platforms.taken.map((m) => [m.platform, m.refusal]).sort()).toEqual([
      ['dingtalk', 'sign not match'],
      ['feishu', 'sign match fail or timestamp is not within one hour from current time'],
    ]);
    const deliveries = await t.services.webhookDispatcher.deliveries.find({ robot: { $exists: true } });
    expect(deliveries.map((d) => [d.status, d.history.at(-1)?.error])).toEqual([
      ['pending', 'answered 200, message refused'],
      ['pending', 'answered 200, message refused'],
    ]);
    // The admin reads it in the robot's deliveries.
    const listed = await t.http.get(`/api/teams/${team}/robots/feishu/deliveries`).set('authorization', t.admin);
    expect(listed.status).toBe(200);
    expect(listed.body.deliveries.map((d: { type: string; history: Array<{ error?: string }> }) => [d.type, d.history.at(-1)?.error])).toEqual([['appeal.filed', 'answered 200, message refused']]);
    expect((await t.http.get(`/api/teams/${team}/robots/feishu/deliveries?limit=0`).set('authorization', t.admin)).body.error.details[0].path).toBe('query.limit');
  });

  it('clips a long text to what a group chat takes (WeCom: 4096 bytes of markdown)', async () => {
    expect((await setRobot('wecom', { url: urls().wecom })).status).toBe(200);
    await appealAgainstTheTeam('理'.repeat(2000));
    expect(platforms.taken.map((m) => [m.platform, m.accepted, m.refusal])).toEqual([['wecom', true, undefined]]);
    expect((platforms.taken[0]!.body['markdown'] as { content: string }).content).toMatch(/理…$/);
    // The inbox keeps the whole text.
    const boss = await t.login('south.boss', 'south.boss-password');
    expect((await t.http.get('/api/notifications').set('authorization', boss)).body.notifications[0].body).toContain('理'.repeat(2000));
  });

  it('keeps the URL and secret write-only and sealed at rest; a secret left out is kept', async () => {
    const u = urls();
    const saved = await setRobot('dingtalk', { url: u.dingtalk, secret: DINGTALK.secret });
    expect(saved.body).toMatchObject({ platform: 'dingtalk', hasSecret: true, urlHint: `${platforms.origin}/robot/send?access_token=…cdef` });
    const again = await setRobot('dingtalk', { url: u.dingtalk });
    expect(again.body.hasSecret).toBe(true);
    const listed = await t.http.get(`/api/teams/${team}/robots`).set('authorization', t.admin);
    expect(listed.status).toBe(200);
    expect(listed.body.robots).toHaveLength(1);
    for (const answer of [saved.body, again.body, listed.body]) {
      expect(JSON.stringify(answer)).not.toContain(DINGTALK.secret);
      expect(JSON.stringify(answer)).not.toContain(DINGTALK.token);
    }
    const raw = await t.store.collection('teamRobots').findOne({ _id: `${team}:dingtalk` });
    expect(raw?.['credentials']).toMatchObject({ enc: 'aes-256-gcm' });
    expect(JSON.stringify(raw)).not.toContain(DINGTALK.secret);
    // The kept secret still signs.
    await appealAgainstTheTeam();
    expect(platforms.taken.map((m) => m.accepted)).toEqual([true]);

    expect((await t.http.delete(`/api/teams/${team}/robots/dingtalk`).set('authorization', t.admin)).status).toBe(204);
    expect((await t.http.get(`/api/teams/${team}/robots`).set('authorization', t.admin)).body.robots).toEqual([]);
  });

  it('refuses bad settings with a code and the field, internal addresses included', async () => {
    const u = urls();
    const cases: Array<[string, Record<string, unknown>, number, string, string | undefined]> = [
      ['dingtalk', { url: 'not a url' }, 422, 'invalid', '/url'],
      ['dingtalk', { url: 'https://oapi.dingtalk.com/robot/send' }, 422, 'invalid', '/url'],
      ['wecom', { url: 'http://10.0.0.8/cgi-bin/webhook/send?key=abc' }, 422, 'invalid', '/url'],
      ['feishu', { url: 'http://169.254.169.254/open-apis/bot/v2/hook/x' }, 422, 'invalid', '/url'],
      ['wecom', { url: u.wecom, secret: 'x' }, 422, 'invalid', '/secret'],
      ['wecom', { secret: 'x' }, 422, 'invalid', '/url'],
      ['slack', { url: u.wecom }, 404, 'not-found', 'params.platform'],
    ];
    for (const [platform, body, status, code, path] of cases) {
      const answer = await setRobot(platform, body);
      expect([platform, body, answer.status, answer.body.error?.code]).toEqual([platform, body, status, code]);
      if (path) expect(answer.body.error.details.map((d: { path: string }) => d.path)).toContain(path);
    }
    const internal = await setRobot('wecom', { url: 'http://10.0.0.8/cgi-bin/webhook/send?key=abc' });
    expect(internal.body.error.details[0].code).toBe('address-not-allowed');
    expect((await setRobot('wecom', { url: u.wecom }, t.admin, 'no-such-team')).status).toBe(404);
    const manager = await t.user('south.boss', 'manager', [team], '周敏');
    expect((await setRobot('wecom', { url: u.wecom }, manager.auth)).status).toBe(403);
    expect((await t.http.get(`/api/teams/${team}/robots`).set('authorization', manager.auth)).status).toBe(403);
  });
});
