import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ARTIFACTS, chromiumPath, fillSoftwareForm, openScreen, pageErrors, startHarness } from './browserHarness.js';
import type { Harness } from './browserHarness.js';

// Reps register customers through the form generated from their industry's template, in a real browser.
const chromium = chromiumPath();
if (chromium.reason) console.warn(`browser journeys skipped: ${chromium.reason}`);

let h: Harness;
beforeAll(async () => {
  if (!chromium.path) return;
  h = await startHarness(chromium.path);
  const south = await h.team('华南一组');
  await h.user('li.na', 'rep', [south], '李娜');
  await h.user('wang.qiang', 'rep', [south], '王强');
  await h.user('zhou.min', 'manager', [south], '周敏');
}, 60_000);
afterAll(async () => {
  await h?.close();
});

async function signIn(page: Page, username: string) {
  await page.goto(h.url);
  await page.getByLabel(/用户名|Username/).fill(username);
  await page.getByLabel(/密码|Password/).fill(`${username}-password`);
  await page.getByRole('button', { name: /登\s*录|Sign in/ }).click();
}

describe.skipIf(!chromium.path)('a rep registers a customer in the browser', () => {
  it('in Chinese: fills the generated form and is granted, with the protection date', async () => {
    const context = await h.browser.newContext({ locale: 'zh-CN' });
    const page = await context.newPage();
    const errors = pageErrors(page);
    await signIn(page, 'li.na');
    await fillSoftwareForm(page, '深圳市星云数据有限公司', '+86 138-0013-8000');
    await page.screenshot({ path: join(ARTIFACTS, 'register-zh-filled.png'), fullPage: true });
    await page.getByRole('button', { name: '提交登记' }).click();
    await expect.poll(() => page.getByText('登记成功').count(), { timeout: 10_000 }).toBe(1);
    await expect.poll(() => page.getByText(/保护期至 \d{4}-\d{2}-\d{2}/).count(), { timeout: 10_000 }).toBe(1);
    await page.screenshot({ path: join(ARTIFACTS, 'register-zh-granted.png'), fullPage: true });
    expect(errors).toEqual([]);
    await context.close();
  }, 60_000);

  it('a colleague registering the same company under another spelling learns who holds it and appeals; the manager decides', async () => {
    const context = await h.browser.newContext({ locale: 'zh-CN' });
    const page = await context.newPage();
    const errors = pageErrors(page);
    await signIn(page, 'wang.qiang');
    await fillSoftwareForm(page, '星雲數據（深圳）有限責任公司', '+86 139-0013-9000');
    await page.getByRole('button', { name: '提交登记' }).click();
    await expect.poll(() => page.getByText(/李娜（华南一组）已登记该客户/).count(), { timeout: 10_000 }).toBe(1);
    await page.screenshot({ path: join(ARTIFACTS, 'register-zh-taken.png'), fullPage: true });
    await page.getByRole('button', { name: /申\s*诉/ }).click();
    await page.getByLabel('申诉理由').fill('这是深圳的另一家公司，与李娜的客户无关');
    await page.getByRole('button', { name: /申\s*诉/ }).click();
    await expect.poll(() => page.getByText('申诉已提交，等待经理处理').count(), { timeout: 10_000 }).toBe(1);
    await expect.poll(() => h.created.services.appeals.appeals.countDocuments({}), { timeout: 10_000 }).toBe(1);
    expect(errors).toEqual([]);
    await context.close();

    // The manager reads both registrations side by side with the match reasons, and decides in one click.
    const managerContext = await h.browser.newContext({ locale: 'zh-CN' });
    const manager = await managerContext.newPage();
    const managerErrors = pageErrors(manager);
    await signIn(manager, 'zhou.min');
    await manager.getByRole('button', { name: /查\s*看/ }).click();
    await expect.poll(() => manager.getByText('李娜（华南一组）登记的客户').count(), { timeout: 10_000 }).toBe(1);
    await expect.poll(() => manager.getByText('王强 提交的登记').count(), { timeout: 10_000 }).toBe(1);
    await expect.poll(() => manager.getByText('星雲數據（深圳）有限責任公司').count(), { timeout: 10_000 }).toBe(1);
    expect(await manager.locator('.ant-tag').count()).toBeGreaterThan(1);
    await manager.screenshot({ path: join(ARTIFACTS, 'appeal-review.png'), fullPage: true });
    await manager.getByLabel('修改说明（必填）').fill('两家公司地址、法人均不同');
    await manager.getByRole('button', { name: '不是同一家公司' }).click();
    await expect.poll(() => manager.getByText('已处理：不是同一家公司').count(), { timeout: 10_000 }).toBe(1);
    const decided = await h.created.services.appeals.appeals.findOne({});
    expect(decided).toMatchObject({ status: 'decided', verdict: 'different-companies', comment: '两家公司地址、法人均不同' });
    expect(managerErrors).toEqual([]);
    await managerContext.close();
  }, 90_000);

  it('on a 390-pixel-wide phone screen, in English: the credit code checked as it is typed, then my customers: follow-up and release', async () => {
    const context = await h.browser.newContext({ locale: 'en-US', viewport: { width: 390, height: 844 } });
    const page = await context.newPage();
    const errors = pageErrors(page);
    await signIn(page, 'li.na');
    await fillSoftwareForm(page, 'Orbit Analytics (Shanghai) Co., Ltd.', '+86 137-0013-7000');
    // A wrong check character is caught as it is typed, naming the right one.
    await page.getByLabel(/Unified social credit code/).fill('91440300MA5F0ABC1M');
    await expect.poll(() => page.getByRole('alert').filter({ hasText: 'the last should be D' }).count(), { timeout: 10_000 }).toBe(1);
    await page.screenshot({ path: join(ARTIFACTS, 'register-phone-credit-code.png'), fullPage: true });
    await page.getByLabel(/Unified social credit code/).fill('91440300MA5F0ABC1D');
    await expect.poll(() => page.getByLabel('Valid credit code').count(), { timeout: 10_000 }).toBe(1);
    await page.getByRole('button', { name: 'Register' }).click();
    await expect.poll(() => page.getByText('Registered').count(), { timeout: 10_000 }).toBe(1);
    const width = await page.evaluate('document.documentElement.scrollWidth');
    expect(width).toBeLessThanOrEqual(390);
    await page.screenshot({ path: join(ARTIFACTS, 'register-phone-granted.png'), fullPage: true });

    // My customers, on the phone: protection left, a follow-up, then giving it up to the pool after confirming.
    await openScreen(page, 'My customers');
    const row = page.locator('tr.ant-table-row').filter({ hasText: 'Orbit Analytics' });
    await expect.poll(() => row.getByText(/\d+ days left/).count(), { timeout: 10_000 }).toBe(1);
    await row.getByRole('button', { name: 'Follow up' }).click();
    await page.getByLabel('Follow-up note for Orbit Analytics (Shanghai) Co., Ltd.').fill('Demo booked for Friday');
    await page.getByRole('dialog').getByRole('button', { name: 'Log', exact: true }).click();
    await expect.poll(() => page.getByText('Follow-up logged: protection runs again from today').count(), { timeout: 10_000 }).toBe(1);
    await row.getByRole('button', { name: 'Release' }).click();
    await page.locator('.ant-popconfirm:visible').getByRole('button', { name: 'Release' }).click();
    await expect.poll(() => page.getByText('“Orbit Analytics (Shanghai) Co., Ltd.” released to the pool').count(), { timeout: 10_000 }).toBe(1);
    await openScreen(page, 'Public pool');
    await expect.poll(() => page.locator('tr.ant-table-row').filter({ hasText: 'Orbit Analytics' }).getByRole('button', { name: 'Claim' }).count(), { timeout: 10_000 }).toBe(1);
    expect(await page.evaluate('document.documentElement.scrollWidth')).toBeLessThanOrEqual(390);
    await page.screenshot({ path: join(ARTIFACTS, 'my-customers-phone.png'), fullPage: true });
    expect(errors).toEqual([]);
    await context.close();
  }, 60_000);
});
