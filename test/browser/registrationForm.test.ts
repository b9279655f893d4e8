import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ARTIFACTS, chromiumPath, fillSoftwareForm, pageErrors, pick, startHarness } from './browserHarness.js';
import type { Harness } from './browserHarness.js';

// The rep's registration form (issue 18): every error on its field in the page's language, all at once, the first in
// view; the policy's refusals on the fields they concern; choices by name; her own customer answered as hers.
const chromium = chromiumPath();
if (chromium.reason) console.warn(`browser journeys skipped: ${chromium.reason}`);

let h: Harness;
beforeAll(async () => {
  if (!chromium.path) return;
  h = await startHarness(chromium.path);
  const south = await h.team('华南一组');
  await h.user('li.na', 'rep', [south], '李娜');
  await h.user('chen.jie', 'rep', [south], '陈杰');
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

async function chooseSoftware(page: Page) {
  await page.getByLabel(/行业|Industry/).click();
  await page.getByTitle(/软件|Software/).first().click();
  await page.locator('.rjsf .ant-cascader').waitFor();
}

/** The industry chosen stays named by a label on screen, as every field below it is (not only for a screen reader). */
const industryLabelShown = (page: Page) => page.locator('label', { hasText: /^(行业|Industry)$/ }).first().isVisible();

/** The messages shown under fields, by the field's label. */
async function fieldErrors(page: Page): Promise<Record<string, string>> {
  return page.locator('.rjsf .ant-form-item-has-error').evaluateAll((items) =>
    Object.fromEntries(items.map((item) => [item.querySelector('label')?.textContent ?? '', item.querySelector('.ant-form-item-explain')?.textContent ?? ''])),
  );
}

/**
 * Chromium notes every 4xx answer on the console; the refusal (403) and the
 * already-yours answer (409) are what this journey provokes on purpose, and
 * the page shows them. Anything else on the console fails the journey.
 */
const unprovoked = (line: string) => !/^console: Failed to load resource: the server responded with a status of (403 \(Forbidden\)|409 \(Conflict\))$/.test(line);

/** Whether an element is within the window, top to bottom. */
async function inView(page: Page, selector: string): Promise<boolean> {
  return page.locator(selector).first().evaluate((element) => {
    const box = element.getBoundingClientRect();
    return box.top >= 0 && box.bottom <= (globalThis as unknown as { innerHeight: number }).innerHeight;
  });
}

describe.skipIf(!chromium.path)('the registration form', () => {
  it('in Chinese on a desktop: all errors on their fields, a refusal on its field, her own customer answered as hers', async () => {
    const context = await h.browser.newContext({ locale: 'zh-CN', viewport: { width: 1280, height: 800 } });
    const page = await context.newPage();
    const errors = pageErrors(page);
    await signIn(page, 'li.na');
    await chooseSoftware(page);
    expect(await industryLabelShown(page)).toBe(true);
    // The browser's own validation bubbles are off: the form speaks for itself.
    expect(await page.locator('form.rjsf').evaluate((form) => (form as unknown as { noValidate: boolean }).noValidate)).toBe(true);

    // Submitted empty, from the bottom of the page: every required field marked at once, in Chinese, the first brought into view.
    await page.getByRole('button', { name: '提交登记' }).click();
    await expect.poll(() => page.locator('.rjsf .ant-form-item-has-error').count(), { timeout: 10_000 }).toBe(6);
    expect(await fieldErrors(page)).toEqual({
      公司名称: '请填写公司名称',
      所在地区: '请选择所在地区',
      关键联系人: '请填写关键联系人',
      联系电话: '请填写联系电话',
      客户等级: '请选择客户等级',
      部署方式: '请选择部署方式',
    });
    await expect.poll(() => inView(page, '.rjsf .ant-form-item-has-error'), { timeout: 5_000 }).toBe(true);
    expect(await page.evaluate('document.activeElement?.id')).toBe('root_companyName');
    // The credit code's help stays grey help, not a second error; choices show names; nothing in English but the language switch.
    const help = page.locator('.ant-form-item-extra', { hasText: '18 位，末位为校验码' });
    expect(await help.count()).toBe(1);
    expect(await help.evaluate((element) => (globalThis as unknown as { getComputedStyle(e: unknown): { color: string } }).getComputedStyle(element).color)).not.toMatch(/rgb\(2[0-9]{2}, [0-9]{1,2}, [0-9]{1,2}\)/);
    const english = (await page.locator('main, .ant-layout-content').first().innerText()).match(/[A-Za-z]{3,}/g) ?? [];
    expect(english).toEqual([]);
    // Nor in what a screen reader or a tooltip says: titles, labels, placeholders of the form's controls (an added list
    // entry's too). antd's icons (aria-label "down", "delete") and number steppers ("Increase Value") are antd's own, not the form's.
    await page.locator('.rjsf button[title="添加一项"]').click();
    const attributes = await page.locator('.rjsf :is([title], [aria-label], [placeholder]):not([role=img], [class*=input-number-action])').evaluateAll((elements) =>
      elements.flatMap((element) => ['title', 'aria-label', 'placeholder'].map((name) => element.getAttribute(name) ?? '')),
    );
    expect(attributes.length).toBeGreaterThan(5);
    expect(attributes.filter((text) => /[A-Za-z]{3,}/.test(text) && !/[\u4e00-\u9fff]/.test(text))).toEqual([]);
    await page.locator('.rjsf button[title="删除"]').click();
    await page.screenshot({ path: join(ARTIFACTS, 'register-errors-zh-desktop.png') });
    await page.screenshot({ path: join(ARTIFACTS, 'register-errors-zh-desktop-full.png'), fullPage: true });

    // Filled in, grade A without a buying intent: the policy's refusal is marked on 购买意向, and that is where the rep is.
    await fillSoftwareForm(page, '深圳市星云数据有限公司', '+86 138-0013-8000', { chooseIndustry: false });
    await pick(page, /客户等级/, 'A 级（重点）');
    await page.getByRole('button', { name: '提交登记' }).click();
    await expect.poll(() => fieldErrors(page), { timeout: 10_000 }).toEqual({ 购买意向: 'A 级客户需填写购买意向' });
    await expect.poll(() => inView(page, '.rjsf .ant-form-item-has-error'), { timeout: 5_000 }).toBe(true);
    expect(await page.getByText('不符合登记条件：请修改标出的字段').count()).toBe(1);
    await page.screenshot({ path: join(ARTIFACTS, 'register-refused-zh-desktop.png') });

    // The buying intent given, she is granted; the same company again under another spelling is hers already.
    await page.getByLabel('购买意向').fill('计划明年一季度上线新的数据平台');
    await page.getByRole('button', { name: '提交登记' }).click();
    await expect.poll(() => page.getByText('登记成功').count(), { timeout: 10_000 }).toBe(1);
    await page.getByRole('button', { name: /再登记一个/ }).click();
    await chooseSoftware(page);
    await fillSoftwareForm(page, '星雲數據（深圳）有限責任公司', '+86 139-0013-9000', { chooseIndustry: false });
    await page.getByRole('button', { name: '提交登记' }).click();
    await expect.poll(() => page.getByText('已在你名下').count(), { timeout: 10_000 }).toBe(1);
    const customer = await h.created.services.claims.customers.findOne({ name: '深圳市星云数据有限公司' });
    const link = page.getByRole('link', { name: '在“我的客户”中查看' });
    expect(await link.getAttribute('href')).toBe(`/my-customers?customer=${customer!._id}`);
    expect(await page.getByRole('button', { name: /申\s*诉/ }).count()).toBe(0);
    expect(await page.getByText(/已登记该客户/).count()).toBe(0);
    await page.screenshot({ path: join(ARTIFACTS, 'register-own-zh-desktop.png') });
    expect(await h.created.services.appeals.appeals.countDocuments({})).toBe(0);
    // The link opens My customers with that customer picked out.
    await link.click();
    await expect.poll(() => page.getByLabel('搜索公司名称').inputValue(), { timeout: 10_000 }).toBe('深圳市星云数据有限公司');
    expect(errors.filter(unprovoked)).toEqual([]);
    await context.close();
  }, 90_000);

  it('in English on a 390-pixel phone: the errors in English on their fields, choices by name, registered, then hers already', async () => {
    const context = await h.browser.newContext({ locale: 'en-US', viewport: { width: 390, height: 844 } });
    const page = await context.newPage();
    const errors = pageErrors(page);
    await signIn(page, 'chen.jie');
    await chooseSoftware(page);
    expect(await industryLabelShown(page)).toBe(true);
    await page.getByRole('button', { name: 'Register' }).click();
    await expect.poll(() => page.locator('.rjsf .ant-form-item-has-error').count(), { timeout: 10_000 }).toBe(6);
    expect(await fieldErrors(page)).toMatchObject({ 'Company name': 'Company name is required', Deployment: 'Deployment is required' });
    await expect.poll(() => inView(page, '.rjsf .ant-form-item-has-error'), { timeout: 5_000 }).toBe(true);
    await page.screenshot({ path: join(ARTIFACTS, 'register-errors-en-phone.png') });
    // Not a character of Chinese in the form: labels, help, placeholders, choices.
    await page.getByLabel('Deployment').click();
    await expect.poll(() => page.locator('.ant-select-dropdown:visible .ant-select-item-option').allInnerTexts(), { timeout: 5_000 }).toEqual(['SaaS (cloud)', 'On-premises', 'Hybrid']);
    await page.screenshot({ path: join(ARTIFACTS, 'register-choices-en-phone.png') });
    await page.keyboard.press('Escape');
    expect(await page.locator('.rjsf').innerText()).not.toMatch(/[\u4e00-\u9fff]/);
    expect(await page.evaluate('document.documentElement.scrollWidth')).toBeLessThanOrEqual(390);

    // A bad email and a wrong check character are caught in words, then the form goes through.
    await fillSoftwareForm(page, 'Orbit Analytics (Shanghai) Co., Ltd.', '+86 137-0013-7000', { chooseIndustry: false });
    await page.getByLabel('Email').fill('li@');
    await page.getByLabel('Unified social credit code').fill('91440300MA5F0ABC1M');
    await page.getByRole('button', { name: 'Register' }).click();
    // One message per field, saying what is wrong: the credit code's check character is named once, not beside a second, vaguer error.
    await expect.poll(() => fieldErrors(page), { timeout: 10_000 }).toEqual({ 'Unified social credit code': 'The check character is wrong: the last should be D', Email: 'Not a valid email address' });
    expect(await page.getByText('The check character is wrong: the last should be D').count()).toBe(1);
    await page.screenshot({ path: join(ARTIFACTS, 'register-email-en-phone.png') });
    await page.getByLabel('Unified social credit code').fill('91440300MA5F0ABC1D');
    await page.getByLabel('Email').fill('li@orbit.example.com');
    await page.getByRole('button', { name: 'Register' }).click();
    await expect.poll(() => page.getByText('Registered').count(), { timeout: 10_000 }).toBe(1);
    expect(await page.evaluate('document.documentElement.scrollWidth')).toBeLessThanOrEqual(390);
    await page.screenshot({ path: join(ARTIFACTS, 'register-granted-en-phone.png') });

    // Hers already, under another spelling: said so, with the way to it, and nothing to appeal.
    await page.getByRole('button', { name: /Register another/ }).click();
    await chooseSoftware(page);
    await fillSoftwareForm(page, 'ORBIT ANALYTICS (SHANGHAI) CO LTD', '+86 137-0013-7001', { chooseIndustry: false });
    await page.getByRole('button', { name: 'Register' }).click();
    await expect.poll(() => page.getByText('Already yours').count(), { timeout: 10_000 }).toBe(1);
    expect(await page.getByRole('link', { name: 'Open it in My customers' }).getAttribute('href')).toMatch(/^\/my-customers\?customer=/);
    expect(await page.getByRole('button', { name: /Appeal/ }).count()).toBe(0);
    expect(await page.evaluate('document.documentElement.scrollWidth')).toBeLessThanOrEqual(390);
    await page.screenshot({ path: join(ARTIFACTS, 'register-own-en-phone.png') });
    expect(errors.filter(unprovoked)).toEqual([]);
    await context.close();
  }, 90_000);
});
