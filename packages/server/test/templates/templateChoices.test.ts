import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createTestApp, softwareCustomer } from '../testApp.js';
import type { TestApp } from '../testApp.js';

// Templates carry display names of their choices, help and placeholders per language; templates without them keep working.
let t: TestApp;
let rep: { id: string; auth: string };

beforeEach(async () => {
  t = await createTestApp();
  rep = await t.user('li.na', 'rep', [await t.team('South Enterprise')], '李娜');
});
afterEach(async () => {
  await t.store.close();
});

describe('a template’s display names', () => {
  it('are served with the shipped templates, in both languages', async () => {
    const software = (await t.http.get('/api/templates/software').set('authorization', rep.auth)).body;
    expect(software.choices.zh.deployment).toMatchObject({ saas: expect.any(String), 'on-premise': expect.any(String) });
    expect(Object.keys(software.choices.en.deployment).sort()).toEqual([...software.schema.properties.deployment.enum].sort());
    expect(software.help.zh.creditCode).toMatch(/校验码/);
    expect(software.help.en.creditCode).toMatch(/check character/);
  });

  it('are refused when they name a code the field does not offer, at the path of the name', async () => {
    const current = (await t.http.get('/api/templates/software').set('authorization', t.admin)).body;
    const response = await t.http
      .put('/api/templates/software')
      .set('authorization', t.admin)
      .send({ title: current.title, schema: current.schema, uiSchema: current.uiSchema, labels: current.labels, choices: { zh: { deployment: { cloud: '云' } } } });
    expect(response.status).toBe(422);
    expect(response.body.error.details).toEqual([expect.objectContaining({ path: '/choices/zh/deployment/cloud' })]);
  });

  it('are optional: a template saved without them is served without them and registers as before', async () => {
    const current = (await t.http.get('/api/templates/software').set('authorization', t.admin)).body;
    const saved = await t.http.put('/api/templates/software').set('authorization', t.admin).send({ title: current.title, schema: current.schema, uiSchema: current.uiSchema, labels: current.labels });
    expect(saved.status).toBe(200);
    expect(saved.body.choices).toBeUndefined();
    const granted = await t.http.post('/api/registrations').set('authorization', rep.auth).send(softwareCustomer('旧模板测试公司'));
    expect(granted.status).toBe(201);
  });
});
