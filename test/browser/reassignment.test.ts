import { join } from 'node:path';
import type { Locator, Page } from 'playwright-core';
import request from 'supertest';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEMO_DIRECTOR, DEMO_PASSWORD, loadDemoOrganisation } from '@crm-policy/server';
import { ARTIFACTS, chromiumPath, pageErrors, startHarness } from './browserHarness.js';
import type { Harness } from './browserHarness.js';

// A manager of the demo organisation (what `npm run seed:demo` loads) at the reassignment screen, in Chinese on a desktop.
const chromium = chromiumPath();
if (chromium.reason) console.warn(`browser journeys skipped: ${chromium.reason}`);

let h: Harness;
let guangzhouLead: string;
beforeAll(async () => {
  if (!chromium.path) return;
  h = await startHarness(chromium.path);
  await loadDemoOrganisation(h.created.services, { customersPerRep: 6 });
  // A large Guangzhou company: the rules send it to Guangzhou Enterprise, which exists but has nobody in it yet.
  const lead = await request(h.created.app).post('/api/leads').set('authorization', h.admin).send({ companyName: '广州市示例大型集团有限公司', region: '440106', type: 'company', employees: 5000, industry: 'retail' });
  expect(lead.body.assignment.status).toBe('queued');
  guangzhouLead = lead.body.customerId;
}, 60_000);
afterAll(async () => {
  await h?.close();
});

async function signIn(page: Page, username: string) {
  await page.goto(h.url);
  await page.getByLabel('用户名').fill(username);
  await page.getByLabel('密码').fill(DEMO_PASSWORD);
  await page.getByRole('button', { name: /^登\s?录$/ }).click();
}

/** Opens a screen from the navigation, whether it is drawn as tabs or as a menu. */
async function open(page: Page, name: string) {
  await page.getByRole('tab', { name, exact: true }).or(page.getByRole('menuitem', { name, exact: true })).first().click();
}

const userId = async (username: string) => (await h.created.services.users.users.findOne({ username }))!._id;

/** Every text of a locator, to check no internal code shows. */
const textOf = (locator: Locator) => locator.innerText();

describe.skipIf(!chromium.path)('a manager moves customers in the demo organisation', () => {
  it('moves a leaving rep’s book to named colleagues, finds one customer by name to move it, and reads why a lead waits', async () => {
    const leaving = await userId('li.na');
    const held = await h.created.services.claims.claims.countDocuments({ status: 'active', ownerIds: leaving });
    expect(held).toBeGreaterThan(0);

    const context = await h.browser.newContext({ locale: 'zh-CN', viewport: { width: 1280, height: 800 } });
    const page = await context.newPage();
    const errors = pageErrors(page);
    await signIn(page, 'zhou.min');
    await open(page, '调整分配');

    // Nothing chosen: each field says what it needs, in Chinese, and nothing is sent.
    await page.getByRole('button', { name: '生成影响报告' }).click();
    await page.getByText('请选择要调整的客户').waitFor();
    await page.getByText('请选择转入团队').waitFor();
    await page.screenshot({ path: join(ARTIFACTS, 'reassignment-fields-zh-desktop.png'), fullPage: true });

    // The leaving rep's whole book: every customer goes to a named colleague, none to the queue.
    await page.getByText('销售的全部客户').click();
    await page.getByLabel('销售', { exact: true }).click();
    await page.locator('.ant-select-dropdown:visible').getByTitle('李娜').click();
    await page.getByRole('button', { name: '生成影响报告' }).click();
    const impact = page.getByTestId('impact-report');
    await expect.poll(() => textOf(impact), { timeout: 10_000 }).toContain(`影响：${held} 个客户`);
    expect(await textOf(impact)).not.toContain('待分配');
    await page.getByText(`已提交，等待 ${DEMO_DIRECTOR.displayName} 或管理员 审批`).waitFor();
    expect(await page.getByRole('button', { name: /^批\s?准$/ }).count()).toBe(0);
    await page.screenshot({ path: join(ARTIFACTS, 'reassignment-book-zh-desktop.png'), fullPage: true });

    // Into a team nobody works in yet: each customer would wait unassigned, and the impact says why and who fixes it.
    await page.getByLabel('销售', { exact: true }).click();
    await page.locator('.ant-select-dropdown:visible').getByTitle('黄丽').click();
    await page.getByLabel('转入团队').click();
    await page.getByLabel('转入团队').fill('Guangzhou');
    await page.locator('.ant-select-dropdown:visible').getByTitle('Guangzhou Enterprise', { exact: true }).click();
    await page.getByRole('button', { name: '生成影响报告' }).click();
    await expect.poll(() => textOf(impact), { timeout: 10_000 }).toContain('进入待分配队列：团队“Guangzhou Enterprise”没有可分配的内勤销售。请该团队经理在团队成员中添加内勤销售');
    await page.screenshot({ path: join(ARTIFACTS, 'reassignment-queue-reason-zh-desktop.png'), fullPage: true });

    // One customer, found by typing part of its name: the options show name, region, team and owners, never an id.
    await page.getByText('单个客户转团队').click();
    await page.getByLabel('客户', { exact: true }).fill('深圳');
    const options = page.locator('.ant-select-dropdown:visible .ant-select-item-option');
    await expect.poll(() => options.count(), { timeout: 10_000 }).toBeGreaterThan(0);
    const first = await options.first().innerText();
    expect(first).toMatch(/^深圳市.+\n广东省 · 深圳市 · .+ · South China SME · 负责人：/);
    expect(first).not.toMatch(/[0-9a-f]{8}-[0-9a-f]{4}/);
    await page.screenshot({ path: join(ARTIFACTS, 'reassignment-search-zh-desktop.png'), fullPage: true });
    const chosenName = first.split('\n')[0]!;
    await options.first().click();
    await page.getByLabel('转入团队').click();
    await page.locator('.ant-select-dropdown:visible').getByTitle('East China SME', { exact: true }).click();
    await page.getByRole('button', { name: '生成影响报告' }).click();
    await expect.poll(() => textOf(impact), { timeout: 10_000 }).toContain('影响：1 个客户');
    expect(await textOf(impact)).toContain(chosenName);
    await page.getByText(/已提交，等待 .*孙浩.* 或管理员 审批/).waitFor();
    await page.screenshot({ path: join(ARTIFACTS, 'reassignment-customer-zh-desktop.png'), fullPage: true });

    // A lead nobody can take yet: the queue says why, and where it is fixed; routing it again says the same in words.
    await open(page, '待处理');
    await open(page, '未分配客户');
    const row = page.getByRole('row', { name: /广州市示例大型集团有限公司/ });
    await expect.poll(() => row.innerText(), { timeout: 10_000 }).toContain('团队“Guangzhou Enterprise”没有可分配的内勤销售');
    await row.getByRole('button', { name: '重新分配' }).click();
    await expect.poll(() => row.innerText(), { timeout: 10_000 }).toContain('仍未分配：团队“Guangzhou Enterprise”没有可分配');
    expect(await row.innerText()).not.toMatch(/queued|unrouted|capacity/);
    // Every column is named, the one with the retry button and its answer too.
    expect(await page.locator('table', { has: row }).locator('thead th').allInnerTexts()).toEqual(['客户', '原因', '时间', '操作']);
    await page.screenshot({ path: join(ARTIFACTS, 'queue-unassigned-zh-desktop.png'), fullPage: true });
    expect(guangzhouLead).toBeTruthy();
    expect(errors).toEqual([]);
    await context.close();

    // The director decides the book move: the result says, customer by customer, who took it.
    const directorContext = await h.browser.newContext({ locale: 'zh-CN', viewport: { width: 1280, height: 800 } });
    const director = await directorContext.newPage();
    const directorErrors = pageErrors(director);
    await signIn(director, DEMO_DIRECTOR.username);
    await open(director, '调整分配');
    // Each proposal in the list says whose customers it moves.
    await director.getByRole('listitem').filter({ hasText: '销售的全部客户：李娜' }).getByRole('button', { name: /^查\s?看$/ }).click();
    await expect.poll(() => textOf(director.getByTestId('impact-report')), { timeout: 10_000 }).toContain(`影响：${held} 个客户`);
    await director.getByLabel('修改说明（必填）').fill('李娜离职，客户由组内同事接手');
    await director.getByRole('button', { name: /^批\s?准$/ }).click();
    const result = director.getByTestId('proposal-result');
    await expect.poll(() => textOf(result), { timeout: 10_000 }).toContain(`已执行：${held} 个客户全部转给新负责人`);
    const words = await textOf(result);
    expect(words).toMatch(/已转给 (陈杰|赵磊|黄丽)、(陈杰|赵磊|黄丽)（South China SME）/);
    expect(words).not.toMatch(/queued|待分配/);
    await director.screenshot({ path: join(ARTIFACTS, 'reassignment-done-zh-desktop.png'), fullPage: true });
    expect(await h.created.services.claims.claims.countDocuments({ status: 'active', ownerIds: leaving })).toBe(0);
    expect(directorErrors).toEqual([]);
    await directorContext.close();
  }, 120_000);
});
