import { join } from 'node:path';
import type { Page } from 'playwright-core';
import request from 'supertest';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ARTIFACTS, chromiumPath, openScreen, pageErrors, startHarness } from './browserHarness.js';
import type { Harness } from './browserHarness.js';

// The admin's and the manager's other screens in a real browser: the template editor, the dashboards, the review queues and a reassignment.
const chromium = chromiumPath();
if (chromium.reason) console.warn(`browser journeys skipped: ${chromium.reason}`);

let h: Harness;
let leaving: string;
beforeAll(async () => {
  if (!chromium.path) return;
  h = await startHarness(chromium.path);
  const api = () => request(h.created.app);
  // A Shenzhen team with two inside reps and a field rep; large Shenzhen companies are routed to it.
  const team = await h.team('Shenzhen City');
  const members = [await h.user('sz.a', 'rep', [team], '深圳甲'), await h.user('sz.b', 'rep', [team], '深圳乙'), await h.user('sz.c', 'rep', [team], '深圳丙')];
  leaving = members[0]!;
  await h.user('sz.boss', 'manager', [team], '深圳经理');
  expect((await api().put(`/api/teams/${team}/territories`).set('authorization', h.admin).send({ territories: [{ regions: ['4403'] }] })).status).toBe(200);
  const roles = ['inside', 'inside', 'field'];
  expect((await api().put(`/api/teams/${team}/members`).set('authorization', h.admin).send({ members: members.map((userId, i) => ({ userId, role: roles[i], capacity: 100, available: true })) })).status).toBe(200);
  for (const name of ['深圳市甲乙科技有限公司', '深圳市丙丁电子有限公司', '深圳市戊己软件有限公司', '深圳市庚辛数据有限公司']) {
    expect((await api().post('/api/leads').set('authorization', h.admin).send({ companyName: name, region: '440305', type: 'company', employees: 2000, industry: 'technology' })).status).toBe(201);
  }
  // Nobody covers Ürümqi: this lead waits in the review queue.
  expect((await api().post('/api/leads').set('authorization', h.admin).send({ companyName: '乌鲁木齐天山商贸有限公司', region: '650102', type: 'company', employees: 2000, industry: 'retail' })).status).toBe(201);
}, 60_000);
afterAll(async () => {
  await h?.close();
});

async function signIn(page: Page, username: string, password: string) {
  await page.goto(h.url);
  await page.getByLabel('Username').fill(username);
  await page.getByLabel('Password').fill(password);
  await page.getByRole('button', { name: 'Sign in' }).click();
}

describe.skipIf(!chromium.path)('admins and managers at work in the browser', () => {
  it('an admin adds a required field to an industry template, sees it in the preview, and saves a new version; then reads the dashboards', async () => {
    const context = await h.browser.newContext({ locale: 'en-US', viewport: { width: 1360, height: 900 } });
    const page = await context.newPage();
    const errors = pageErrors(page);
    await signIn(page, 'admin', 'browser-admin-password');
    await openScreen(page, 'Templates');
    await page.getByLabel('Industry', { exact: true }).click();
    await page.getByTitle('Software & high-tech').click();
    await page.getByRole('button', { name: 'Add a field' }).click();
    const rows = await page.getByLabel(/^Field name \d+$/).count();
    await page.getByLabel(`Field name ${rows}`).fill('fleetSize');
    await page.getByLabel('Chinese label fleetSize').fill('车队规模');
    await page.getByLabel('English label fleetSize').fill('Fleet size');
    await page.getByLabel('Type fleetSize').click();
    await page.locator('.ant-select-dropdown:visible').getByTitle('Whole number').click();
    await page.getByLabel('Required fleetSize').check();
    const preview = page.getByTestId('template-preview');
    await expect.poll(() => preview.getByText('Fleet size').count(), { timeout: 10_000 }).toBe(1);
    await page.screenshot({ path: join(ARTIFACTS, 'template-editor.png'), fullPage: true });
    await page.getByRole('button', { name: 'Save as a new version' }).click();
    await expect.poll(() => page.getByText('Saved as version 2').count(), { timeout: 10_000 }).toBe(1);
    const saved = await request(h.created.app).get('/api/templates/software').set('authorization', h.admin);
    expect(saved.body.version).toBe(2);
    expect(saved.body.schema.required).toContain('fleetSize');
    expect(saved.body.schema.properties.fleetSize).toEqual({ type: 'integer', title: 'Fleet size' });
    expect(saved.body.labels.zh.fleetSize).toBe('车队规模');

    await openScreen(page, 'Dashboard');
    const dashboard = page.getByTestId('dashboard');
    await expect.poll(() => dashboard.locator('canvas').count(), { timeout: 15_000 }).toBeGreaterThanOrEqual(7);
    expect(await dashboard.locator('.ant-statistic').first().innerText()).toContain('5');
    await page.screenshot({ path: join(ARTIFACTS, 'dashboard.png'), fullPage: true });
    expect(errors).toEqual([]);
    await context.close();
  }, 90_000);

  it('a manager finds the lead nobody could take in the review queue, and moves a leaving rep’s book after reading the impact', async () => {
    const context = await h.browser.newContext({ locale: 'en-US', viewport: { width: 1360, height: 900 } });
    const page = await context.newPage();
    const errors = pageErrors(page);
    await signIn(page, 'sz.boss', 'sz.boss-password');
    await openScreen(page, 'Review queues');
    await page.getByRole('tab', { name: 'Unassigned leads' }).click();
    await expect.poll(() => page.getByRole('cell', { name: '乌鲁木齐天山商贸有限公司' }).count(), { timeout: 10_000 }).toBe(1);
    await page.screenshot({ path: join(ARTIFACTS, 'queue-unassigned.png'), fullPage: true });

    const held = await h.created.services.claims.claims.countDocuments({ status: 'active', ownerIds: leaving });
    expect(held).toBeGreaterThan(0);
    await openScreen(page, 'Reassignment');
    await page.getByText('A rep’s whole book').click();
    await page.getByLabel('Rep', { exact: true }).click();
    await page.getByTitle('深圳甲').click();
    await page.getByRole('button', { name: 'Propose and see the impact' }).click();
    const impact = page.getByTestId('impact-report');
    await expect.poll(() => impact.innerText(), { timeout: 10_000 }).toContain(`Impact: ${held} customers`);
    await page.screenshot({ path: join(ARTIFACTS, 'reassignment-impact.png'), fullPage: true });
    // The proposer never decides: the page says who does (no other manager of the team: an admin), and offers no approval.
    await page.getByText('Submitted: waiting for an admin to decide').waitFor();
    expect(await page.getByRole('button', { name: 'Approve' }).count()).toBe(0);
    await page.screenshot({ path: join(ARTIFACTS, 'reassignment-awaiting.png'), fullPage: true });
    expect(errors).toEqual([]);
    await context.close();

    // An admin finds the proposal in the list, reads the impact and approves it.
    const adminContext = await h.browser.newContext({ locale: 'en-US', viewport: { width: 1360, height: 900 } });
    const adminPage = await adminContext.newPage();
    const adminPageErrors = pageErrors(adminPage);
    await signIn(adminPage, 'admin', 'browser-admin-password');
    await openScreen(adminPage, 'Reassignment');
    await adminPage.getByRole('button', { name: 'Review' }).first().click();
    await expect.poll(() => adminPage.getByTestId('impact-report').innerText(), { timeout: 10_000 }).toContain(`Impact: ${held} customers`);
    const reassignment = adminPage.getByRole('region', { name: 'Reassignment' });
    await reassignment.getByLabel('Why (required)').fill('深圳甲 leaves the team');
    await reassignment.getByRole('button', { name: 'Approve' }).click();
    await expect.poll(() => adminPage.getByText(`Done: all ${held} customers moved to their new owners`).count(), { timeout: 10_000 }).toBe(1);
    expect(await adminPage.getByTestId('proposal-result').innerText()).toMatch(/Moved to 深圳.、深圳. \(Shenzhen City\)/);
    expect(await h.created.services.claims.claims.countDocuments({ status: 'active', ownerIds: leaving })).toBe(0);
    expect(adminPageErrors).toEqual([]);
    await adminContext.close();
  }, 90_000);

  it('an admin creates an API key for an integrator, sees it once, narrows its scope, and revokes it', async () => {
    const context = await h.browser.newContext({ locale: 'en-US', viewport: { width: 1360, height: 900 } });
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
    await dialog.locator('.ant-select-selection-item-remove').click();
    await dialog.getByLabel('Embed origins').fill('https://crm.example.com');
    await dialog.getByLabel('Embed origins').press('Enter');
    await dialog.getByRole('button', { name: 'Save' }).click();
    // Shown once: it works, and the list shows only its scope.
    const key = (await page.getByLabel('Key (shown once)').innerText()).trim();
    expect(key).toMatch(/^[0-9a-f-]{36}\.[\w-]{43}$/);
    expect((await request(h.created.app).get('/api/me').set('x-api-key', key)).body).toMatchObject({ kind: 'api-key', role: 'admin' });
    const row = page.getByRole('row', { name: /Low-code portal/ });
    await expect.poll(() => row.innerText()).toContain('https://crm.example.com');
    await page.locator('.ant-modal-wrap').waitFor({ state: 'hidden' });
    await page.screenshot({ path: join(ARTIFACTS, 'api-keys.png') });

    await row.getByRole('button', { name: 'Edit scope' }).click();
    await dialog.getByLabel('Role').click();
    await page.locator('.ant-select-dropdown:visible').getByTitle('Finance', { exact: true }).click();
    await dialog.getByRole('button', { name: 'Save' }).click();
    await expect.poll(async () => (await request(h.created.app).get('/api/me').set('x-api-key', key)).body.role).toBe('finance');

    await row.getByRole('button', { name: 'Revoke' }).click();
    await page.getByRole('tooltip').getByRole('button', { name: 'Revoke' }).click();
    await expect.poll(() => row.innerText()).toContain('Revoked');
    expect((await request(h.created.app).get('/api/me').set('x-api-key', key)).status).toBe(401);
    expect(errors).toEqual([]);
    await context.close();
  }, 120_000);
});
