import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createTestApp, softwareCustomer } from '../testApp.js';
import type { TestApp } from '../testApp.js';

// A new template field is labelled in both languages; a new version shows which registrations in progress it does not fit, and breaks none of them.
let t: TestApp;
let rep: { id: string; auth: string };

beforeEach(async () => {
  t = await createTestApp();
  rep = await t.user('li.na', 'rep', [await t.team('South Enterprise')], '李娜');
});
afterEach(async () => {
  await t.store.close();
});

async function current() {
  return (await t.http.get('/api/templates/software').set('authorization', t.admin)).body;
}

/** The current software template with a required choice field `fleet` added, labelled as given. */
async function withFleet(labels: { zh?: string; en?: string }) {
  const now = await current();
  return {
    title: now.title,
    uiSchema: now.uiSchema,
    schema: { ...now.schema, required: [...now.schema.required, 'fleet'], properties: { ...now.schema.properties, fleet: { type: 'string', title: 'Fleet', enum: ['small', 'large'] } } },
    labels: { zh: { ...now.labels.zh, ...(labels.zh ? { fleet: labels.zh } : {}) }, en: { ...now.labels.en, ...(labels.en ? { fleet: labels.en } : {}) } },
    choices: { zh: { ...now.choices.zh, fleet: { small: '小型', large: '大型' } }, en: { ...now.choices.en, fleet: { small: 'Small', large: 'Large' } } },
  };
}

describe('a template field’s labels', () => {
  it('are required in both languages: a field without its English label is refused at that label, nothing saved', async () => {
    const response = await t.http.put('/api/templates/software').set('authorization', t.admin).send(await withFleet({ zh: '车队' }));
    expect(response.status).toBe(422);
    expect(response.body.error.details).toEqual([expect.objectContaining({ path: '/labels/en/fleet', code: 'label-missing' })]);
    expect((await current()).version).toBe(1);
  });

  it('are required for a group’s own fields too', async () => {
    const draft = await withFleet({ zh: '车队', en: 'Fleet' });
    delete (draft.labels.zh as Record<string, string>)['purchasePlan.budget'];
    const response = await t.http.put('/api/templates/software').set('authorization', t.admin).send(draft);
    expect(response.status).toBe(422);
    expect(response.body.error.details).toEqual([expect.objectContaining({ path: '/labels/zh/purchasePlan.budget' })]);
  });

  it('of the shipped templates are all there: every shipped template saves again unchanged', async () => {
    const templates = (await t.http.get('/api/templates').set('authorization', t.admin)).body.templates as Array<Record<string, unknown> & { industry: string }>;
    expect(templates.length).toBeGreaterThan(0);
    for (const { industry, title, schema, uiSchema, labels, choices, help, placeholders } of templates) {
      const saved = await t.http.put(`/api/templates/${industry}`).set('authorization', t.admin).send({ title, schema, uiSchema, labels, choices, help, placeholders });
      expect(saved.status, industry).toBe(200);
    }
  });
});

describe('a new template version and the registrations in progress', () => {
  it('names the active claims it does not fit, with the fields to fill in, and breaks none: the old version still validates them', async () => {
    const granted = await t.http.post('/api/registrations').set('authorization', rep.auth).send(softwareCustomer('深圳市旧版科技有限公司'));
    expect(granted.status).toBe(201);
    const draft = await withFleet({ zh: '车队', en: 'Fleet' });

    const preview = await t.http.post('/api/templates/software/impact').set('authorization', t.admin).send(draft);
    expect(preview.status).toBe(200);
    expect(preview.body).toMatchObject({ inProgress: 1, byVersion: [{ version: 1, count: 1 }], affectedCount: 1 });
    expect(preview.body.affected).toEqual([expect.objectContaining({ claimId: granted.body.claim._id, customerName: '深圳市旧版科技有限公司', templateVersion: 1, fields: ['fleet'] })]);
    expect((await current()).version).toBe(1);

    expect((await t.http.put('/api/templates/software').set('authorization', t.admin).send(draft)).status).toBe(200);
    const customer = await t.services.claims.customers.findOne({ _id: granted.body.claim.customerId });
    const v1 = await t.services.templates.at('software', 1);
    const v2 = await t.services.templates.at('software', 2);
    expect(customer?.templateVersion).toBe(1);
    expect(t.services.templates.validate(v1!, customer!.fields, 'en')).toEqual([]);
    expect(t.services.templates.validate(v2!, customer!.fields, 'en').map((problem) => problem.path)).toEqual(['/customer/fleet']);
    // The claim goes on as before: a follow-up is logged on it.
    expect((await t.http.post(`/api/claims/${granted.body.claim._id}/follow-ups`).set('authorization', rep.auth).send({ note: '回访' })).status).toBe(201);
  });

  it('fits a record that has every field: counted in progress, not affected', async () => {
    expect((await t.http.post('/api/registrations').set('authorization', rep.auth).send(softwareCustomer('深圳市全字段科技有限公司', { fleet: 'small' }))).status).toBe(422);
    expect((await t.http.post('/api/registrations').set('authorization', rep.auth).send(softwareCustomer('深圳市全字段科技有限公司'))).status).toBe(201);
    const now = await current();
    const preview = await t.http.post('/api/templates/software/impact').set('authorization', t.admin).send({ title: now.title, schema: now.schema, uiSchema: now.uiSchema, labels: now.labels, choices: now.choices });
    expect(preview.body).toMatchObject({ inProgress: 1, affectedCount: 0, affected: [] });
  });

  it('is refused like a save when the definition cannot be used, and only for admins', async () => {
    const unlabelled = await t.http.post('/api/templates/software/impact').set('authorization', t.admin).send(await withFleet({}));
    expect(unlabelled.status).toBe(422);
    expect(unlabelled.body.error.details.map((d: { path: string }) => d.path).sort()).toEqual(['/labels/en/fleet', '/labels/zh/fleet']);
    expect((await t.http.post('/api/templates/software/impact').set('authorization', rep.auth).send(await withFleet({ zh: '车队', en: 'Fleet' }))).status).toBe(403);
  });
});
