import { join } from 'node:path';
import type { Locator, Page } from 'playwright-core';
import request from 'supertest';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ARTIFACTS, chromiumPath, pageErrors, startHarness } from './browserHarness.js';
import type { Harness } from './browserHarness.js';

// A new admin sets up their company from the browser, in Chinese on a desktop, on a store where only they exist.
const chromium = chromiumPath();
if (chromium.reason) console.warn(`browser journeys skipped: ${chromium.reason}`);

let h: Harness;
beforeAll(async () => {
  if (!chromium.path) return;
  h = await startHarness(chromium.path);
}, 60_000);
afterAll(async () => {
  await h?.close();
});

// A save under way names its button "loading 保 存" (hashing a password takes a moment on a busy machine).
const SAVE = /^(loading )?保\s?存$/;
const shot = (page: Page, name: string) => page.screenshot({ path: join(ARTIFACTS, `organisation-${name}-zh-desktop.png`), fullPage: true });
const dialog = (page: Page) => page.locator('.ant-modal:visible');
const drawer = (page: Page) => page.locator('.ant-drawer:visible');
const dropdown = (page: Page) => page.locator('.ant-select-dropdown:visible');

/** Picks an option of a select by its label, from the dropdown it opened; a multiple select's stays open until `away` is clicked (Escape would close the dialog). */
async function choose(select: Locator, page: Page, option: string, away?: Locator) {
  await select.click();
  await dropdown(page).getByTitle(option, { exact: true }).click();
  if (away) await away.click();
  await dropdownsClosed(page);
}

/** Waits until no dropdown shows: one still sliding out would be a second match for the next select's (counting is not strict, `waitFor` is). */
async function dropdownsClosed(page: Page) {
  await expect.poll(() => dropdown(page).count(), { timeout: 10_000 }).toBe(0);
}

/** Picks regions by typing part of a name in the region picker and choosing the path it offers. */
async function pickRegion(picker: Locator, page: Page, typed: string, path: string) {
  await picker.fill(typed);
  await page.locator('.ant-cascader-dropdown:visible').getByText(path, { exact: true }).click();
  await drawer(page).getByText('团队负责的地区', { exact: false }).click();
  await page.locator('.ant-cascader-dropdown:visible').waitFor({ state: 'detached' });
}

/** Saves the open dialog. */
const saveDialog = (page: Page) => dialog(page).getByRole('button', { name: SAVE }).click();

async function newUser(page: Page, user: { username: string; name: string; role?: string; password: string }) {
  await page.getByRole('button', { name: '新建用户' }).click();
  const form = dialog(page);
  await form.getByLabel('用户名').fill(user.username);
  await form.getByLabel('姓名').fill(user.name);
  if (user.role) await choose(form.getByLabel('角色'), page, user.role);
  await choose(form.getByLabel('团队'), page, '华南一组', form.getByText('新建用户'));
  await form.getByLabel('初始密码').fill(user.password);
  await saveDialog(page);
}

describe.skipIf(!chromium.path)('a new admin sets up the organisation', () => {
  it('creates a team with two territories, two reps and a manager, counts the reps in, deactivates one; routing and ownership follow', async () => {
    expect(await h.created.services.users.users.countDocuments({})).toBe(1);
    const context = await h.browser.newContext({ locale: 'zh-CN', viewport: { width: 1280, height: 800 } });
    const page = await context.newPage();
    const errors = pageErrors(page);
    // Refusals this journey provokes (a weak password, a taken username): each answer is checked below.
    const refused: string[] = [];
    page.on('response', (response) => response.status() >= 400 && refused.push(`${response.status()} ${response.request().method()} ${new URL(response.url()).pathname}`));
    await page.goto(h.url);
    await page.getByLabel('用户名').fill('admin');
    await page.getByLabel('密码').fill('browser-admin-password');
    await page.getByRole('button', { name: /^登\s?录$/ }).click();
    // The screen from the navigation, whether the shell draws it as tabs or as a side menu.
    await page.getByRole('tab', { name: '组织架构', exact: true }).or(page.getByRole('menuitem', { name: '组织架构' })).first().click();
    await page.getByRole('tab', { name: '团队', exact: true }).click();
    await page.getByText('还没有团队：点击“新建团队”开始').waitFor();
    await shot(page, 'empty');

    // A team: its name, then its territories in the drawer that opens beside the list.
    await page.getByRole('button', { name: '新建团队' }).click();
    await dialog(page).getByLabel('团队名称').fill('华南一组');
    await saveDialog(page);
    await drawer(page).getByText('华南一组：辖区与成员').waitFor();
    await drawer(page).getByText('尚未设置辖区').waitFor();
    await drawer(page).getByRole('button', { name: '添加辖区' }).click();
    await drawer(page).getByRole('button', { name: SAVE }).click();
    await drawer(page).getByText('请至少选择一个地区').waitFor();
    const territories = drawer(page).getByTestId('territory');
    await pickRegion(territories.nth(0).getByLabel('地区'), page, '东莞', '广东省 / 东莞市');
    await drawer(page).getByRole('button', { name: '添加辖区' }).click();
    await pickRegion(territories.nth(1).getByLabel('地区'), page, '南山', '广东省 / 深圳市 / 南山区');
    await choose(territories.nth(1).getByLabel('客户规模'), page, '中小企业', territories.nth(1).getByText('辖区 2'));
    await expect.poll(() => territories.nth(0).innerText()).toContain('东莞市');
    await shot(page, 'territories');
    await drawer(page).getByRole('button', { name: SAVE }).click();
    await drawer(page).waitFor({ state: 'detached' });
    const teamRow = page.getByRole('row', { name: /华南一组/ });
    await expect.poll(() => teamRow.innerText()).toContain('广东省 东莞市、深圳市 南山区');
    const team = await h.created.services.users.teams.findOne({ name: '华南一组' });
    expect(team?.territories).toEqual([{ regions: ['4419'] }, { regions: ['440305'], sizes: ['sme'] }]);

    // Users: what is missing is said on each field; the server's verdicts land on their fields too.
    await page.getByRole('tab', { name: '用户', exact: true }).click();
    await page.getByRole('button', { name: '新建用户' }).click();
    await saveDialog(page);
    for (const text of ['请填写用户名', '请填写姓名', '请填写密码']) await dialog(page).getByText(text).waitFor();
    await dialog(page).getByLabel('团队').click();
    await dialog(page).getByText('新建用户').click();
    await dialog(page).getByText('请至少选择一个团队').waitFor();
    await dropdownsClosed(page);
    await shot(page, 'user-fields');
    await dialog(page).getByLabel('用户名').fill('li.na');
    await dialog(page).getByLabel('姓名').fill('李娜');
    await choose(dialog(page).getByLabel('团队'), page, '华南一组', dialog(page).getByText('新建用户'));
    await dialog(page).getByLabel('初始密码').fill('short');
    await dialog(page).getByText('至少 12 个字符', { exact: true }).waitFor();
    await dialog(page).getByLabel('初始密码').fill('password12345');
    await saveDialog(page);
    await dialog(page).getByText('属于最常见的密码，请另选').waitFor();
    await shot(page, 'user-weak-password');
    await dialog(page).getByLabel('初始密码').fill('Dongguan-li-2026');
    await saveDialog(page);
    await dialog(page).waitFor({ state: 'detached' });

    // A username already taken is refused on its field, in Chinese.
    await newUser(page, { username: 'li.na', name: '王强', password: 'Dongguan-wang-2026' });
    await dialog(page).getByText('该用户名已被使用').waitFor();
    await dialog(page).getByLabel('用户名').fill('wang.qiang');
    await saveDialog(page);
    await dialog(page).waitFor({ state: 'detached' });
    await newUser(page, { username: 'zhou.min', name: '周敏', role: '销售经理', password: 'Dongguan-zhou-2026' });
    await dialog(page).waitFor({ state: 'detached' });
    const usersTable = page.locator('.ant-table:visible');
    await expect.poll(() => usersTable.innerText()).toContain('周敏');
    expect(await usersTable.innerText()).toMatch(/周敏\s+zhou\.min\s+销售经理\s+华南一组\s+正常/);
    await shot(page, 'users');

    // Members: the two reps count in for assignment, one inside, one in the field, each with a capacity.
    await page.getByRole('tab', { name: '团队', exact: true }).click();
    await teamRow.getByRole('button', { name: '辖区与成员' }).click();
    await drawer(page).getByLabel('李娜 参与分配').click();
    await drawer(page).getByLabel('王强 参与分配').click();
    await choose(drawer(page).getByLabel('王强 的销售方式'), page, '外勤销售');
    await drawer(page).getByLabel('李娜 的容量').fill('30');
    await drawer(page).getByLabel('王强 的容量').fill('40');
    await shot(page, 'members');
    // Closing with unsaved changes asks first; the admin keeps editing and nothing is lost.
    await drawer(page).getByRole('button', { name: /^取\s?消$/ }).click();
    const ask = page.locator('.ant-modal-confirm:visible');
    await ask.locator('.ant-modal-confirm-title', { hasText: '放弃未保存的修改？' }).waitFor();
    expect(await ask.count()).toBe(1);
    await ask.getByRole('button', { name: '继续编辑' }).click();
    await ask.waitFor({ state: 'detached' });
    await expect.poll(() => drawer(page).getByLabel('王强 的容量').inputValue()).toBe('40');
    await drawer(page).getByRole('button', { name: SAVE }).click();
    await drawer(page).waitFor({ state: 'detached' });
    await expect.poll(() => teamRow.innerText()).toContain('参与分配 2 人 / 团队用户 3 人');
    const ids = Object.fromEntries((await h.created.services.users.users.find({})).map((user) => [user.username, user._id]));
    expect((await h.created.services.users.teams.findOne({ name: '华南一组' }))?.members).toEqual([
      { userId: ids['li.na'], role: 'inside', capacity: 30, available: true },
      { userId: ids['wang.qiang'], role: 'field', capacity: 40, available: true },
    ]);

    // Deactivating asks first; then 王强 cannot sign in.
    await page.getByRole('tab', { name: '用户', exact: true }).click();
    const wang = page.getByRole('row', { name: /王强/ });
    await wang.getByRole('button', { name: /^停\s?用$/ }).click();
    await page.getByText('停用 王强？停用后无法登录，已登录的会话立即结束。').waitFor();
    await shot(page, 'deactivate-confirm');
    await page.locator('.ant-popover:visible').getByRole('button', { name: /^停\s?用$/ }).click();
    await expect.poll(() => wang.innerText()).toContain('已停用');
    expect((await request(h.created.app).post('/api/auth/login').send({ username: 'wang.qiang', password: 'Dongguan-wang-2026' })).status).toBe(401);
    await shot(page, 'deactivated');

    // Editing a user's name keeps their role and team; a new password for 李娜 is checked as at creation.
    await page.getByRole('row', { name: /周敏/ }).getByRole('button', { name: /^编\s?辑$/ }).click();
    await dialog(page).getByLabel('姓名').fill('周敏敏');
    await saveDialog(page);
    await dialog(page).waitFor({ state: 'detached' });
    await expect.poll(() => page.getByRole('row', { name: /zhou\.min/ }).innerText()).toMatch(/周敏敏\s+zhou\.min\s+销售经理\s+华南一组/);
    await page.getByRole('row', { name: /李娜/ }).getByRole('button', { name: '重置密码' }).click();
    await dialog(page).getByLabel('新密码').fill('too-short');
    await dialog(page).getByRole('button', { name: /重置密码$/ }).click();
    await dialog(page).getByText('至少 12 个字符', { exact: true }).waitFor();
    await dialog(page).getByLabel('新密码').fill('Dongguan-li-2027');
    await dialog(page).getByText('至少 12 个字符', { exact: true }).waitFor({ state: 'detached' });
    await shot(page, 'reset-password');
    await dialog(page).getByRole('button', { name: /重置密码$/ }).click();
    await dialog(page).waitFor({ state: 'detached' });
    expect((await request(h.created.app).post('/api/auth/login').send({ username: 'li.na', password: 'Dongguan-li-2026' })).status).toBe(401);

    // 李娜 registers a customer in 东莞: hers, in her team. A lead there goes to the team, owned by her alone.
    const login = await request(h.created.app).post('/api/auth/login').send({ username: 'li.na', password: 'Dongguan-li-2027' });
    const registered = await request(h.created.app)
      .post('/api/registrations')
      .set('authorization', `Bearer ${login.body.token as string}`)
      .send({ industry: 'software', customer: { companyName: '东莞市长安精密科技有限公司', region: '441900', contactName: '陈总', phone: '+86 138-0076-9000', grade: 'C', deployment: 'saas' } });
    expect(registered.status, JSON.stringify(registered.body)).toBe(201);
    expect(registered.body.claim).toMatchObject({ repId: ids['li.na'], team: team!._id, teamName: '华南一组' });
    const routed = await request(h.created.app).post('/api/leads').set('authorization', h.admin).send({ companyName: '东莞市虎门服装贸易有限公司', region: '441900', type: 'company', employees: 80, industry: 'technology' });
    expect(routed.status, JSON.stringify(routed.body)).toBe(201);
    expect(routed.body.assignment.claim).toMatchObject({ team: team!._id, ownerIds: [ids['li.na']] });

    // In English, the screen's own words are English: only the people's, the team's and nothing else's names stay Chinese.
    await expect.poll(() => page.locator('.ant-message-notice').count(), { timeout: 10_000 }).toBe(0);
    await page.getByRole('button', { name: 'English' }).click();
    await page.getByRole('tab', { name: 'Teams', exact: true }).click();
    await expect.poll(() => teamRow.innerText()).toContain('Dongguan');
    const screen = page.locator('.ant-card:visible').first();
    const data = /华南一组|李娜|王强|周敏敏/g;
    expect((await screen.innerText()).replace(data, '')).not.toMatch(/\p{Script=Han}/u);
    await page.getByRole('tab', { name: 'Users', exact: true }).click();
    await expect.poll(async () => (await screen.innerText()).replace(data, '')).toContain('Deactivated');
    expect((await screen.innerText()).replace(data, '')).not.toMatch(/\p{Script=Han}/u);
    await page.screenshot({ path: join(ARTIFACTS, 'organisation-users-en-desktop.png'), fullPage: true });
    expect(refused).toEqual(['422 POST /api/users', '409 POST /api/users']);
    expect(errors).toEqual([]);
    await context.close();
  }, 120_000);
});
