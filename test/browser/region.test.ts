import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ARTIFACTS, chromiumPath, fillSoftwareForm, pageErrors, startHarness } from './browserHarness.js';
import type { Harness } from './browserHarness.js';

// Cities without districts (东莞市): a rep registers a customer in one of its towns, or finds the city by its English name.
const chromium = chromiumPath();
if (chromium.reason) console.warn(`browser journeys skipped: ${chromium.reason}`);

let h: Harness;
beforeAll(async () => {
  if (!chromium.path) return;
  h = await startHarness(chromium.path);
  const south = await h.team('华南一组');
  await h.user('li.na', 'rep', [south], '李娜');
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

const regionOf = async (name: string) => (await h.created.services.claims.customers.findOne({ name }))?.region;
const regionField = (page: Page) => page.locator('.rjsf .ant-cascader');
// Screenshots wait for the picker's opening animation to end.
const settled = (page: Page) =>
  page.locator('.ant-cascader-dropdown:visible').evaluate((popup) => Promise.all(popup.getAnimations({ subtree: true }).map((animation: { finished: Promise<unknown> }) => animation.finished)));

describe.skipIf(!chromium.path)('a rep registers a customer in a city without districts', () => {
  it('in Chinese on a desktop: 广东省 / 东莞市 / 长安镇 picked level by level, registered as 东莞市', async () => {
    const context = await h.browser.newContext({ locale: 'zh-CN', viewport: { width: 1280, height: 800 } });
    const page = await context.newPage();
    const errors = pageErrors(page);
    await signIn(page, 'li.na');
    const company = '东莞市长安星河电子有限公司';
    await fillSoftwareForm(page, company, '+86 138-0013-8001');
    // Level by level: the city offers itself (全市) first, then its towns.
    await regionField(page).click();
    const menus = page.locator('.ant-cascader-dropdown:visible .ant-cascader-menu');
    await menus.nth(0).getByTitle('广东省', { exact: true }).click();
    await menus.nth(1).getByTitle('东莞市', { exact: true }).click();
    await expect.poll(() => menus.nth(2).locator('.ant-cascader-menu-item').first().innerText()).toBe('全市');
    await menus.nth(2).getByTitle('长安镇', { exact: true }).scrollIntoViewIfNeeded();
    await settled(page);
    await page.screenshot({ path: join(ARTIFACTS, 'region-dongguan-zh-desktop-picker.png') });
    await menus.nth(2).getByTitle('长安镇', { exact: true }).click();
    // The town stays shown; no format error.
    await expect.poll(() => regionField(page).innerText()).toContain('广东省 / 东莞市 / 长安镇');
    await page.locator('.ant-cascader-dropdown').waitFor({ state: 'hidden' });
    await page.getByLabel(/公司名称/).scrollIntoViewIfNeeded();
    await page.screenshot({ path: join(ARTIFACTS, 'region-dongguan-zh-desktop-picked.png') });
    await page.getByRole('button', { name: '提交登记' }).click();
    await expect.poll(() => page.getByText('登记成功').count(), { timeout: 10_000 }).toBe(1);
    expect(await page.getByText(/region-code|must match/).count()).toBe(0);
    await page.screenshot({ path: join(ARTIFACTS, 'region-dongguan-zh-desktop.png'), fullPage: true });
    expect(await regionOf(company)).toBe('441900');
    expect(errors).toEqual([]);
    await context.close();
  }, 60_000);

  it('in English on a 390-pixel phone: "Dongguan" typed finds the city, named in English', async () => {
    const context = await h.browser.newContext({ locale: 'en-US', viewport: { width: 390, height: 844 } });
    const page = await context.newPage();
    const errors = pageErrors(page);
    await signIn(page, 'li.na');
    const company = 'Dongguan Harbour Logistics Co., Ltd.';
    await fillSoftwareForm(page, company, '+86 137-0013-7001');
    // Level by level, in English: the city offers itself first, then its towns.
    await regionField(page).click();
    const menus = page.locator('.ant-cascader-dropdown:visible .ant-cascader-menu');
    await menus.nth(0).getByTitle('Guangdong', { exact: true }).click();
    await menus.nth(1).getByTitle('Dongguan', { exact: true }).click();
    await expect.poll(() => menus.nth(2).locator('.ant-cascader-menu-item').first().innerText()).toBe('Whole city');
    expect(await page.evaluate('document.documentElement.scrollWidth')).toBeLessThanOrEqual(390);
    await settled(page);
    await page.screenshot({ path: join(ARTIFACTS, 'region-dongguan-en-phone-menus.png') });
    await page.keyboard.press('Escape');
    await page.locator('.ant-cascader-dropdown').waitFor({ state: 'hidden' });
    await page.mouse.move(195, 840);
    await page.getByLabel(/Region/).fill('Dongguan');
    const found = page.locator('.ant-cascader-dropdown:visible .ant-cascader-menu-item');
    // The list opens on the provinces, then shows what was found, the city itself first.
    // The list may still be settling (it is re-drawn as the search catches up): the whole answer is awaited, not its first line.
    await expect
      .poll(async () => {
        const shown = await found.allInnerTexts();
        return shown[0] === 'Guangdong / Dongguan / Whole city' && shown.includes("Guangdong / Dongguan / Chang'an Town");
      }, { timeout: 10_000 })
      .toBe(true);
    const names = await found.allInnerTexts();
    expect(names.join(' ')).not.toMatch(/[\u4e00-\u9fff]/);
    await settled(page);
    await page.screenshot({ path: join(ARTIFACTS, 'region-dongguan-en-phone-search.png') });
    await page.getByText('Guangdong / Dongguan / Whole city', { exact: true }).click();
    await expect.poll(() => regionField(page).innerText()).toContain('Guangdong / Dongguan / Whole city');
    expect(await page.evaluate('document.documentElement.scrollWidth')).toBeLessThanOrEqual(390);
    await page.locator('.ant-cascader-dropdown').waitFor({ state: 'hidden' });
    await page.getByLabel(/Company name/).scrollIntoViewIfNeeded();
    await page.screenshot({ path: join(ARTIFACTS, 'region-dongguan-en-phone-picked.png') });
    await page.getByRole('button', { name: 'Register' }).click();
    await expect.poll(() => page.getByText('Registered').count(), { timeout: 10_000 }).toBe(1);
    expect(await page.evaluate('document.documentElement.scrollWidth')).toBeLessThanOrEqual(390);
    await page.screenshot({ path: join(ARTIFACTS, 'region-dongguan-en-phone.png'), fullPage: true });
    expect(await regionOf(company)).toBe('441900');
    expect(errors).toEqual([]);
    await context.close();
  }, 60_000);
});
