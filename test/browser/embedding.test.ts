import { spawn } from 'node:child_process';
import type { ChildProcess } from 'node:child_process';
import { join } from 'node:path';
import request from 'supertest';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ARTIFACTS, chromiumPath, fillSoftwareForm, pageErrors, ROOT, startHarness } from './browserHarness.js';
import type { Harness } from './browserHarness.js';

// The example host (examples/embedding-host) embeds the registration form in its page and verifies crm-policy's webhooks.
const chromium = chromiumPath();
if (chromium.reason) console.warn(`embedding journey skipped: ${chromium.reason}`);

/** What the test reads of the browser's window (the test is compiled without DOM types). */
type BrowserWindow = { getComputedStyle(element: unknown): { backgroundColor: string } };

let h: Harness;
let host: ChildProcess | undefined;
let hostUrl = '';
let hostOutput = '';

beforeAll(async () => {
  if (!chromium.path) return;
  h = await startHarness(chromium.path);
  const team = await h.team('华南一组');
  await h.user('li.na', 'rep', [team], '李娜');
  // Below the kernel's range for port 0 and outgoing connections (32768 and up), which another file running beside this one draws from.
  const port = 20_000 + Math.floor(Math.random() * 12_000);
  hostUrl = `http://localhost:${port}`;
  // What an admin does once: a key allowed to embed from the host's origin, and a webhook to the host.
  const key = await request(h.created.app).post('/api/api-keys').set('authorization', h.admin).send({ name: 'example host', role: 'admin', origins: [hostUrl] });
  const webhook = await request(h.created.app).post('/api/webhooks').set('authorization', h.admin).send({ url: `${hostUrl}/webhooks/crm-policy`, events: ['claim.created'] });
  expect([key.status, webhook.status]).toEqual([201, 201]);
  host = spawn(process.execPath, [join(ROOT, 'examples/embedding-host/host.mjs')], {
    env: { ...process.env, PORT: String(port), CRM_POLICY_URL: h.url, CRM_POLICY_API_KEY: key.body.key, REP: 'li.na', WEBHOOK_SECRET: webhook.body.secret },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  host.stdout!.on('data', (chunk: Buffer) => (hostOutput += chunk.toString()));
  host.stderr!.on('data', (chunk: Buffer) => (hostOutput += chunk.toString()));
  for (let waited = 0; !hostOutput.includes('host page on'); waited += 100) {
    if (waited > 15_000 || host.exitCode !== null) throw new Error(`the example host did not start:\n${hostOutput}`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}, 60_000);
afterAll(async () => {
  host?.kill();
  await h?.close();
});

describe.skipIf(!chromium.path)('a host page embeds the registration form', () => {
  it('registers through the frame, hears registered and already-yours, sizes and styles the frame, and receives a verified webhook', async () => {
    const context = await h.browser.newContext({ locale: 'zh-CN' });
    const page = await context.newPage();
    const errors = pageErrors(page);
    await page.goto(hostUrl);
    const frame = page.frameLocator('#crm');
    // The host restyled the form through its CSS variables, and sized the frame to it.
    await frame.getByLabel(/公司名称/).waitFor();
    // The host's --crm-primary colours the Register button itself (not merely some primary button).
    await expect.poll(() => frame.getByRole('button', { name: /提交登记/ }).evaluate((button) => (globalThis as unknown as BrowserWindow).getComputedStyle(button).backgroundColor)).toBe('rgb(10, 125, 85)');
    // The credit code's help is shown once, in the form's language: not the template's English description beside it.
    expect(await frame.getByText('18 位，末位为校验码').count()).toBe(1);
    expect(await frame.getByText(/18 characters/).count()).toBe(0);
    const frameHeight = async () => (await page.locator('#crm').boundingBox())?.height ?? 0;
    await expect.poll(frameHeight).toBeGreaterThan(800);
    const formHeight = await frameHeight();
    await page.screenshot({ path: join(ARTIFACTS, 'embedded-form.png') });
    await frame.getByRole('button', { name: /提交登记/ }).scrollIntoViewIfNeeded();
    await page.screenshot({ path: join(ARTIFACTS, 'embedded-form-register-button.png') });
    await page.evaluate(() => (globalThis as unknown as { scrollTo(x: number, y: number): void }).scrollTo(0, 0));
    // The token never lingers in the frame's address.
    expect(page.frames().find((f) => f.url().includes('/embed/register'))?.url()).not.toContain('token');

    await fillSoftwareForm(frame, '深圳市星云数据有限公司', '+86 138-0013-8000', { chooseIndustry: false });
    await frame.getByRole('button', { name: /提交登记/ }).click();
    await expect.poll(() => page.locator('#log li').allInnerTexts()).toEqual(['registered: 深圳市星云数据有限公司']);
    // The frame shrinks to the shorter result.
    await expect.poll(frameHeight).toBeLessThan(formHeight / 2);
    await page.screenshot({ path: join(ARTIFACTS, 'embedded-form-registered.png') });

    await frame.getByRole('button', { name: /再登记一个/ }).click();
    await fillSoftwareForm(frame, '星雲數據（深圳）有限責任公司', '+86 139-0013-9000', { chooseIndustry: false });
    await frame.getByRole('button', { name: /提交登记/ }).click();
    // The same rep, the same company under another spelling: it is hers already, nothing to appeal.
    await expect.poll(() => page.locator('#log li').allInnerTexts()).toEqual(['registered: 深圳市星云数据有限公司', 'already-yours: 深圳市星云数据有限公司']);
    expect(await frame.getByText('已在你名下').count()).toBe(1);
    expect(await frame.getByRole('button', { name: /申\s*诉/ }).count()).toBe(0);

    // The claim's webhook reaches the host, which checked its signature before keeping it.
    await h.created.services.webhookDispatcher.tick();
    const received = (await (await fetch(`${hostUrl}/webhooks/received`)).json()) as Array<{ type: string; data: { customerName: string; holder: { repName: string } } }>;
    expect(received).toEqual([expect.objectContaining({ type: 'claim.created', data: expect.objectContaining({ customerName: '深圳市星云数据有限公司', holder: expect.objectContaining({ repName: '李娜' }) }) })]);
    expect(errors).toEqual([]);
    await context.close();
  }, 120_000);

  it('is not framed by another origin, and refuses a page without a valid token', async () => {
    const framing = await fetch(`${h.url}/embed/register?industry=software`);
    expect(framing.headers.get('content-security-policy')).toContain(`frame-ancestors 'self' ${hostUrl}`);
    expect((await fetch(`${h.url}/`)).headers.get('content-security-policy')).toMatch(/frame-ancestors 'self'(;|$)/);
    const page = await h.browser.newPage();
    const errors = pageErrors(page);
    await page.goto(`${h.url}/embed/register?industry=software`);
    await page.getByText('This form needs an embed token').or(page.getByText('缺少登记令牌')).waitFor();
    expect(errors).toEqual([]);
    await page.close();
  });
});
