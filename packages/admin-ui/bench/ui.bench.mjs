/* global window, document */
// The web app as a rep gets it: the cold time to an interactive sign-in form and the bytes sent
// for it, the bytes of the first load up to the registration screen (as sent, and gzipped for the
// size limit), and the time to render the registration form of a 60-field template against a
// shipped template measured in the same run.
// Needs the built app (npm run build) and a Chromium (CHROMIUM_PATH, or Debian's /usr/bin/chromium).
import { existsSync, readFileSync } from 'node:fs';
import { loadavg } from 'node:os';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { chromium } from 'playwright-core';
import { openBenchApp, ROOT } from '../../server/bench/benchApp.mjs';

const UI = join(ROOT, 'packages/admin-ui/dist');
const executablePath = [process.env.CHROMIUM_PATH, '/usr/bin/chromium', '/usr/bin/chromium-browser'].find((path) => path && existsSync(path));
if (!executablePath) throw new Error('no Chromium: set CHROMIUM_PATH or apt-get install -y chromium');
if (!existsSync(join(UI, 'index.html'))) throw new Error('the web app is not built: npm run build');
const ROUNDS = Number(process.env.ROUNDS ?? 7);
const FIELDS = 60;

/** The software template grown to 60 fields of the kinds templates use. */
function sixtyFields() {
  const base = JSON.parse(readFileSync(join(ROOT, 'schemas/templates/software.json'), 'utf8'));
  const shapes = [
    { type: 'string', maxLength: 100 },
    { type: 'integer', minimum: 0 },
    { type: 'string', enum: ['低', '中', '高'] },
    { type: 'string', format: 'date' },
    { type: 'boolean' },
    { type: 'number', minimum: 0 },
  ];
  const order = [...base.uiSchema['ui:order']];
  for (let i = 0; order.length + 3 < FIELDS; i += 1) {
    const name = `extra${i}`;
    base.schema.properties[name] = { ...shapes[i % shapes.length], title: `Extra ${i}` };
    base.labels.zh[name] = `附加字段 ${i}`;
    base.labels.en[name] = `Extra ${i}`;
    order.splice(order.length - 1, 0, name);
  }
  base.uiSchema['ui:order'] = order;
  return base;
}

const app = await openBenchApp('ui', { uiDir: UI });
const server = await new Promise((resolve) => {
  const listening = app.app.listen(0, '127.0.0.1', () => resolve(listening));
});
const url = `http://127.0.0.1:${server.address().port}`;
const call = async (method, path, body, token) => {
  const response = await fetch(url + path, { method, headers: { 'content-type': 'application/json', ...(token ? { authorization: `Bearer ${token}` } : {}) }, ...(body ? { body: JSON.stringify(body) } : {}) });
  const answer = await response.json();
  if (!response.ok) throw new Error(`${method} ${path}: ${JSON.stringify(answer)}`);
  return answer;
};
const admin = (await call('POST', '/api/auth/login', { username: 'admin', password: 'bench-admin-password' })).token;
const template = sixtyFields();
await call('PUT', '/api/templates/bench-sixty', { title: { zh: '六十字段', en: 'Sixty fields' }, schema: template.schema, uiSchema: template.uiSchema, labels: template.labels }, admin);
const team = await call('POST', '/api/teams', { name: 'Bench' }, admin);
await call('POST', '/api/users', { username: 'bench.rep', password: 'bench.rep-password', displayName: 'Bench Rep', role: 'rep', teams: [team._id] }, admin);

const loadBefore = loadavg();
const browser = await chromium.launch({ executablePath, headless: true, args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run'] });
/** Network conditions a cold load is timed under besides loopback: an office line (Chrome DevTools' numbers are per second). */
const OFFICE = { name: 'office line, 20 Mbit/s down, 40 ms round trip', latency: 40, downloadThroughput: (20 * 1024 * 1024) / 8, uploadThroughput: (5 * 1024 * 1024) / 8 };

/**
 * One cold visit (a new browser profile: empty cache) up to the sign-in form being usable: its
 * fields on screen and typing into them taking effect. Answers the time from the navigation's start
 * and the bytes the browser had received by then (bodies as sent, compressed, and headers).
 */
async function coldSignIn(network) {
  const context = await browser.newContext({ locale: 'en-US' });
  const page = await context.newPage();
  if (network) {
    const cdp = await context.newCDPSession(page);
    await cdp.send('Network.enable');
    await cdp.send('Network.emulateNetworkConditions', { offline: false, latency: network.latency, downloadThroughput: network.downloadThroughput, uploadThroughput: network.uploadThroughput });
  }
  const responses = [];
  // A request still being measured when the context closes counts nothing (it came after the form).
  page.on('requestfinished', (request) => responses.push(request.sizes().then((sizes) => sizes.responseBodySize + sizes.responseHeadersSize, () => 0)));
  await page.goto(url, { waitUntil: 'commit' });
  const handle = await page.waitForFunction(
    () => {
      const field = document.querySelector('input#username');
      return field && !field.disabled && field.getBoundingClientRect().height > 0 ? performance.now() : false;
    },
    undefined,
    { polling: 'raf', timeout: 60_000 },
  );
  const ms = await handle.jsonValue();
  // What had arrived when the form was usable; the registration screen fetched behind it comes after.
  const arrived = responses.slice();
  await page.getByLabel('Username').fill('bench.rep');
  if ((await page.getByLabel('Username').inputValue()) !== 'bench.rep') throw new Error('the sign-in form did not take typing');
  const bytes = (await Promise.all(arrived)).reduce((sum, n) => sum + n, 0);
  await context.close();
  return { ms, bytes };
}

const cold = { loopback: [], office: [] };
for (let round = 0; round < ROUNDS; round += 1) {
  cold.loopback.push(await coldSignIn());
  cold.office.push(await coldSignIn(OFFICE));
}

const page = await (await browser.newContext({ locale: 'en-US' })).newPage();

// The first load: every script, style and page the rep's browser fetches up to the registration
// screen, as the server sent it (bytes received) and gzipped at the default level (the size limit's measure).
const assets = [];
page.on('response', async (response) => {
  const type = response.request().resourceType();
  if (!['document', 'script', 'stylesheet'].includes(type)) return;
  const body = await response.body();
  const sizes = await response.request().sizes();
  assets.push({ url: response.url(), gzip: gzipSync(body).length, sent: sizes.responseBodySize, encoding: (await response.allHeaders())['content-encoding'] ?? 'none' });
});
await page.goto(url);
await page.getByLabel('Username').fill('bench.rep');
await page.getByLabel('Password').fill('bench.rep-password');
await page.getByRole('button', { name: 'Sign in' }).click();
await page.getByLabel('Industry').waitFor();
await page.waitForLoadState('networkidle');
const firstLoad = assets.reduce((sum, asset) => sum + asset.gzip, 0);
const firstLoadSent = assets.reduce((sum, asset) => sum + asset.sent, 0);

/** Picks an industry and times, in the page, from the click to the form's last field on screen. */
async function renderTime(title, fields) {
  await page.getByLabel('Industry').click();
  const option = page.locator('.ant-select-dropdown:visible').getByTitle(title, { exact: true });
  await option.waitFor();
  await page.evaluate(() => {
    window.benchStart = performance.now();
  });
  await option.click();
  const handle = await page.waitForFunction(
    (count) => (document.querySelectorAll('.rjsf .ant-form-item').length >= count ? performance.now() - window.benchStart : false),
    fields,
    { polling: 'raf', timeout: 30_000 },
  );
  return handle.jsonValue();
}
const fieldCount = async () => page.locator('.rjsf .ant-form-item').count();

const median = (values) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)];
const shipped = [];
const sixty = [];
let shippedFields = 0;
let sixtyItems = 0;
for (let round = 0; round < ROUNDS; round += 1) {
  shipped.push(await renderTime('Software & high-tech', 10));
  shippedFields = await fieldCount();
  sixty.push(await renderTime('Sixty fields', FIELDS));
  sixtyItems = await fieldCount();
}
await browser.close();
await new Promise((resolve) => server.close(resolve));
await app.close();

const loadAfter = loadavg();
const kb = (bytes) => `${(bytes / 1024).toFixed(1)} KB`;
const medianOf = (runs, field) => median(runs.map((run) => run[field]));
const AIM_MS = 1500;
console.log(`load average (1, 5, 15 min) before: ${loadBefore.map((n) => n.toFixed(2)).join(', ')}; after: ${loadAfter.map((n) => n.toFixed(2)).join(', ')} (other people's work shares these cores: times are upper bounds)`);
console.log(`cold sign-in form, fresh profile each time, median of ${ROUNDS}, navigation start to a form that takes typing (aim <= ${AIM_MS} ms):`);
for (const [name, label] of [['loopback', 'loopback'], ['office', OFFICE.name]]) {
  const ms = medianOf(cold[name], 'ms');
  console.log(`  ${label}: ${ms.toFixed(0)} ms (${ms <= AIM_MS ? 'within' : 'over'} the aim), ${kb(medianOf(cold[name], 'bytes'))} received`);
}
console.log(`rep's first load (login, then the registration screen): ${kb(firstLoadSent)} received in ${assets.length} files; ${kb(firstLoad)} when gzipped at the default level (limit 500 KB)`);
for (const asset of assets.sort((a, b) => b.gzip - a.gzip)) console.log(`  ${kb(asset.sent).padStart(9)} sent (${asset.encoding.padEnd(4)}) ${kb(asset.gzip).padStart(9)} gzip  ${asset.url.replace(url, '')}`);
console.log(`registration form render, median of ${ROUNDS}, click to last field on screen:`);
console.log(`  shipped software template (${shippedFields} form items): ${median(shipped).toFixed(1)} ms`);
console.log(`  60-field template (${sixtyItems} form items):          ${median(sixty).toFixed(1)} ms`);
console.log(`  ratio 60-field / shipped: ${(median(sixty) / median(shipped)).toFixed(2)}`);
