import { join } from 'node:path';
import type { Page } from 'playwright-core';
import request from 'supertest';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ARTIFACTS, chromiumPath, openScreen, pageErrors, startHarness } from './browserHarness.js';
import type { Harness } from './browserHarness.js';
import { dingTalkRobot } from './dingTalkRobot.js';
import type { DingTalkRobot } from './dingTalkRobot.js';

// An admin sets a team's DingTalk group robot from the organisation screen, sees a notification reach the group, and removes it.
const chromium = chromiumPath();
if (chromium.reason) console.warn(`browser journeys skipped: ${chromium.reason}`);

const TOKEN = 'robot-token-0123456789abcdef';
const SECRET = 'SECb6f1d2c3a4e5f60718293a4b5c6d7e8f90a1b2c3d4e5f6';
let h: Harness;
let robot: DingTalkRobot;
let south: string;
let north: string;
const auth: Record<string, string> = {};
beforeAll(async () => {
  if (!chromium.path) return;
  h = await startHarness(chromium.path);
  robot = await dingTalkRobot(TOKEN, SECRET);
  south = await h.team('华南一组');
  north = await h.team('华北二组');
  await h.user('li.na', 'rep', [south], '李娜');
  await h.user('zhou.min', 'manager', [south], '周敏');
  await h.user('wang.fang', 'rep', [north], '王芳');
  for (const username of ['li.na', 'wang.fang']) {
    const login = await request(h.created.app).post('/api/auth/login').send({ username, password: `${username}-password` });
    auth[username] = `Bearer ${login.body.token as string}`;
  }
}, 60_000);
afterAll(async () => {
  await robot?.close();
  await h?.close();
});

const api = () => request(h.created.app);
const drawer = (page: Page) => page.locator('.ant-drawer:visible');
const dialog = (page: Page) => page.locator('.ant-modal:visible');
// antd spaces out a two-character Chinese button label ("保 存"), and names a busy one "loading 保 存".
const button = (label: string) => new RegExp(`^(loading )?${[...label].join('\\s?')}$`);

async function signInAsAdmin(page: Page) {
  await page.goto(h.url);
  await page.getByLabel(/用户名|Username/).fill('admin');
  await page.getByLabel(/密码|Password/).fill('browser-admin-password');
  await page.getByRole('button', { name: /^(登\s?录|Sign in)$/ }).click();
}

// Evaluated in the page (the journeys are compiled without the DOM's types).
const RUNNING_TRANSITIONS = `document.getAnimations().filter((a) => a.playState === 'running' && a.effect?.getTiming().iterations !== Infinity).length`;

/** Takes a screenshot once antd's transitions (a help line growing, a popover fading in, a tab's ink bar) have finished; endless ones (a spinner) do not count. */
async function shot(page: Page, name: string) {
  await expect.poll(() => page.evaluate(RUNNING_TRANSITIONS), { timeout: 10_000 }).toBe(0);
  await page.screenshot({ path: join(ARTIFACTS, `robots-${name}-desktop.png`) });
}

/** Opens the organisation screen's team list and a team's robots drawer, waiting for it to slide in and load. */
async function openRobots(page: Page, screen: string, tab: string, team: string, action: string, width: number, listShot?: string) {
  await openScreen(page, screen);
  await page.getByRole('tab', { name: tab, exact: true }).click();
  if (listShot) {
    await page.getByRole('row', { name: new RegExp(team) }).waitFor();
    await shot(page, listShot);
  }
  await page.getByRole('row', { name: new RegExp(team) }).getByRole('button', { name: button(action) }).click();
  await expect.poll(async () => Math.round((await page.locator('.ant-drawer-content-wrapper').boundingBox())?.x ?? -1), { timeout: 10_000 }).toBe(1280 - width);
  await drawer(page).getByRole('tab').first().waitFor();
}

/** The error antd shows under the labelled field of the open dialog. */
const fieldError = (page: Page, label: string) => dialog(page).locator('.ant-form-item').filter({ has: page.getByLabel(label, { exact: true }) }).locator('.ant-form-item-explain-error');

describe.skipIf(!chromium.path)('a team’s chat robots in the browser', () => {
  it('in Chinese on a desktop: set a DingTalk robot, a bad address refused under its field, a notification delivered, removed after confirming', async () => {
    const context = await h.browser.newContext({ locale: 'zh-CN', viewport: { width: 1280, height: 800 } });
    const page = await context.newPage();
    const errors = pageErrors(page);
    await signInAsAdmin(page);
    await openRobots(page, '组织架构', '团队', '华南一组', '群机器人', 720, 'teams-zh');
    const panel = drawer(page).getByTestId('robot-dingtalk');
    await expect.poll(() => panel.innerText()).toContain('尚未设置钉钉群机器人');
    expect(await drawer(page).getByRole('tab').allInnerTexts()).toEqual(['钉钉 未设置', '企业微信 未设置', '飞书 未设置']);
    await shot(page, 'empty-zh');

    // An internal address is refused by the outbound rule: the reason under the address, in Chinese.
    await panel.getByRole('button', { name: '设置机器人' }).click();
    const form = dialog(page);
    expect(await form.getByTestId('robot-where').innerText()).toContain('群设置 → 智能群助手 → 添加机器人 → 自定义');
    await form.getByLabel('机器人地址', { exact: true }).fill('http://10.0.0.8/robot/send?access_token=abcdef0123456789');
    await form.getByLabel('签名密钥', { exact: true }).fill(SECRET);
    await form.getByRole('button', { name: button('保存') }).click();
    await expect.poll(() => fieldError(page, '机器人地址').innerText(), { timeout: 10_000 }).toBe('这是内部网络地址，不允许发送；如确需使用，请运维人员在 OUTBOUND_ALLOW 中放行');
    await shot(page, 'refused-zh');
    // An address without its access token, likewise.
    await form.getByLabel('机器人地址', { exact: true }).fill('https://oapi.dingtalk.com/robot/send');
    await form.getByRole('button', { name: button('保存') }).click();
    await expect.poll(() => fieldError(page, '机器人地址').innerText(), { timeout: 10_000 }).toBe('钉钉机器人地址应包含 access_token（…/robot/send?access_token=…）');

    // The robot's real address and secret: saved, shown masked, never in full.
    await form.getByLabel('机器人地址', { exact: true }).fill(robot.url);
    await form.getByRole('button', { name: button('保存') }).click();
    await dialog(page).waitFor({ state: 'detached', timeout: 10_000 }).catch(() => undefined);
    await expect.poll(() => page.locator('.ant-modal:visible').count(), { timeout: 10_000 }).toBe(0);
    const hint = robot.url.replace(TOKEN, `…${TOKEN.slice(-4)}`);
    await expect.poll(() => panel.innerText(), { timeout: 10_000 }).toContain(hint);
    expect(await panel.innerText()).toContain('已保存（不显示）');
    expect(await panel.innerText()).toContain('还没有发到这个机器人的消息');
    expect(await drawer(page).innerText()).not.toContain(TOKEN);
    expect(await page.content()).not.toContain(SECRET);
    expect(await drawer(page).getByRole('tab').first().innerText()).toBe('钉钉 已设置');

    // A rep of another team appeals against a customer of this team: its manager must decide, and the group hears of it.
    expect((await api().post('/api/registrations').set('authorization', auth['li.na']!).send({ industry: 'software', customer: { companyName: '深圳市星云数据有限公司', region: '440305', contactName: '张总', phone: '+86 138-0013-8000', grade: 'C', deployment: 'saas' } })).status).toBe(201);
    const taken = await api().post('/api/registrations').set('authorization', auth['wang.fang']!).send({ industry: 'software', customer: { companyName: '星雲數據（深圳）有限責任公司', region: '440305', contactName: '张总', phone: '+86 139-0013-9000', grade: 'C', deployment: 'saas' } });
    expect(taken.status).toBe(409);
    expect((await api().post('/api/appeals').set('authorization', auth['wang.fang']!).send({ collisionId: taken.body.error.collisionId, reason: '这是另一家公司' })).status).toBe(201);
    await expect.poll(async () => { await h.created.services.webhookDispatcher.tick(); return robot.posts.length; }, { timeout: 10_000 }).toBe(1);
    expect(robot.posts[0]).toMatchObject({ accepted: true, body: { msgtype: 'markdown', markdown: { title: '「深圳市星云数据有限公司」的申诉等待你裁决' } } });

    const deliveries = panel.getByTestId('robot-deliveries-dingtalk');
    await deliveries.getByRole('button', { name: button('刷新') }).click();
    const row = deliveries.getByRole('row', { name: /「深圳市星云数据有限公司」的申诉等待你裁决/ });
    await expect.poll(() => row.innerText(), { timeout: 10_000 }).toContain('已送达');
    await shot(page, 'delivered-zh');

    // Removing asks first; once confirmed the robot is gone, here and on the server.
    await panel.getByRole('button', { name: button('移除') }).click();
    const confirm = page.locator('.ant-popover:visible');
    expect(await confirm.innerText()).toContain('移除钉钉群机器人？团队的通知将不再发到该群');
    await shot(page, 'remove-zh');
    expect((await api().get(`/api/teams/${south}/robots`).set('authorization', h.admin)).body.robots).toHaveLength(1);
    await confirm.getByRole('button', { name: button('移除') }).click();
    await expect.poll(() => panel.innerText(), { timeout: 10_000 }).toContain('尚未设置钉钉群机器人');
    expect((await api().get(`/api/teams/${south}/robots`).set('authorization', h.admin)).body.robots).toEqual([]);
    expect(errors).toEqual([]);
    await context.close();
  }, 90_000);

  it('in English on a desktop: a WeCom robot whose post was turned down, in words; the Feishu form with where to find the address and secret', async () => {
    // The stand-in is no WeCom robot: it answers 404, as WeCom does for a robot since deleted.
    expect((await api().put(`/api/teams/${north}/robots/wecom`).set('authorization', h.admin).send({ url: `${new URL(robot.url).origin}/cgi-bin/webhook/send?key=wecom-key-0123456789` })).status).toBe(200);
    expect((await api().post('/api/registrations').set('authorization', auth['wang.fang']!).send({ industry: 'software', customer: { companyName: '北京海川科技有限公司', region: '110105', contactName: '刘总', phone: '+86 137-0013-7000', grade: 'C', deployment: 'saas' } })).status).toBe(201);
    const taken = await api().post('/api/registrations').set('authorization', auth['li.na']!).send({ industry: 'software', customer: { companyName: '海川科技（北京）有限公司', region: '110105', contactName: '刘总', phone: '+86 136-0013-6000', grade: 'C', deployment: 'saas' } });
    expect(taken.status).toBe(409);
    expect((await api().post('/api/appeals').set('authorization', auth['li.na']!).send({ collisionId: taken.body.error.collisionId, reason: '我先拜访的客户' })).status).toBe(201);
    const attempted = async () => {
      await h.created.services.webhookDispatcher.tick();
      return (await api().get(`/api/teams/${north}/robots/wecom/deliveries`).set('authorization', h.admin)).body.deliveries.map((d: { attempts: number }) => d.attempts);
    };
    await expect.poll(attempted, { timeout: 10_000 }).toEqual([1]);
    const context = await h.browser.newContext({ locale: 'en-US', viewport: { width: 1280, height: 800 } });
    const page = await context.newPage();
    const errors = pageErrors(page);
    await signInAsAdmin(page);
    await openRobots(page, 'Organisation', 'Teams', '华北二组', 'Chat robots', 720);
    expect(await drawer(page).getByRole('tab').allInnerTexts()).toEqual(['DingTalk Not set', 'WeCom Set', 'Feishu Not set']);
    await drawer(page).getByRole('tab', { name: /WeCom/ }).click();
    const wecom = drawer(page).getByTestId('robot-wecom');
    await expect.poll(() => wecom.innerText(), { timeout: 10_000 }).toContain('/cgi-bin/webhook/send?key=…6789');
    expect(await wecom.innerText()).toContain('WeCom uses no secret: the key in the address is the credential');
    const row = wecom.getByRole('row', { name: /「北京海川科技有限公司」的申诉等待你裁决/ });
    expect(await row.innerText()).toContain('Failed, will retry');
    expect(await row.innerText()).toContain('The platform turned the request down: the robot may have been deleted, or the address is wrong');
    expect(await row.innerText()).not.toMatch(/404|answered/);
    // The drawer is in English; only the posted message (as the Chinese group read it) and the team's name are not.
    expect((await drawer(page).locator('.ant-drawer-body').innerText()).replace('「北京海川科技有限公司」的申诉等待你裁决', '')).not.toMatch(/[\u4e00-\u9fff]/);
    await shot(page, 'en');

    await drawer(page).getByRole('tab', { name: /Feishu/ }).click();
    await drawer(page).getByTestId('robot-feishu').getByRole('button', { name: 'Set up the robot' }).click();
    const form = dialog(page);
    expect(await form.getByTestId('robot-where').innerText()).toContain('Group settings → Bots → Add bot → Custom bot');
    expect(await form.getByLabel('Signing secret', { exact: true }).count()).toBe(1);
    await form.getByLabel('Robot address', { exact: true }).fill('not a web address');
    await form.getByRole('button', { name: 'Save' }).click();
    await expect.poll(() => fieldError(page, 'Robot address').innerText(), { timeout: 10_000 }).toBe('Not a web address: paste the whole webhook address');
    expect(await form.innerText()).not.toMatch(/[\u4e00-\u9fff]/);
    await shot(page, 'form-en');
    expect(errors).toEqual([]);
    await context.close();
  }, 90_000);
});
