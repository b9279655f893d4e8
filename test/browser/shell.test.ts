import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ARTIFACTS, chromiumPath, openScreen, pageErrors, startHarness } from './browserHarness.js';
import type { Harness } from './browserHarness.js';

// The app shell: each role's navigation, who is signed in and as what, the language switch, addresses and page titles.
const chromium = chromiumPath();
if (chromium.reason) console.warn(`browser journeys skipped: ${chromium.reason}`);

let h: Harness;
beforeAll(async () => {
  if (!chromium.path) return;
  h = await startHarness(chromium.path);
  const south = await h.team('华南一组');
  await h.user('li.na', 'rep', [south], '李娜');
  await h.user('zhou.min', 'manager', [south], '周敏');
}, 60_000);
afterAll(async () => {
  await h?.close();
});

const DESKTOP = { width: 1280, height: 800 };
const PHONE = { width: 390, height: 844 };

async function signIn(page: Page, username: string, password = `${username}-password`) {
  await page.goto(h.url);
  await page.getByLabel(/用户名|Username/).fill(username);
  await page.getByLabel(/密码|Password/).fill(password);
  await page.getByRole('button', { name: /登\s*录|Sign in/ }).click();
}

/** The navigation's entries, in order. */
async function menu(page: Page): Promise<string[]> {
  return (await nav(page).getByRole('menuitem').allInnerTexts()).map((text) => text.trim());
}

/** The navigation menu (the breadcrumb is a navigation landmark too). */
const nav = (page: Page) => page.getByRole('navigation', { name: /^(导航|Navigation)$/ });
const breadcrumb = (page: Page) => page.locator('.ant-breadcrumb').innerText();
const path = (page: Page) => new URL(page.url()).pathname;

describe.skipIf(!chromium.path)('the app shell', () => {
  it('a rep in Chinese on a desktop: her screens, her name and role, addresses, titles, the language switch and sign-out', async () => {
    const context = await h.browser.newContext({ locale: 'zh-CN', viewport: DESKTOP });
    const page = await context.newPage();
    const errors = pageErrors(page);
    expect(await page.goto(h.url).then(() => page.title())).toBe('登录 · 客户政策');
    // While the account loads, the page says so.
    await page.route('**/api/me', async (route) => {
      await new Promise((resolve) => setTimeout(resolve, 800));
      await route.continue();
    });
    await signIn(page, 'li.na');
    await expect.poll(() => page.getByRole('status').innerText()).toContain('正在载入你的账户');
    await nav(page).waitFor();
    await page.unroute('**/api/me');

    expect(await menu(page)).toEqual(['登记客户', '我的客户', '公海客户']);
    expect(await page.getByTestId('user-name').innerText()).toBe('李娜');
    expect(await page.getByTestId('user-role').innerText()).toBe('销售代表');
    expect(path(page)).toBe('/register');
    expect(await page.title()).toBe('登记客户 · 客户政策');
    expect(await breadcrumb(page)).toMatch(/首页\s*\/\s*客户\s*\/\s*登记客户/);
    // Nothing in English in the Chinese navigation.
    expect(await nav(page).innerText()).not.toMatch(/[A-Za-z]/);
    await page.getByLabel('行业').waitFor();
    await page.screenshot({ path: join(ARTIFACTS, 'shell-rep-zh-desktop.png') });

    await openScreen(page, '我的客户');
    await expect.poll(() => path(page)).toBe('/my-customers');
    expect(await page.title()).toBe('我的客户 · 客户政策');
    expect(await breadcrumb(page)).toMatch(/客户\s*\/\s*我的客户/);
    await page.goBack();
    await expect.poll(() => path(page)).toBe('/register');
    expect(await page.title()).toBe('登记客户 · 客户政策');

    await page.getByRole('button', { name: 'English' }).click();
    await expect.poll(() => menu(page)).toEqual(['Register a customer', 'My customers', 'Public pool']);
    expect(await page.getByTestId('user-role').innerText()).toBe('Sales rep');
    expect(await page.title()).toBe('Register a customer · crm-policy');
    expect(await breadcrumb(page)).toMatch(/Home\s*\/\s*Customers\s*\/\s*Register a customer/);
    expect(await nav(page).innerText()).not.toMatch(/[\u4e00-\u9fff]/);
    await page.getByRole('button', { name: '中文' }).click();
    await expect.poll(() => menu(page)).toEqual(['登记客户', '我的客户', '公海客户']);

    await page.getByRole('button', { name: /退\s*出/ }).click();
    await page.getByLabel('用户名').waitFor();
    expect(await page.title()).toBe('登录 · 客户政策');
    expect(errors).toEqual([]);
    await context.close();
  }, 60_000);

  it('a rep in English on a 390-pixel phone: a compact top bar whose menu drawer holds her name, role, language and the screens', async () => {
    const context = await h.browser.newContext({ locale: 'en-US', viewport: PHONE });
    const page = await context.newPage();
    const errors = pageErrors(page);
    await signIn(page, 'li.na');
    const menuButton = page.getByRole('button', { name: 'Open the menu' });
    await menuButton.waitFor();
    expect(await page.getByRole('banner').innerText()).toContain('Register a customer');
    expect(await nav(page).count()).toBe(0);
    await page.getByLabel('Industry').waitFor();
    await page.screenshot({ path: join(ARTIFACTS, 'shell-rep-en-phone.png') });

    await menuButton.click();
    const drawer = page.getByRole('dialog');
    await expect.poll(() => drawer.getByTestId('user-name').innerText()).toBe('李娜');
    expect(await drawer.getByTestId('user-role').innerText()).toBe('Sales rep');
    expect(await menu(page)).toEqual(['Register a customer', 'My customers', 'Public pool']);
    await page.waitForTimeout(400); // the drawer's slide-in, for the picture
    await page.screenshot({ path: join(ARTIFACTS, 'shell-rep-en-phone-menu.png') });
    await drawer.getByRole('menuitem', { name: 'My customers' }).click();
    await expect.poll(() => path(page)).toBe('/my-customers');
    await expect.poll(() => drawer.isVisible()).toBe(false);
    expect(await page.getByRole('banner').innerText()).toContain('My customers');
    expect(await page.title()).toBe('My customers · crm-policy');
    expect(await page.evaluate('document.documentElement.scrollWidth <= document.documentElement.clientWidth')).toBe(true);
    await page.screenshot({ path: join(ARTIFACTS, 'shell-rep-en-phone-customers.png') });

    await menuButton.click();
    await drawer.getByRole('button', { name: '中文' }).click();
    await expect.poll(() => menu(page)).toEqual(['登记客户', '我的客户', '公海客户']);
    expect(await drawer.getByTestId('user-role').innerText()).toBe('销售代表');
    await drawer.getByRole('button', { name: /退\s*出/ }).click();
    await page.getByLabel('用户名').waitFor();
    expect(errors).toEqual([]);
    await context.close();
  }, 60_000);

  it('a manager in Chinese: appeals, queues, reassignment and dashboard, as 销售经理', async () => {
    const context = await h.browser.newContext({ locale: 'zh-CN', viewport: DESKTOP });
    const page = await context.newPage();
    const errors = pageErrors(page);
    await signIn(page, 'zhou.min');
    await nav(page).waitFor();
    expect(await menu(page)).toEqual(['申诉待处理', '待处理', '调整分配', '看板']);
    expect(await page.getByTestId('user-name').innerText()).toBe('周敏');
    expect(await page.getByTestId('user-role').innerText()).toBe('销售经理');
    expect(path(page)).toBe('/appeals');
    await openScreen(page, '待处理');
    await expect.poll(() => path(page)).toBe('/queues');
    expect(await page.title()).toBe('待处理 · 客户政策');
    expect(await breadcrumb(page)).toMatch(/首页\s*\/\s*审批\s*\/\s*待处理/);
    await page.getByRole('main').getByRole('tab').first().waitFor();
    await page.screenshot({ path: join(ARTIFACTS, 'shell-manager-zh-desktop.png') });
    expect(errors).toEqual([]);
    await context.close();
  }, 60_000);

  it('an admin in Chinese: the settings and review screens, a screen kept across a reload of its address', async () => {
    const context = await h.browser.newContext({ locale: 'zh-CN', viewport: DESKTOP });
    const page = await context.newPage();
    const errors = pageErrors(page);
    await signIn(page, 'admin', 'browser-admin-password');
    await nav(page).waitFor();
    expect(await menu(page)).toEqual(['规则', '登记模板', '组织架构', 'API 密钥', '待处理', '调整分配', '看板']);
    expect(await page.getByTestId('user-role').innerText()).toBe('系统管理员');
    expect(path(page)).toBe('/rules');
    await openScreen(page, '登记模板');
    await expect.poll(() => path(page)).toBe('/templates');
    await page.reload();
    await nav(page).waitFor();
    expect(path(page)).toBe('/templates');
    expect(await page.title()).toBe('登记模板 · 客户政策');
    expect(await breadcrumb(page)).toMatch(/首页\s*\/\s*设置\s*\/\s*登记模板/);
    await page.getByRole('main').getByLabel('行业', { exact: true }).waitFor();
    await page.screenshot({ path: join(ARTIFACTS, 'shell-admin-zh-desktop.png') });
    expect(errors).toEqual([]);
    await context.close();
  }, 60_000);

  it('a window turned from desktop to phone width and back keeps a half-filled registration form', async () => {
    const context = await h.browser.newContext({ locale: 'zh-CN', viewport: DESKTOP });
    const page = await context.newPage();
    const errors = pageErrors(page);
    await signIn(page, 'li.na');
    await page.getByLabel('行业').click();
    await page.getByTitle('软件与高科技').first().click();
    await page.getByLabel('公司名称').fill('深圳市半途科技有限公司');
    // Crossing the breakpoint swaps the side menu for the top bar and its drawer, and back.
    await page.setViewportSize(PHONE);
    await page.getByRole('button', { name: '打开菜单' }).waitFor();
    expect(await page.getByLabel('公司名称').inputValue()).toBe('深圳市半途科技有限公司');
    await page.setViewportSize(DESKTOP);
    await nav(page).waitFor();
    expect(await page.getByLabel('公司名称').inputValue()).toBe('深圳市半途科技有限公司');
    expect(await page.locator('.ant-select').filter({ has: page.getByLabel('行业') }).innerText()).toContain('软件');
    expect(errors).toEqual([]);
    await context.close();
  });
});
