import { join } from 'node:path';
import type { Page } from 'playwright-core';
import request from 'supertest';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ARTIFACTS, chromiumPath, openScreen, pageErrors, startHarness } from './browserHarness.js';
import type { Harness } from './browserHarness.js';

// Issue 19, items 7 and 8: an admin adds a choice field with option names in both languages (a label missing is refused
// on its field), sees which registrations in progress the new version concerns; a rep sees the field by its names in
// both languages; a new API key is a rep's unless the admin chooses, with what each role may do beside the choice.
const chromium = chromiumPath();
if (chromium.reason) console.warn(`browser journeys skipped: ${chromium.reason}`);

let h: Harness;
beforeAll(async () => {
  if (!chromium.path) return;
  h = await startHarness(chromium.path);
  const south = await h.team('华南一组');
  await h.user('li.na', 'rep', [south], '李娜');
  const login = await request(h.created.app).post('/api/auth/login').send({ username: 'li.na', password: 'li.na-password' });
  const registered = await request(h.created.app)
    .post('/api/registrations')
    .set('authorization', `Bearer ${login.body.token as string}`)
    .send({ industry: 'software', customer: { companyName: '深圳市旧版科技有限公司', region: '440305', contactName: '张总', phone: '+86 138-0013-8000', grade: 'C', deployment: 'saas' } });
  expect(registered.status).toBe(201);
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

/**
 * The admin lands on the rules screen, which asks for each policy's draft and
 * takes a 404 as "no draft" (RulesPage, not these screens); Chromium logs every
 * 404. Those lines pass only while every 404 the page met was such a draft
 * question: any other 404, and every other console line, fails the journey.
 */
function unprovoked(page: Page, errors: string[]): () => string[] {
  const notFound: string[] = [];
  page.on('response', (response) => {
    if (response.status() === 404) notFound.push(new URL(response.url()).pathname);
  });
  const draftQuestion = (path: string) => /^\/api\/policies\/[a-z-]+\/draft$/.test(path);
  return () => (notFound.every(draftQuestion) ? errors.filter((line) => line !== 'console: Failed to load resource: the server responded with a status of 404 (Not Found)') : [...errors, ...notFound.map((path) => `404 ${path}`)]);
}

/** Picks an option of a select by its title; a click that lands while the dropdown is still opening is tried again. */
async function choose(page: Page, label: string, option: string) {
  const select = page.locator('.ant-select').filter({ has: page.getByLabel(label) });
  for (let attempt = 0; attempt < 3 && !(await select.innerText()).includes(option); attempt += 1) {
    await page.getByLabel(label).click();
    const item = page.locator('.ant-select-dropdown:visible').getByTitle(option, { exact: true });
    await item.waitFor();
    await page.waitForTimeout(300);
    await item.click();
    await page.locator('.ant-select-dropdown:visible').waitFor({ state: 'hidden' }).catch(() => undefined);
  }
  expect(await select.innerText()).toContain(option);
}

/** Whether the page, or any table on it, scrolls sideways. */
async function scrollsSideways(page: Page): Promise<boolean> {
  return page.evaluate(() => {
    const doc = (globalThis as unknown as { document: { documentElement: { scrollWidth: number; clientWidth: number }; querySelectorAll(s: string): ArrayLike<{ scrollWidth: number; clientWidth: number }> } }).document;
    const tables = Array.from(doc.querySelectorAll('.ant-table-content, .ant-table-body'));
    return doc.documentElement.scrollWidth > doc.documentElement.clientWidth || tables.some((table) => table.scrollWidth > table.clientWidth + 1);
  });
}

describe.skipIf(!chromium.path)('templates and API keys in the browser', () => {
  it('an admin adds a choice field named in both languages, is stopped at the missing English label, saves a new version and sees the registrations it concerns', async () => {
    const context = await h.browser.newContext({ locale: 'zh-CN', viewport: { width: 1280, height: 800 } });
    const page = await context.newPage();
    const errors = unprovoked(page, pageErrors(page));
    await signIn(page, 'admin', 'browser-admin-password');
    await openScreen(page, '登记模板');
    await page.getByLabel('行业', { exact: true }).click();
    await page.getByTitle('软件与高科技').click();
    // The group's own fields are there to edit, under the group's row.
    await page.getByRole('row', { name: /purchasePlan/ }).locator('.ant-table-row-expand-icon').click();
    await expect.poll(() => page.getByLabel('中文标签 budget').inputValue()).toBe('预算（元）');
    expect(await scrollsSideways(page)).toBe(false);

    await page.getByRole('button', { name: /^(plus )?添加字段$/ }).click();
    const rows = await page.getByLabel(/^字段名 \d+$/).count();
    await page.getByLabel(`字段名 ${rows}`).fill('fleetSize');
    await page.getByLabel('中文标签 fleetSize').fill('车队规模');
    await choose(page, '类型 fleetSize', '单选');
    // Chosen as a choice, the row opens on its options.
    await expect.poll(() => page.getByRole('button', { name: /添加选项/ }).count(), { timeout: 10_000 }).toBe(1);
    for (const [at, code, zh, en] of [[1, 'small', '小型车队', 'Small fleet'], [2, 'large', '大型车队', 'Large fleet']] as const) {
      await page.getByRole('button', { name: '添加选项' }).click();
      await page.getByLabel(`选项代码 fleetSize ${at}`).fill(code);
      await page.getByLabel(`中文名称 fleetSize ${at}`).fill(zh);
      await page.getByLabel(`英文名称 fleetSize ${at}`).fill(en);
    }
    await page.getByLabel('必填 fleetSize').check();
    expect(await scrollsSideways(page)).toBe(false);

    // Saved without its English label: refused on that field, in Chinese, nothing sent.
    await page.getByRole('button', { name: '保存为新版本' }).click();
    const english = page.getByLabel('英文标签 fleetSize');
    await expect.poll(() => english.getAttribute('class')).toContain('ant-input-status-error');
    const cell = page.getByRole('cell').filter({ has: english });
    expect(await cell.getByRole('alert').innerText()).toBe('请填写英文标签');
    expect(await page.getByText('有 1 处需要修改，已在对应字段标出').count()).toBe(1);
    await page.screenshot({ path: join(ARTIFACTS, 'template-label-required-zh-desktop.png') });
    expect((await request(h.created.app).get('/api/templates/software').set('authorization', h.admin)).body.version).toBe(1);

    await english.fill('Fleet size');
    await expect.poll(() => page.getByTestId('template-preview').getByText('车队规模').count()).toBe(1);
    await page.getByRole('button', { name: '保存为新版本' }).click();
    await expect.poll(() => page.getByText('已保存为第 2 版').count(), { timeout: 10_000 }).toBe(1);
    const impact = page.getByTestId('template-impact');
    await expect.poll(() => impact.count(), { timeout: 10_000 }).toBe(1);
    expect(await impact.innerText()).toContain('进行中 1 条（第 1 版 1 条），其中 1 条与此版本不符');
    expect(await impact.getByRole('row', { name: /深圳市旧版科技有限公司/ }).innerText()).toMatch(/李娜[\s\S]*第 1 版[\s\S]*车队规模/);
    expect(await impact.innerText()).not.toContain('fleetSize');
    await impact.scrollIntoViewIfNeeded();
    await page.screenshot({ path: join(ARTIFACTS, 'template-impact-zh-desktop.png') });
    await page.screenshot({ path: join(ARTIFACTS, 'template-editor-zh-desktop.png'), fullPage: true });

    // In English: no Chinese left on the editor but the records' own data (the customer's and the rep's names) and the Chinese labels typed in.
    await page.getByRole('button', { name: 'English' }).click();
    await expect.poll(() => impact.innerText()).toContain('1 in progress (1 on version 1); 1 do not fit this version');
    expect(await impact.getByRole('row', { name: /深圳市旧版科技有限公司/ }).innerText()).toContain('Fleet size');
    const editor = (await page.getByTestId('template-editor').innerText()).replace(/深圳市旧版科技有限公司|李娜/g, '');
    expect(editor.match(/[\u4e00-\u9fff]+/g)).toBeNull();
    await impact.scrollIntoViewIfNeeded();
    await page.screenshot({ path: join(ARTIFACTS, 'template-impact-en-desktop.png') });

    const saved = (await request(h.created.app).get('/api/templates/software').set('authorization', h.admin)).body;
    expect(saved.version).toBe(2);
    expect(saved.schema.properties.fleetSize).toEqual({ type: 'string', title: 'Fleet size', enum: ['small', 'large'] });
    expect(saved.choices.zh.fleetSize).toEqual({ small: '小型车队', large: '大型车队' });
    expect(saved.labels.en.fleetSize).toBe('Fleet size');
    expect(errors()).toEqual([]);
    await context.close();
  }, 120_000);

  it('a rep sees the new field and its options by their names, in Chinese and, after switching, in English', async () => {
    const context = await h.browser.newContext({ locale: 'zh-CN', viewport: { width: 1280, height: 800 } });
    const page = await context.newPage();
    const errors = pageErrors(page);
    await signIn(page, 'li.na', 'li.na-password');
    await page.getByLabel('行业').click();
    await page.getByTitle('软件与高科技').first().click();
    await page.locator('.rjsf .ant-cascader').waitFor();
    await page.getByLabel('车队规模').click();
    const dropdown = page.locator('.ant-select-dropdown:visible');
    const options = (root: Page) => root.locator('.ant-select-dropdown:visible .ant-select-item-option-content').allInnerTexts();
    await expect.poll(() => options(page)).toEqual(['小型车队', '大型车队']);
    expect(await dropdown.count()).toBe(1);
    await page.screenshot({ path: join(ARTIFACTS, 'template-field-rep-zh-desktop.png') });
    await page.keyboard.press('Escape');

    await page.getByRole('button', { name: 'English' }).click();
    await page.getByLabel('Fleet size').click();
    await expect.poll(() => options(page)).toEqual(['Small fleet', 'Large fleet']);
    expect(await page.locator('form.rjsf').innerText()).not.toMatch(/[\u4e00-\u9fff]/);
    await page.screenshot({ path: join(ARTIFACTS, 'template-field-rep-en-desktop.png') });
    expect(errors).toEqual([]);
    await context.close();
  }, 90_000);

  it('in English on a 390-pixel phone: the new field offers its options by their English names, nothing scrolls sideways', async () => {
    const context = await h.browser.newContext({ locale: 'en-US', viewport: { width: 390, height: 844 } });
    const page = await context.newPage();
    const errors = pageErrors(page);
    await signIn(page, 'li.na', 'li.na-password');
    await page.getByLabel('Industry').click();
    await page.getByTitle('Software & high-tech').first().click();
    await page.locator('.rjsf .ant-cascader').waitFor();
    await page.getByLabel('Fleet size').click();
    await expect.poll(() => page.locator('.ant-select-dropdown:visible .ant-select-item-option-content').allInnerTexts()).toEqual(['Small fleet', 'Large fleet']);
    expect(await page.locator('form.rjsf').innerText()).not.toMatch(/[\u4e00-\u9fff]/);
    expect(await scrollsSideways(page)).toBe(false);
    await page.screenshot({ path: join(ARTIFACTS, 'template-field-rep-en-phone.png') });
    expect(errors).toEqual([]);
    await context.close();
  }, 90_000);

  it('an admin creates an API key: a sales rep’s by default, what each role may do shown beside the choice', async () => {
    const context = await h.browser.newContext({ locale: 'zh-CN', viewport: { width: 1280, height: 800 } });
    const page = await context.newPage();
    const errors = unprovoked(page, pageErrors(page));
    await signIn(page, 'admin', 'browser-admin-password');
    await openScreen(page, 'API 密钥');
    await page.getByRole('button', { name: '新建密钥' }).click();
    const dialog = page.getByRole('dialog');
    expect(await dialog.locator('.ant-select').filter({ has: page.getByLabel('角色') }).innerText()).toContain('销售代表');
    const roles = dialog.getByTestId('role-descriptions');
    expect(await roles.innerText()).toMatch(/销售代表\s*已选[\s\S]*登记客户[\s\S]*管理员[\s\S]*全部权限/);
    expect(await dialog.innerText()).not.toMatch(/\b(rep|admin|manager|finance|director)\b/);
    await page.waitForFunction(() => (globalThis as unknown as { document: { getAnimations(): unknown[] } }).document.getAnimations().length === 0);
    await page.screenshot({ path: join(ARTIFACTS, 'api-key-role-zh-desktop.png') });
    await dialog.getByLabel('名称').fill('低代码平台');
    await dialog.getByRole('button', { name: /保\s*存/ }).click();
    const key = (await page.getByLabel('密钥（仅显示一次）').innerText()).trim();
    expect((await request(h.created.app).get('/api/me').set('x-api-key', key)).body).toMatchObject({ kind: 'api-key', role: 'rep' });
    await expect.poll(() => page.getByRole('row', { name: /低代码平台/ }).innerText()).toContain('销售代表');
    // In English, the same choice and descriptions in English, nothing in Chinese.
    await page.getByRole('button', { name: 'English' }).click();
    await page.getByRole('button', { name: 'New key' }).click();
    await expect.poll(() => dialog.getByTestId('role-descriptions').innerText()).toMatch(/Sales rep\s*Chosen[\s\S]*Register customers[\s\S]*Administrator[\s\S]*Everything/);
    expect(await dialog.innerText()).not.toMatch(/[\u4e00-\u9fff]/);
    await page.keyboard.press('Escape');
    expect(errors()).toEqual([]);
    await context.close();
  }, 90_000);
});
