import { join } from 'node:path';
import type { Page } from 'playwright-core';
import request from 'supertest';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ARTIFACTS, chromiumPath, openScreen, pageErrors, startHarness } from './browserHarness.js';
import type { Harness } from './browserHarness.js';

// A rep with dozens of customers works them as a table; the pool says why each customer is there; an appeal is reviewed with both sides in words.
const chromium = chromiumPath();
if (chromium.reason) console.warn(`browser journeys skipped: ${chromium.reason}`);

const BRANDS = ['星云', '北辰', '远航', '青松', '海川', '金桥', '朗峰', '启明', '云帆', '博雅', '瑞丰', '华瑶', '同舟', '鼎盛', '恒泰', '嘉禾', '凌霄', '明德', '翠微', '天工', '墨池', '璞玉', '长风', '晨曦', '秋实', '锦程', '沐阳', '思源', '若谷', '致远', '知行', '静安', '蓝鲸', '白鹭', '紫荆', '赤松'];
const DAY_MS = 86_400_000;

let h: Harness;
const tokens: Record<string, string> = {};
/** li.na's claims by company name. */
const claimOf: Record<string, { _id: string; customerId: string }> = {};

async function token(username: string): Promise<string> {
  tokens[username] ??= `Bearer ${(await request(h.created.app).post('/api/auth/login').send({ username, password: `${username}-password` })).body.token as string}`;
  return tokens[username]!;
}

/** A customer of one of three industries, grade by position: every third B (with a purchase plan), the others C; distinct names and phones. */
function customer(i: number) {
  const grade = i % 3 === 0 ? 'B' : 'C';
  const base = { companyName: `深圳市${BRANDS[i]}${i % 4 === 1 ? '贸易' : '科技'}有限公司`, region: i % 5 === 0 ? '440304' : '440305', contactName: '张总', phone: `+86 138-0000-${1000 + i}`, grade, ...(grade === 'B' ? { purchasePlan: { product: 'CRM', timeframe: '2027-Q1' } } : {}) };
  if (i % 4 === 1) return { industry: 'trade', customer: { ...base, tradeType: 'export' } };
  if (i % 4 === 2) return { industry: 'enterprise-services', customer: { ...base, employees: 120 } };
  return { industry: 'software', customer: { ...base, deployment: 'saas' } };
}

beforeAll(async () => {
  if (!chromium.path) return;
  h = await startHarness(chromium.path);
  const south = await h.team('华南一组');
  await h.user('li.na', 'rep', [south], '李娜');
  await h.user('wang.qiang', 'rep', [south], '王强');
  await h.user('zhou.min', 'manager', [south], '周敏');
  // li.na registers 36 customers through the API, as she would one by one.
  for (let i = 0; i < BRANDS.length; i += 1) {
    const body = customer(i);
    const answer = await request(h.created.app).post('/api/registrations').set('authorization', await token('li.na')).send(body);
    if (answer.status !== 201) throw new Error(`${body.customer.companyName}: ${JSON.stringify(answer.body)}`);
    claimOf[body.customer.companyName] = answer.body.claim;
  }
  const claims = h.created.services.claims.claims;
  // Three lapse within the week (the clock moved on since they were registered).
  for (const [name, days] of [['深圳市北辰贸易有限公司', 2], ['深圳市远航科技有限公司', 5], ['深圳市青松科技有限公司', 6]] as const) {
    await claims.updateOne({ _id: claimOf[name]!._id }, { $set: { expiresAt: new Date(Date.now() + days * DAY_MS).toISOString() } });
  }
  // Two she gives up, two lapse: they go to the pool, each with its reason.
  for (const name of ['深圳市蓝鲸科技有限公司', '深圳市白鹭贸易有限公司']) {
    expect((await request(h.created.app).post(`/api/claims/${claimOf[name]!._id}/release`).set('authorization', await token('li.na')).send({})).status).toBe(200);
  }
  for (const name of ['深圳市紫荆科技有限公司', '深圳市赤松科技有限公司']) {
    await claims.updateOne({ _id: claimOf[name]!._id }, { $set: { expiresAt: new Date(Date.now() - DAY_MS).toISOString() } });
  }
  expect((await request(h.created.app).post('/api/jobs/expire-claims').set('authorization', h.admin)).body.expired).toBe(2);
}, 120_000);
afterAll(async () => {
  await h?.close();
});

async function signIn(page: Page, username: string) {
  await page.goto(h.url);
  await page.getByLabel(/用户名|Username/).fill(username);
  await page.getByLabel(/密码|Password/).fill(`${username}-password`);
  await page.getByRole('button', { name: /登\s*录|Sign in/ }).click();
}

const rows = (page: Page) => page.locator('.ant-table-tbody tr.ant-table-row');
const noSidewaysScroll = (page: Page) => page.evaluate('document.documentElement.scrollWidth');
/** Waits until no table is loading or fading back from loading, so a screenshot shows it as the user reads it. */
const settled = (page: Page) => expect.poll(() => page.evaluate("[...document.querySelectorAll('.ant-spin-container')].every((element) => getComputedStyle(element).opacity === '1')")).toBe(true);

describe.skipIf(!chromium.path)('lists that scale', () => {
  it('in Chinese on a desktop: a rep with 32 customers searches, filters expiring-soon and grade, sorts, and releases one after confirming', async () => {
    const context = await h.browser.newContext({ locale: 'zh-CN', viewport: { width: 1280, height: 800 } });
    const page = await context.newPage();
    const errors = pageErrors(page);
    await signIn(page, 'li.na');
    await openScreen(page, '我的客户');
    await expect.poll(() => page.getByText('共 32 个').count(), { timeout: 15_000 }).toBe(1);
    expect(await rows(page).count()).toBe(10);
    // Soonest to lapse first, in red; names, not codes.
    await expect.poll(() => rows(page).first().innerText()).toContain('深圳市北辰贸易有限公司');
    expect(await rows(page).first().locator('.ant-tag-red').innerText()).toMatch(/剩 [12] 天/);
    expect(await rows(page).first().innerText()).toContain('商贸');
    expect(await page.locator('.ant-table-tbody').innerText()).toContain('深圳市 南山区');
    expect(await page.locator('.ant-table-tbody').innerText()).not.toMatch(/440305|software|trade/);
    await settled(page);
    await page.screenshot({ path: join(ARTIFACTS, 'my-customers-zh-desktop.png'), fullPage: true });

    await page.getByLabel('搜索公司名称').fill('星云');
    await page.getByLabel('搜索公司名称').press('Enter');
    await expect.poll(() => rows(page).count()).toBe(1);
    await page.getByLabel('搜索公司名称').fill('');
    await expect.poll(() => page.getByText('共 32 个').count()).toBe(1);

    await page.getByRole('checkbox', { name: '7 天内到期' }).check();
    await expect.poll(() => rows(page).count()).toBe(3);
    expect(await page.locator('.ant-table-tbody .ant-tag-red').count()).toBe(3);
    await page.getByRole('checkbox', { name: '7 天内到期' }).uncheck();

    // Grade B from the column's filter: every third customer.
    await page.locator('th').filter({ hasText: '等级' }).locator('.ant-table-filter-trigger').click();
    // (B, or its display name where the template gives one.)
    await page.locator('.ant-table-filter-dropdown:visible').getByText(/^B( 级)?$/).click();
    await page.locator('.ant-table-filter-dropdown:visible').getByRole('button', { name: /确\s*定/ }).click();
    await expect.poll(() => page.getByText('共 11 个').count()).toBe(1);
    expect(await page.locator('.ant-table-tbody').innerText()).not.toMatch(/\bC\b/);

    // Ordered by name, A to Z then Z to A.
    await page.locator('th').filter({ hasText: '公司名称' }).click();
    const first = await rows(page).first().locator('td').first().innerText();
    await page.locator('th').filter({ hasText: '公司名称' }).click();
    await expect.poll(() => rows(page).first().locator('td').first().innerText()).not.toBe(first);

    // Releasing asks first, naming the customer.
    await page.getByLabel('搜索公司名称').fill('朗峰');
    await page.getByLabel('搜索公司名称').press('Enter');
    await expect.poll(() => rows(page).count()).toBe(1);
    await rows(page).first().getByRole('button', { name: /释\s*放/ }).click();
    await expect.poll(() => page.getByText('释放“深圳市朗峰科技有限公司”到公海？其他同事将可以领取。').count()).toBe(1);
    // Hovering waits for the confirmation to stop moving, so the screenshot shows it.
    await page.locator('.ant-popconfirm:visible').getByRole('button', { name: /释\s*放/ }).hover();
    await settled(page);
    await page.screenshot({ path: join(ARTIFACTS, 'my-customers-zh-release-confirm.png') });
    await page.locator('.ant-popconfirm:visible').getByRole('button', { name: /释\s*放/ }).click();
    await expect.poll(() => page.getByText('已将“深圳市朗峰科技有限公司”释放到公海').count(), { timeout: 10_000 }).toBe(1);
    await expect.poll(() => rows(page).count(), { timeout: 10_000 }).toBe(0);
    await page.getByLabel('搜索公司名称').fill('');
    await expect.poll(() => page.getByText('共 10 个').count(), { timeout: 10_000 }).toBe(1);
    expect((await h.created.services.claims.claims.findOne({ _id: claimOf['深圳市朗峰科技有限公司']!._id }))?.status).toBe('released');
    await settled(page);
    await page.screenshot({ path: join(ARTIFACTS, 'my-customers-zh-released.png'), fullPage: true });

    // A link to one of her customers (the registration's "already yours" answer) opens My customers with it picked out.
    await page.goto(`${h.url}/my-customers?customer=${claimOf['深圳市博雅贸易有限公司']!.customerId}`);
    await expect.poll(() => page.getByLabel('搜索公司名称').inputValue()).toBe('深圳市博雅贸易有限公司');
    await expect.poll(() => rows(page).count()).toBe(1);
    expect(errors).toEqual([]);
    await context.close();
  }, 90_000);

  it('in English on a 390-pixel phone: search, expiring soon, release after confirming, nothing scrolls sideways', async () => {
    const context = await h.browser.newContext({ locale: 'en-US', viewport: { width: 390, height: 844 } });
    const page = await context.newPage();
    const errors = pageErrors(page);
    await signIn(page, 'li.na');
    await openScreen(page, 'My customers');
    await expect.poll(() => page.getByText('31 in all').count(), { timeout: 15_000 }).toBe(1);
    expect(await noSidewaysScroll(page)).toBeLessThanOrEqual(390);
    expect(await page.locator('.ant-table-tbody').innerText()).toMatch(/\d+ days left/);
    await settled(page);
    await page.screenshot({ path: join(ARTIFACTS, 'my-customers-en-phone.png'), fullPage: true });

    await page.getByRole('checkbox', { name: 'Expiring within 7 days' }).check();
    await expect.poll(() => rows(page).count()).toBe(3);
    await page.getByLabel('Search company names').fill('远航');
    await page.getByLabel('Search company names').press('Enter');
    await expect.poll(() => rows(page).count()).toBe(1);
    await rows(page).first().getByRole('button', { name: 'Release' }).click();
    await page.locator('.ant-popconfirm:visible').getByRole('button', { name: 'Release' }).click();
    await expect.poll(() => page.getByText('“深圳市远航科技有限公司” released to the pool').count(), { timeout: 10_000 }).toBe(1);
    await expect.poll(() => rows(page).count()).toBe(0);
    expect(await page.getByText('No customers match').count()).toBe(1);
    expect(await noSidewaysScroll(page)).toBeLessThanOrEqual(390);
    // The grade filter, offered as a choice where the column is hidden.
    await page.getByLabel('Search company names').fill('');
    await page.getByRole('checkbox', { name: 'Expiring within 7 days' }).uncheck();
    await expect.poll(() => page.getByText('30 in all').count()).toBe(1);
    await page.getByLabel(/^Grade$/).click();
    await page.locator('.ant-select-dropdown:visible .ant-select-item-option').filter({ hasText: /^(Grade )?B$/ }).click();
    await expect.poll(() => page.getByText('10 in all').count()).toBe(1);
    await page.locator('.ant-select-dropdown:visible').waitFor({ state: 'detached' }).catch(() => undefined);
    expect(await page.locator('.ant-table-tbody .ant-tag').filter({ hasText: /^(Grade )?[ACD]$/ }).count()).toBe(0);
    await settled(page);
    await page.screenshot({ path: join(ARTIFACTS, 'my-customers-en-phone-released.png'), fullPage: true });
    expect(errors).toEqual([]);
    await context.close();
  }, 90_000);

  it('the pool in Chinese: why and when each customer came back, its grade and region by name; a claim after confirming', async () => {
    const context = await h.browser.newContext({ locale: 'zh-CN', viewport: { width: 1280, height: 800 } });
    const page = await context.newPage();
    const errors = pageErrors(page);
    await signIn(page, 'wang.qiang');
    await openScreen(page, '公海客户');
    await expect.poll(() => page.getByText('共 6 个').count(), { timeout: 15_000 }).toBe(1);
    const table = () => page.locator('.ant-table-tbody').innerText();
    expect(await table()).toContain('保护期到期');
    expect(await table()).toContain('被主动释放');
    expect(await table()).toContain('深圳市 南山区');
    expect(await table()).toMatch(/\d{4}-\d{2}-\d{2}/);
    expect(await table()).not.toMatch(/440305|expired|released/);
    expect(await rows(page).filter({ hasText: '深圳市紫荆科技有限公司' }).innerText()).toContain('保护期到期');
    expect(await rows(page).filter({ hasText: '深圳市蓝鲸科技有限公司' }).innerText()).toContain('被主动释放');
    await settled(page);
    await page.screenshot({ path: join(ARTIFACTS, 'pool-zh-desktop.png'), fullPage: true });

    // Only those whose protection lapsed, from the reason column's filter.
    await page.locator('th').filter({ hasText: '回到公海原因' }).locator('.ant-table-filter-trigger').click();
    await page.locator('.ant-table-filter-dropdown:visible').getByText('保护期到期', { exact: true }).click();
    await page.locator('.ant-table-filter-dropdown:visible').getByRole('button', { name: /确\s*定/ }).click();
    await expect.poll(() => page.getByText('共 2 个').count(), { timeout: 10_000 }).toBe(1);
    expect(await table()).not.toContain('被主动释放');
    await page.getByLabel('搜索公司名称').fill('紫荆');
    await page.getByLabel('搜索公司名称').press('Enter');
    await expect.poll(() => rows(page).count()).toBe(1);
    await rows(page).first().getByRole('button', { name: /领\s*取/ }).click();
    await page.locator('.ant-popconfirm:visible').getByRole('button', { name: /领\s*取/ }).click();
    await expect.poll(() => page.locator('.ant-message').getByText('已领取“深圳市紫荆科技有限公司”，可在“我的客户”中查看').count(), { timeout: 10_000 }).toBe(1);
    await expect.poll(() => rows(page).count()).toBe(0);
    expect((await h.created.services.claims.holderOf(claimOf['深圳市紫荆科技有限公司']!.customerId))?.repName).toBe('王强');
    expect(errors).toEqual([]);
    await context.close();
  }, 90_000);

  it('the pool in English on a 390-pixel phone: the claim’s confirmation appears in view, fixed at the top of the screen', async () => {
    const context = await h.browser.newContext({ locale: 'en-US', viewport: { width: 390, height: 844 } });
    const page = await context.newPage();
    const errors = pageErrors(page);
    await signIn(page, 'wang.qiang');
    await openScreen(page, 'Public pool');
    await expect.poll(() => page.getByText('5 in all').count(), { timeout: 15_000 }).toBe(1);
    expect(await noSidewaysScroll(page)).toBeLessThanOrEqual(390);
    expect(await page.locator('.ant-table-tbody').innerText()).toContain('Protection expired');
    await settled(page);
    await page.screenshot({ path: join(ARTIFACTS, 'pool-en-phone.png'), fullPage: true });
    const last = rows(page).last();
    await last.scrollIntoViewIfNeeded();
    await page.evaluate('window.scrollTo(0, document.documentElement.scrollHeight)');
    const name = (await last.locator('strong').first().innerText()).trim();
    await last.getByRole('button', { name: 'Claim' }).click();
    await page.locator('.ant-popconfirm:visible').getByRole('button', { name: 'Claim' }).click();
    const notice = page.locator('.ant-message-notice').filter({ hasText: `Claimed “${name}”: it is in My customers now` });
    await expect.poll(() => notice.count(), { timeout: 10_000 }).toBe(1);
    // In view, whatever the scroll: the message is fixed at the top of the screen, not at the top of the page.
    expect(await page.evaluate("getComputedStyle(document.querySelector('.ant-message')).position")).toBe('fixed');
    // Once it has slid in.
    await expect.poll(async () => (await notice.boundingBox())?.y ?? -1, { timeout: 5_000 }).toBeGreaterThanOrEqual(0);
    const box = await notice.boundingBox();
    expect(box).not.toBeNull();
    expect(box!.y + box!.height).toBeLessThanOrEqual(844);
    expect(box!.x + box!.width).toBeLessThanOrEqual(390);
    await settled(page);
    await page.screenshot({ path: join(ARTIFACTS, 'pool-en-phone-claimed.png') });
    expect(await noSidewaysScroll(page)).toBeLessThanOrEqual(390);
    expect(errors).toEqual([]);
    await context.close();
  }, 90_000);

  it('a manager reviews an appeal with both registrations side by side in words (Chinese, desktop); the rep sees the outcome', async () => {
    // wang.qiang registers li.na's customer under another spelling, in another district, and appeals.
    const verdict = await request(h.created.app)
      .post('/api/registrations')
      .set('authorization', await token('wang.qiang'))
      .send({ industry: 'software', customer: { companyName: '深圳市星雲科技有限責任公司', region: '440305', contactName: '陈经理', phone: '+86 139-0000-2001', grade: 'B', deployment: 'hybrid', purchasePlan: { product: '客户管理系统', timeframe: '2027-Q2', budget: 300000 } } });
    expect(verdict.status, JSON.stringify(verdict.body)).toBe(409);
    const filed = await request(h.created.app).post('/api/appeals').set('authorization', await token('wang.qiang')).send({ collisionId: verdict.body.error.collisionId, reason: '我三个月前就拜访过这家公司，有拜访记录' });
    expect(filed.status).toBe(201);

    const context = await h.browser.newContext({ locale: 'zh-CN', viewport: { width: 1280, height: 800 } });
    const page = await context.newPage();
    const errors = pageErrors(page);
    await signIn(page, 'zhou.min');
    await expect.poll(() => rows(page).count(), { timeout: 15_000 }).toBe(1);
    const listed = await rows(page).first().innerText();
    for (const text of ['深圳市星云科技有限公司', '王强', '李娜（华南一组）', '我三个月前就拜访过这家公司']) expect(listed).toContain(text);
    expect(listed).toMatch(/\d{4}-\d{2}-\d{2}/);
    expect(listed).toMatch(/0\.\d\d|1\.00/);
    await settled(page);
    await page.screenshot({ path: join(ARTIFACTS, 'appeals-list-zh-desktop.png'), fullPage: true });

    await rows(page).first().getByRole('button', { name: /查\s*看/ }).click();
    const drawer = page.getByRole('dialog');
    await expect.poll(() => drawer.getByText('李娜（华南一组）登记的客户').count(), { timeout: 10_000 }).toBe(1);
    await expect.poll(() => drawer.getByText('深圳市 福田区').count(), { timeout: 10_000 }).toBeGreaterThan(0);
    const text = await drawer.innerText();
    for (const words of ['王强 提交的登记', '公司名称', '所在地区', '采购计划', '采购产品：客户管理系统；采购时间：2027-Q2；预算（元）：300000', '深圳市 南山区', '名称相似度', '登记于', '提交于', '申诉理由']) expect(text).toContain(words);
    expect(text).toMatch(/区县不同|登记表所填区县不同/);
    expect(text).not.toMatch(/companyName|purchasePlan|440305|440304|region equal|\{"/);
    await settled(page);
    // The drawer (1000 px) slid in all the way, both registrations side by side within it, nothing cut off at the right.
    await expect.poll(async () => Math.round((await page.locator('.ant-drawer-content-wrapper').boundingBox())?.x ?? -1), { timeout: 10_000 }).toBe(1280 - 1000);
    expect(await drawer.getByText('王强 提交的登记').evaluate((element) => Math.round(element.getBoundingClientRect().right))).toBeLessThanOrEqual(1280);
    expect(await page.locator('.ant-drawer-body').evaluate((body) => body.scrollWidth - body.clientWidth)).toBeLessThanOrEqual(0);
    await page.screenshot({ path: join(ARTIFACTS, 'appeal-review-zh-desktop.png'), fullPage: true });
    await drawer.getByLabel('修改说明（必填）').fill('王强的拜访记录更早');
    await drawer.getByRole('button', { name: '改判给申诉人' }).click();
    await expect.poll(() => page.getByText('已处理：改判给申诉人').count(), { timeout: 10_000 }).toBe(1);
    expect(errors).toEqual([]);
    await context.close();

    // The rep reads the outcome under My customers, and the customer is hers now.
    const repContext = await h.browser.newContext({ locale: 'zh-CN', viewport: { width: 1280, height: 800 } });
    const rep = await repContext.newPage();
    const repErrors = pageErrors(rep);
    await signIn(rep, 'wang.qiang');
    await openScreen(rep, '我的客户');
    await expect.poll(() => rep.getByText('申诉成功：客户已转给你').count(), { timeout: 15_000 }).toBe(1);
    expect(await rep.getByText('经理说明：王强的拜访记录更早').count()).toBe(1);
    await expect.poll(() => rows(rep).filter({ hasText: '深圳市星云科技有限公司' }).count()).toBe(1);
    await settled(rep);
    await rep.screenshot({ path: join(ARTIFACTS, 'appeal-outcome-zh-desktop.png'), fullPage: true });
    expect(repErrors).toEqual([]);
    await repContext.close();

    // And in English on her phone.
    const phoneContext = await h.browser.newContext({ locale: 'en-US', viewport: { width: 390, height: 844 } });
    const phone = await phoneContext.newPage();
    const phoneErrors = pageErrors(phone);
    await signIn(phone, 'wang.qiang');
    await openScreen(phone, 'My customers');
    await expect.poll(() => phone.getByText('Granted: the customer is yours now').count(), { timeout: 15_000 }).toBe(1);
    expect(await phone.getByText('Manager’s comment: 王强的拜访记录更早').count()).toBe(1);
    expect(await noSidewaysScroll(phone)).toBeLessThanOrEqual(390);
    await phone.getByText('My appeals').scrollIntoViewIfNeeded();
    await settled(phone);
    await phone.screenshot({ path: join(ARTIFACTS, 'appeal-outcome-en-phone.png'), fullPage: true });
    expect(phoneErrors).toEqual([]);
    await phoneContext.close();
  }, 120_000);
});
