import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { chromiumPath, openScreen, pageErrors, startHarness } from './browserHarness.js';
import type { Harness } from './browserHarness.js';

// Regressions: a failed client check logged "Form validation failed [Object…]", and saving an API key
// with an invalid field left an uncaught promise rejection. Each problem belongs on its field, not in the console.
const chromium = chromiumPath();
if (chromium.reason) console.warn(`browser journeys skipped: ${chromium.reason}`);

let h: Harness;
beforeAll(async () => {
  if (!chromium.path) return;
  h = await startHarness(chromium.path);
  await h.user('li.na', 'rep', [await h.team('华南一组')], '李娜');
}, 60_000);
afterAll(async () => {
  await h?.close();
});

async function signIn(page: Page, username: string, password: string) {
  await page.goto(h.url);
  await page.getByLabel(/用户名|Username/).fill(username);
  await page.getByLabel(/密码|Password/).fill(password);
  await page.getByRole('button', { name: /登\s*录|Sign in/ }).click();
}

describe.skipIf(!chromium.path)('problems go on their fields, never to the console', () => {
  it('a registration form failing its client checks marks the fields and logs nothing', async () => {
    const context = await h.browser.newContext({ locale: 'zh-CN', viewport: { width: 1280, height: 800 } });
    const page = await context.newPage();
    const errors = pageErrors(page);
    await signIn(page, 'li.na', 'li.na-password');
    await page.getByLabel('行业').click();
    await page.getByTitle(/软件/).first().click();
    await page.getByLabel(/公司名称/).fill('深圳市星云数据有限公司');
    // The form's own checks, not the browser's: as when a required field has no native constraint.
    await page.evaluate("document.querySelector('form.rjsf').noValidate = true");
    await page.getByRole('button', { name: '提交登记' }).click();
    await page.locator('.ant-form-item-explain-error').first().waitFor();
    expect(await page.locator('.ant-form-item-explain-error').count()).toBeGreaterThan(0);
    expect(errors).toEqual([]);
    await context.close();
  }, 60_000);

  it('an API key saved with an invalid origin shows the problem under the field, with no uncaught rejection', async () => {
    const context = await h.browser.newContext({ locale: 'en-US', viewport: { width: 1280, height: 800 } });
    const page = await context.newPage();
    const errors = pageErrors(page);
    await signIn(page, 'admin', 'browser-admin-password');
    await openScreen(page, 'API keys');
    await page.getByRole('button', { name: 'New key' }).click();
    const dialog = page.getByRole('dialog');
    await dialog.getByLabel('Name').fill('Low-code portal');
    await dialog.getByLabel('Embed origins').fill('crm.example.com');
    await dialog.getByLabel('Embed origins').press('Enter');
    await dialog.getByRole('button', { name: 'Save' }).click();
    await dialog.getByText('Write it as https://host[:port]').waitFor();
    // An uncaught rejection surfaces after the check's promise settles: give it the time to.
    await page.waitForTimeout(300);
    expect(errors).toEqual([]);
    await context.close();
  }, 60_000);
});
