import { join } from 'node:path';
import type { Page } from 'playwright-core';
import request from 'supertest';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { ARTIFACTS, chromiumPath, pageErrors, pick, startHarness } from './browserHarness.js';
import type { Harness } from './browserHarness.js';

// An admin changes a policy in the browser: sees the rules in words, edits one in the form, gets a mistake pointed at on its field, fixes it, reads the tests, simulates on history, publishes.
const chromium = chromiumPath();
if (chromium.reason) console.warn(`browser journeys skipped: ${chromium.reason}`);

let h: Harness;
beforeAll(async () => {
  if (!chromium.path) return;
  h = await startHarness(chromium.path);
  // History to simulate on: two Shanghai SMEs routed by the published version.
  for (const [name, region] of [['上海晨曦贸易有限公司', '310104'], ['上海远航科技有限公司', '310115']] as const) {
    const lead = await request(h.created.app).post('/api/leads').set('authorization', h.admin).send({ companyName: name, region, type: 'company', employees: 60, industry: 'retail' });
    expect(lead.status).toBe(201);
  }
}, 60_000);
afterAll(async () => {
  await h?.close();
});

/** Pastes a whole rule file into the JSON view at once, as an admin pasting from an editor would (typing 40 KB key by key takes Chromium seconds). */
async function paste(page: Page, text: string) {
  await page.getByRole('textbox', { name: 'Draft (JSON)' }).evaluate((element, value) => {
    const setter = Object.getOwnPropertyDescriptor(Object.getPrototypeOf(element), 'value')!.set!;
    setter.call(element, value);
    element.dispatchEvent(new Event('input', { bubbles: true }));
  }, text);
}

describe.skipIf(!chromium.path)('an admin changes a policy in the browser', () => {
  it('edits a rule in the form, sees the mistake on its field, fixes it, runs the tests, tries it, simulates, publishes and rolls back', async () => {
    const context = await h.browser.newContext({ locale: 'en-US' });
    const page = await context.newPage();
    const errors = pageErrors(page);
    await page.goto(h.url);
    await page.getByLabel('Username').fill('admin');
    await page.getByLabel('Password').fill('browser-admin-password');
    await page.getByRole('button', { name: 'Sign in' }).click();
    // The policy opens as a decision table; this journey edits in the form.
    await page.getByRole('tab', { name: 'Form' }).click({ timeout: 15_000 });
    await expect.poll(() => page.getByText(/Customer type = Company and Employees < 1000 → Assign: Team East China SME/).count(), { timeout: 15_000 }).toBeGreaterThan(0);

    // The rule in the form: its outcome's team changes, and a name that another rule already has is refused on the Name field.
    await page.locator('#file_version').fill('1.2.0');
    await page.getByRole('button', { name: 'Edit sme-east' }).click();
    const editor = page.getByTestId('rule-editor');
    await expect.poll(() => editor.locator('#outcome-team').inputValue(), { timeout: 10_000 }).toBe('East China SME');
    // Only the operators that fit a number are offered for Employees.
    await editor.getByLabel('Operator all.2').click();
    // The dropdown's options appear as it opens: wait for them rather than read a half-drawn list.
    const options = page.locator('.ant-select-dropdown:visible .ant-select-item-option');
    await expect.poll(async () => (await options.allInnerTexts()).some((text) => text.includes('≥')), { timeout: 10_000 }).toBe(true);
    expect((await options.allInnerTexts()).some((text) => text.includes('lies within'))).toBe(false);
    await page.keyboard.press('Escape');
    await editor.locator('#outcome-team').fill('East China Inside');
    await editor.locator('#root_name').fill('sme-south');
    await editor.getByRole('button', { name: 'Apply to draft' }).click();
    await page.getByLabel('Why (required)').fill('East China SMEs to the inside-sales team');
    await page.getByRole('button', { name: 'Save draft' }).click();
    const index = 34;
    await expect.poll(() => page.getByTestId('draft-problems').innerText(), { timeout: 10_000 }).toContain(`Rule sme-south › Name`);
    expect(await page.getByTestId('draft-problems').innerText()).not.toContain(`/file/rules/${index}`);
    // The editor opens on that rule with the problem under its Name field.
    const nameError = editor.locator('.ant-form-item-has-error').filter({ has: page.locator('#root_name') }).locator('.ant-form-item-explain-error');
    await expect.poll(() => nameError.innerText(), { timeout: 10_000 }).toMatch(/sme-south/);
    // Only there: no other field of the rule is marked.
    expect(await editor.locator('.ant-form-item-explain-error').count()).toBe(1);
    await editor.screenshot({ path: join(ARTIFACTS, 'rules-invalid.png') });

    await editor.locator('#root_name').fill('sme-east');
    await editor.getByRole('button', { name: 'Apply to draft' }).click();
    expect(await page.getByTestId('rule-editor').count()).toBe(0);
    await page.getByRole('button', { name: 'Save draft' }).click();
    // The draft's own tests run on save: the one that expected the old team fails, by name.
    const tests = page.getByTestId('tests-panel');
    await expect.poll(() => tests.innerText(), { timeout: 10_000 }).toMatch(/\d+ passed, 1 failing/);
    expect(await tests.getByRole('row').filter({ hasText: 'An SME in East China goes to East China SME' }).innerText()).toMatch(/Fails[\s\S]*Team East China Inside/);

    // The JSON view shows what the form wrote; the test's expectation is updated there, and the form follows.
    await page.getByRole('tab', { name: 'JSON' }).click();
    const draft = JSON.parse(await page.getByRole('textbox', { name: 'Draft (JSON)' }).inputValue());
    expect(draft.rules[index].event.params.team).toBe('East China Inside');
    expect(draft.version).toBe('1.2.0');
    for (const test of draft.tests) if (test.expect.outcome?.params?.team === 'East China SME') test.expect.outcome.params.team = 'East China Inside';
    await paste(page, JSON.stringify(draft, null, 2));
    await page.getByRole('tab', { name: 'Form' }).click();
    await page.getByRole('button', { name: 'Save draft' }).click();
    await expect.poll(() => tests.innerText(), { timeout: 10_000 }).toMatch(/\d+ passed, 0 failing/);
    expect(await page.getByText('assignment 1.2.0').count()).toBeGreaterThan(0);

    // Try the draft on one set of facts: the decision, condition by condition.
    // The facts in a form generated from the policy's declarations, choices by name; it starts from the first test's facts.
    const tryIt = page.getByTestId('try-it');
    await tryIt.getByRole('button', { name: /Try it/ }).click();
    await tryIt.locator('#try_customer_regionCode').fill('310104');
    await pick(page, /^Customer type/, 'Company');
    await tryIt.locator('#try_customer_employees').fill('60');
    await pick(page, /^Industry/, 'Retail');
    await tryIt.getByRole('button', { name: 'Run' }).click();
    await expect.poll(() => page.getByTestId('try-answer').innerText(), { timeout: 10_000 }).toContain('East China Inside');
    expect(await page.getByTestId('try-answer').innerText()).toContain('sme-east');
    await page.getByRole('button', { name: 'Compare with published' }).click();
    await expect.poll(() => page.getByText('Added: —; removed: —; changed: sme-east').count(), { timeout: 10_000 }).toBe(1);

    // Two simulations running already (their history held back): a third is refused, and the screen says why.
    let open!: () => void;
    const gate = new Promise<void>((resolve) => (open = resolve));
    const decisions = h.created.services.decisionLog.decisions;
    const read = decisions.findJson.bind(decisions);
    const held = vi.spyOn(decisions, 'findJson').mockImplementation(async (filter, options) => {
      await gate;
      return read(filter, options);
    });
    for (let i = 0; i < 2; i += 1) expect((await request(h.created.app).post('/api/policies/assignment/simulate').set('authorization', h.admin).send({})).status).toBe(202);
    await page.getByRole('button', { name: 'Simulate on history' }).click();
    await expect.poll(() => page.getByText('2 simulations are running: try again when one of them is over (a cancelled one stops within moments)').count(), { timeout: 10_000 }).toBe(1);
    // Shown above the policy, and brought into view: the button that asked is far below it.
    const inView = async () => {
      const top = (await page.getByTestId('simulation-view').boundingBox())?.y ?? -1;
      return top >= 0 && top < page.viewportSize()!.height;
    };
    await expect.poll(inView).toBe(true);
    await page.screenshot({ path: join(ARTIFACTS, 'rules-simulations-busy.png') });
    // The browser logs the refusal's 503 as an error: that one is expected here, and only that one.
    const refused = errors.filter((error) => error.includes('status of 503') && error.includes('/api/policies/assignment/simulate'));
    expect(refused).toHaveLength(1);
    errors.splice(errors.indexOf(refused[0]!), 1);
    held.mockRestore();
    open();
    await h.created.services.simulations.idle();

    await page.getByRole('button', { name: 'Simulate on history' }).click();
    await expect.poll(() => page.getByText('2 of 2 past decisions change').count(), { timeout: 15_000 }).toBe(1);
    expect(await page.getByRole('cell', { name: 'Assign East China Inside' }).count()).toBe(1);
    await expect.poll(inView).toBe(true);
    // Not a full-page screenshot: it resizes the window, and the shell mounts the screen afresh.
    await page.screenshot({ path: join(ARTIFACTS, 'rules-simulated.png') });

    await page.getByTestId('lifecycle-bar').getByRole('button', { name: 'Publish', exact: true }).click();
    await page.locator('.ant-modal-confirm').getByRole('button', { name: 'Publish' }).click();
    await expect.poll(() => page.getByText('Published version 1.2.0').count(), { timeout: 10_000 }).toBe(1);
    expect(h.created.services.livePolicies.current('assignment').policy.ruleFile.version).toBe('1.2.0');
    await page.screenshot({ path: join(ARTIFACTS, 'rules-published.png') });

    // And back, asked first: a new version with the earlier version's rules is published.
    await page.getByRole('button', { name: 'Roll back to this 1.1.0' }).click();
    await page.locator('.ant-modal:visible').getByLabel('Why roll back (required)').fill('The inside-sales team starts next month');
    await page.locator('.ant-modal:visible').getByRole('button', { name: 'Roll back to this' }).click();
    await expect.poll(() => h.created.services.livePolicies.current('assignment').policy.ruleFile.version, { timeout: 10_000 }).toBe('1.2.1');
    expect(h.created.services.livePolicies.current('assignment').policy.ruleFile.rules.find((rule) => rule.name === 'sme-east')?.event.params?.['team']).toBe('East China SME');
    expect(errors).toEqual([]);
    await context.close();
  }, 90_000);
});
