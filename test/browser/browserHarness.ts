import { existsSync, mkdirSync, mkdtempSync } from 'node:fs';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium } from 'playwright-core';
import type { Browser, FrameLocator, Page } from 'playwright-core';
import { expect } from 'vitest';
import request from 'supertest';
import { createApp, EmbeddedStore, loadPolicies, loadTemplates, memoryLogger } from '@crm-policy/server';
import type { CreatedApp, Store } from '@crm-policy/server';

export const ROOT = fileURLToPath(new URL('../../', import.meta.url));
const UI = join(ROOT, 'packages/admin-ui/dist');
/** Screenshots of each journey, kept as test artifacts. */
export const ARTIFACTS = join(ROOT, 'test-artifacts/browser');

/** A system Chromium (CHROMIUM_PATH, or Debian's), or why the browser suite cannot run. */
export function chromiumPath(): { path?: string; reason?: string } {
  const candidates = [process.env['CHROMIUM_PATH'], '/usr/bin/chromium', '/usr/bin/chromium-browser'].filter((p): p is string => Boolean(p));
  const path = candidates.find((candidate) => existsSync(candidate));
  if (!path) return { reason: 'no Chromium found (set CHROMIUM_PATH, or apt-get install -y chromium): the browser journeys are skipped' };
  if (!existsSync(join(UI, 'index.html'))) return { reason: 'the web app is not built (npm run build): the browser journeys are skipped' };
  return { path };
}

export interface Harness {
  url: string;
  browser: Browser;
  created: CreatedApp;
  admin: ReturnType<typeof request.agent> extends never ? never : string;
  /** Creates a user whose password is `<username>-password`; answers their id. */
  user(username: string, role: 'rep' | 'manager', teams: string[], displayName: string): Promise<string>;
  team(name: string): Promise<string>;
  close(): Promise<void>;
}

/** A real server on the embedded store serving the built web app, and a headless Chromium. */
export async function startHarness(executablePath: string): Promise<Harness> {
  mkdirSync(ARTIFACTS, { recursive: true });
  const store: Store = await EmbeddedStore.open(mkdtempSync(join(tmpdir(), 'crm-policy-browser-')));
  const created = await createApp({
    store,
    policies: await loadPolicies(join(ROOT, 'rules')),
    templates: loadTemplates(join(ROOT, 'schemas/templates')),
    logger: memoryLogger(),
    // The example host receives webhooks on localhost: allow-listed, as an operator allows an on-premise receiver.
    config: { tokenSecret: 'a-browser-test-secret-that-is-long-enough', adminPassword: 'browser-admin-password', uiDir: UI, outbound: { allow: ['127.0.0.0/8', '::1'] } },
  });
  const server = await new Promise<ReturnType<CreatedApp['app']['listen']>>((resolve) => {
    const listening = created.app.listen(0, '127.0.0.1', () => resolve(listening));
  });
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  const login = await request(created.app).post('/api/auth/login').send({ username: 'admin', password: 'browser-admin-password' });
  const admin = `Bearer ${login.body.token as string}`;
  const browser = await chromium.launch({
    executablePath,
    headless: true,
    args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run'],
  });
  return {
    url,
    browser,
    created,
    admin,
    async team(name) {
      return (await request(created.app).post('/api/teams').set('authorization', admin).send({ name })).body._id as string;
    },
    async user(username, role, teams, displayName) {
      const made = await request(created.app).post('/api/users').set('authorization', admin).send({ username, password: `${username}-password`, displayName, role, teams });
      if (made.status !== 201) throw new Error(JSON.stringify(made.body));
      return made.body._id as string;
    },
    async close() {
      await browser.close();
      await new Promise((resolve) => server.close(resolve));
      await store.close();
    },
  };
}

/** Where a form is: a page, or a frame inside one (the embedded form). */
type FormRoot = Page | FrameLocator;

/** Fills the software industry's registration form: industry (unless the form has one already), name, region by cascader, contact, phone, grade, deployment. */
export async function fillSoftwareForm(root: FormRoot, companyName: string, phone: string, options: { chooseIndustry?: boolean } = {}) {
  if (options.chooseIndustry !== false) {
    await root.getByLabel(/行业|Industry/).click();
    await root.getByTitle(/软件|Software/).first().click();
  }
  await root.getByLabel(/公司名称|Company name/).fill(companyName);
  // The region cascader (once the division list has arrived): typing a district's name offers its full path.
  await root.locator('.rjsf .ant-cascader').waitFor();
  await root.getByLabel(/所在地区|Region/).fill('南山');
  await root.getByText(/^(广东省 \/ 深圳市 \/ 南山区|Guangdong \/ Shenzhen \/ Nanshan District)$/).click();
  await root.locator('.ant-cascader-dropdown:visible').waitFor({ state: 'detached' }).catch(() => undefined);
  await root.getByLabel(/关键联系人|Key person/).fill('张总');
  await root.getByLabel(/联系电话|Phone/).fill(phone);
  // Choices by their display names, in either language (the template's `choices`), never their codes.
  await pick(root, /客户等级|Grade/, /^(C 级|Grade C)$/);
  await pick(root, /部署方式|Deployment/, /^(SaaS 云服务|SaaS \(cloud\))$/);
}

/**
 * Chooses an option of a select by its display name, from the dropdown that select opened, and checks it took.
 * A click that lands while antd's dropdown is still sliding in can be lost (the list stays open, nothing chosen):
 * the option is then clicked again, up to three times, before the check fails.
 */
export async function pick(root: FormRoot, label: RegExp, option: string | RegExp) {
  const select = root.getByLabel(label);
  const shown = () => root.locator('.ant-select').filter({ has: select }).innerText();
  const expected = typeof option === 'string' ? option : new RegExp(option.source.replace(/^\^|\$$/g, ''));
  const took = async () => (typeof expected === 'string' ? (await shown()).includes(expected) : expected.test(await shown()));
  await select.click();
  const item = root.locator('.ant-select-dropdown:visible').getByTitle(option, typeof option === 'string' ? { exact: true } : {});
  for (let attempt = 0; attempt < 3; attempt += 1) {
    await item.click();
    const chosen = await expect.poll(took, { timeout: 2_000 }).toBe(true).then(() => true, () => false);
    if (chosen) return;
    if ((await item.count()) === 0) await select.click();
  }
  if (typeof expected === 'string') await expect.poll(shown).toContain(expected);
  else await expect.poll(shown).toMatch(expected);
}

/** Chromium's console line for a request answered 4xx: the API refusing bad input or saying "not found", which the app shows in words. */
const CLIENT_ERROR_ANSWER = /^Failed to load resource: the server responded with a status of 4\d\d\b/;

/**
 * Collects a page's console errors and uncaught page errors as they happen. A journey
 * ends with `expect(errors).toEqual([])`: any console error or page error fails it.
 * Chromium also logs every request answered with an error status: a 5xx or a failed
 * request counts, a 4xx does not (it is the API's answer to bad input, which the app
 * handles; a journey checks what the user is shown instead).
 */
export function pageErrors(page: Page): string[] {
  const errors: string[] = [];
  page.on('console', (message) => {
    if (message.type() !== 'error' || CLIENT_ERROR_ANSWER.test(message.text())) return;
    // A failed request's message names no address: its location does.
    errors.push(`console: ${message.text()}${message.text().startsWith('Failed to load resource') ? ` (${message.location().url})` : ''}`);
  });
  page.on('pageerror', (error) => errors.push(`page: ${error.message}`));
  return errors;
}

/**
 * Opens a screen from the navigation: the side menu on a desktop, or on a phone
 * the menu drawer that the top bar's button opens (it closes on the choice).
 */
export async function openScreen(page: Page, name: string | RegExp) {
  const menuButton = page.getByRole('button', { name: /打开菜单|Open the menu/ });
  const navigation = page.getByRole('navigation', { name: /^(导航|Navigation)$/ });
  // The shell first: a phone's menu button or the desktop's side menu, whichever this screen draws.
  await menuButton.or(navigation).first().waitFor();
  if (await menuButton.isVisible()) await menuButton.click();
  await navigation.getByRole('menuitem', { name, exact: typeof name === 'string' }).click();
}
