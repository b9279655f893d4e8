import { join } from 'node:path';
import type { Page } from 'playwright-core';
import request from 'supertest';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ARTIFACTS, chromiumPath, pageErrors, startHarness } from './browserHarness.js';
import type { Harness } from './browserHarness.js';

// A rep hears in the app that her appeal was decided: the bell's count, then the inbox.
const chromium = chromiumPath();
if (chromium.reason) console.warn(`browser journeys skipped: ${chromium.reason}`);

let h: Harness;
const auth: Record<string, string> = {};
beforeAll(async () => {
  if (!chromium.path) return;
  h = await startHarness(chromium.path);
  const south = await h.team('华南一组');
  const north = await h.team('华北二组');
  await h.user('li.na', 'rep', [south], '李娜');
  await h.user('zhou.min', 'manager', [south], '周敏');
  await h.user('wang.fang', 'rep', [north], '王芳');
  await h.user('chen.jing', 'rep', [north], '陈静');
  for (const username of ['li.na', 'zhou.min', 'wang.fang', 'chen.jing']) {
    const login = await request(h.created.app).post('/api/auth/login').send({ username, password: `${username}-password` });
    auth[username] = `Bearer ${login.body.token as string}`;
  }
}, 60_000);
afterAll(async () => {
  await h?.close();
});

const api = () => request(h.created.app);

/** A valid software-industry registration. */
function softwareRegistration(companyName: string, phone: string) {
  return { industry: 'software', customer: { companyName, region: '440305', contactName: '张总', phone, grade: 'C', deployment: 'saas' } };
}

/** Li holds a customer; `appellant` registers it under another spelling and appeals. Answers the appeal's id. */
async function appealAgainstLi(appellant: string, held: string, spelling: string, reason: string): Promise<string> {
  expect((await api().post('/api/registrations').set('authorization', auth['li.na']!).send(softwareRegistration(held, '+86 138-0013-8000'))).status).toBe(201);
  const taken = await api().post('/api/registrations').set('authorization', auth[appellant]!).send(softwareRegistration(spelling, '+86 139-0013-9000'));
  expect(taken.status).toBe(409);
  const appeal = await api().post('/api/appeals').set('authorization', auth[appellant]!).send({ collisionId: taken.body.error.collisionId, reason });
  expect(appeal.status).toBe(201);
  return appeal.body._id as string;
}

/** The manager decides; the dispatcher's pass (every second in a running server) raises the notifications. */
async function decide(appealId: string, verdict: string, comment: string): Promise<void> {
  expect((await api().post(`/api/appeals/${appealId}/decision`).set('authorization', auth['zhou.min']!).send({ verdict, comment })).status).toBe(200);
  await h.created.services.webhookDispatcher.tick();
}

async function signIn(page: Page, username: string) {
  await page.goto(h.url);
  await page.getByLabel(/用户名|Username/).fill(username);
  await page.getByLabel(/密码|Password/).fill(`${username}-password`);
  await page.getByRole('button', { name: /登\s*录|Sign in/ }).click();
}

/** Waits until the inbox drawer has slid in to `left` and its list has loaded (screenshots show the settled page). */
async function drawerSettled(page: Page, left: number) {
  await expect.poll(async () => Math.round((await page.locator('.ant-drawer-content-wrapper').boundingBox())?.x ?? -1), { timeout: 10_000 }).toBe(left);
  await expect.poll(() => page.locator('.ant-drawer .ant-spin-spinning').count(), { timeout: 10_000 }).toBe(0);
}

const bellCount = (page: Page) => page.locator('.ant-layout-header .ant-badge .ant-scroll-number').getAttribute('title').catch(() => null);

describe.skipIf(!chromium.path)('notifications in the browser', () => {
  it('in Chinese on a desktop: the manager sees the appeal waiting, decides; the rep sees the count and reads the verdict', async () => {
    const appealId = await appealAgainstLi('wang.fang', '深圳市星云数据有限公司', '星雲數據（深圳）有限責任公司', '这是另一家公司，与李娜的客户无关');
    await h.created.services.webhookDispatcher.tick();

    const managerContext = await h.browser.newContext({ locale: 'zh-CN', viewport: { width: 1280, height: 800 } });
    const manager = await managerContext.newPage();
    const managerErrors = pageErrors(manager);
    await signIn(manager, 'zhou.min');
    await expect.poll(() => bellCount(manager), { timeout: 10_000 }).toBe('1');
    await manager.getByTestId('notification-bell').click();
    const managerInbox = manager.getByTestId('inbox');
    await expect.poll(() => managerInbox.innerText(), { timeout: 10_000 }).toContain('「深圳市星云数据有限公司」的申诉等待你裁决');
    expect(await managerInbox.innerText()).toContain('王芳（华北二组）提出申诉：这是另一家公司，与李娜的客户无关');
    await drawerSettled(manager, 1280 - 440);
    await manager.screenshot({ path: join(ARTIFACTS, 'notifications-manager-zh-desktop.png') });
    expect(managerErrors).toEqual([]);
    await managerContext.close();

    await decide(appealId, 'different-companies', '核实为两家公司');

    const context = await h.browser.newContext({ locale: 'zh-CN', viewport: { width: 1280, height: 800 } });
    const page = await context.newPage();
    const errors = pageErrors(page);
    await signIn(page, 'wang.fang');
    await expect.poll(() => bellCount(page), { timeout: 10_000 }).toBe('1');
    await page.screenshot({ path: join(ARTIFACTS, 'notifications-bell-zh-desktop.png') });
    await page.getByTestId('notification-bell').click();
    const inbox = page.getByTestId('inbox');
    await expect.poll(() => inbox.innerText(), { timeout: 10_000 }).toContain('你对「深圳市星云数据有限公司」的申诉已裁决');
    await drawerSettled(page, 1280 - 440);
    expect(await inbox.innerText()).toContain('周敏判定为两家不同的公司，你的登记已作为新客户归你（核实为两家公司）。');
    expect(await inbox.getByTestId('note-unread').count()).toBe(1);
    await page.screenshot({ path: join(ARTIFACTS, 'notifications-zh-desktop.png') });
    // Opening it marks it read: the bell's count goes.
    await inbox.getByText('你对「深圳市星云数据有限公司」的申诉已裁决').click();
    await expect.poll(() => inbox.getByTestId('note-read').count(), { timeout: 10_000 }).toBe(1);
    await expect.poll(() => page.locator('.ant-layout-header .ant-badge .ant-scroll-number').count()).toBe(0);
    expect(await page.getByRole('dialog').innerText()).not.toMatch(/[A-Za-z]{4,}/);
    expect(errors).toEqual([]);
    await context.close();
  }, 90_000);

  it('in English on a 390 px phone: the count in the header, the inbox in a drawer that fits, mark all read', async () => {
    const appealId = await appealAgainstLi('chen.jing', '深圳市海川科技有限公司', '海川科技（深圳）有限公司', '我先拜访的客户');
    await decide(appealId, 'uphold', '李娜先登记');

    const context = await h.browser.newContext({ locale: 'en-US', viewport: { width: 390, height: 844 }, isMobile: true, hasTouch: true });
    const page = await context.newPage();
    const errors = pageErrors(page);
    await signIn(page, 'chen.jing');
    await expect.poll(() => bellCount(page), { timeout: 10_000 }).toBe('1');
    await page.getByTestId('notification-bell').click();
    const inbox = page.getByTestId('inbox');
    await expect.poll(() => inbox.innerText(), { timeout: 10_000 }).toContain('Your appeal for “深圳市海川科技有限公司” was decided');
    // The drawer has slid in and fills the phone's width, no more.
    await expect.poll(async () => { const box = await page.locator('.ant-drawer-content-wrapper').boundingBox(); return box && [Math.round(box.x), Math.round(box.x + box.width)]; }, { timeout: 10_000 }).toEqual([0, 390]);
    expect(await inbox.innerText()).toContain('周敏 upheld the verdict: the customer stays with its holder (李娜先登记).');
    await page.screenshot({ path: join(ARTIFACTS, 'notifications-en-phone.png') });
    expect(await page.evaluate('document.documentElement.scrollWidth')).toBeLessThanOrEqual(390);
    await page.getByRole('button', { name: 'Mark all as read' }).click();
    await expect.poll(() => inbox.getByTestId('note-read').count(), { timeout: 10_000 }).toBe(1);
    expect(await page.getByRole('button', { name: 'Mark all as read' }).isDisabled()).toBe(true);
    await page.getByRole('button', { name: /close/i }).click();
    await page.locator('.ant-drawer-content-wrapper').waitFor({ state: 'detached', timeout: 10_000 });
    await expect.poll(() => page.locator('.ant-layout-header .ant-badge .ant-scroll-number').count()).toBe(0);
    await page.screenshot({ path: join(ARTIFACTS, 'notifications-read-en-phone.png') });
    expect(errors).toEqual([]);
    await context.close();
  }, 90_000);
});
