import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { INDUSTRIES } from '../src/domain/templates/templateDefinition.js';
import { createTestApp, softwareCustomer } from './testApp.js';
import type { TestApp } from './testApp.js';

let t: TestApp;
let rep: { id: string; auth: string };
beforeAll(async () => {
  t = await createTestApp();
  rep = await t.user('li.na', 'rep', [await t.team('South')]);
});
afterAll(async () => {
  await t.store.close();
});

describe('industry templates', () => {
  it('ship for every industry, with the common fields and labels in both languages', async () => {
    const response = await t.http.get('/api/templates').set('authorization', rep.auth);
    expect(response.status).toBe(200);
    const templates = response.body.templates as Array<{ industry: string; version: number; schema: { properties: Record<string, unknown>; required: string[] }; labels: { zh: Record<string, string>; en: Record<string, string> } }>;
    expect(templates.map((x) => x.industry).sort()).toEqual([...INDUSTRIES].sort());
    for (const template of templates) {
      for (const field of ['companyName', 'creditCode', 'region', 'address', 'contactName', 'phone', 'email', 'grade', 'intent', 'purchasePlan']) {
        expect(template.schema.properties).toHaveProperty(field);
        expect(template.labels.zh[field]).toMatch(/[\u4e00-\u9fff]/);
        expect(template.labels.en[field]).toBeTruthy();
      }
      expect(template.version).toBe(1);
    }
    const medical = templates.find((x) => x.industry === 'medical-devices')!;
    expect(medical.schema.required).toEqual(expect.arrayContaining(['hospitalGrade', 'department', 'deviceClass']));
  });

  it('are read one at a time, with 404 for an unknown industry', async () => {
    expect((await t.http.get('/api/templates/trade').set('authorization', rep.auth)).body.industry).toBe('trade');
    expect((await t.http.get('/api/templates/mining').set('authorization', rep.auth)).status).toBe(404);
    expect((await t.http.get('/api/templates/trade')).status).toBe(401);
  });

  it('are replaced by admins only, as a new version that registrations record', async () => {
    const current = (await t.http.get('/api/templates/software').set('authorization', t.admin)).body;
    const next = { title: current.title, uiSchema: current.uiSchema, labels: current.labels, schema: { ...current.schema, required: [...current.schema.required, 'email'] } };
    expect((await t.http.put('/api/templates/software').set('authorization', rep.auth).send(next)).status).toBe(403);
    const saved = await t.http.put('/api/templates/software').set('authorization', t.admin).send(next);
    expect(saved.status).toBe(200);
    expect(saved.body.version).toBe(2);
    const refused = await t.http.post('/api/registrations').set('authorization', rep.auth).send(softwareCustomer('版本测试公司'));
    expect(refused.status).toBe(422);
    expect(refused.body.error.details).toEqual([expect.objectContaining({ path: '/customer/email' })]);
    const granted = await t.http.post('/api/registrations').set('authorization', rep.auth).send(softwareCustomer('版本测试公司', { email: 'zhang@example.com' }));
    expect(granted.status).toBe(201);
    expect(granted.body.claim.templateVersion).toBe(2);
    const versions = await t.http.get('/api/templates/software/versions').set('authorization', t.admin);
    expect(versions.body.versions.map((v: { version: number }) => v.version)).toEqual([2, 1]);
  });

  it('refuse a template without the fields registration relies on', async () => {
    const broken = { title: { en: 'x', zh: 'x' }, uiSchema: {}, labels: { en: {}, zh: {} }, schema: { type: 'object', properties: { companyName: { type: 'string' } }, required: ['companyName'] } };
    const response = await t.http.put('/api/templates/trade').set('authorization', t.admin).send(broken);
    expect(response.status).toBe(422);
    expect(response.body.error.details.map((d: { path: string }) => d.path)).toEqual(expect.arrayContaining(['/schema/properties/region', '/schema/properties/phone']));
    expect((await t.http.get('/api/templates/trade').set('authorization', rep.auth)).body.version).toBe(1);
  });

  it('refuse a field whose name is not a plain identifier, naming it', async () => {
    const current = (await t.http.get('/api/templates/trade').set('authorization', t.admin)).body;
    const schema = { ...current.schema, properties: { ...current.schema.properties, 'fleet size': { type: 'integer' }, 'a/b': { type: 'string' } } };
    const response = await t.http.put('/api/templates/trade').set('authorization', t.admin).send({ title: current.title, uiSchema: current.uiSchema, labels: current.labels, schema });
    expect(response.status).toBe(422);
    expect(response.body.error.code).toBe('invalid');
    expect(response.body.error.details.map((d: { path: string }) => d.path).sort()).toEqual(['/schema/properties/a~1b', '/schema/properties/fleet size']);
    expect((await t.http.get('/api/templates/trade').set('authorization', rep.auth)).body.version).toBe(current.version);
  });
});

// Regression: template patterns ran on JavaScript's backtracking RegExp. `^(a+)+$` was saved, and one registration
// stalled the server for seconds at 26 characters, doubling with each one more. No timing is asserted: the requests
// run, and a backtracking engine makes the test exceed its timeout.
describe('template patterns', () => {
  const ADVERSARIAL = 'a'.repeat(9_999) + '!';

  async function saveWithIntentPattern(industry: string, pattern: string) {
    const current = (await t.http.get('/api/templates/software').set('authorization', t.admin)).body;
    const schema = { ...current.schema, properties: { ...current.schema.properties, intent: { type: 'string', pattern } } };
    return t.http.put(`/api/templates/${industry}`).set('authorization', t.admin).send({ title: { en: 'Patterns', zh: '模式' }, uiSchema: current.uiSchema, labels: current.labels, schema });
  }

  it('run on RE2: ^(a+)+$ is saved, and a 10,000-character adversarial intent is refused on its field', { timeout: 10_000 }, async () => {
    expect((await saveWithIntentPattern('pattern-check', '^(a+)+$')).status).toBe(200);
    const register = (intent: string, company: string) => t.http.post('/api/registrations').set('authorization', rep.auth).send({ ...softwareCustomer(company, { intent, email: 'li@yunshan.cn', phone: '+86 139-0000-1234' }), industry: 'pattern-check' });
    for (const intent of ['a'.repeat(30) + '!', ADVERSARIAL, 'a'.repeat(10_001)]) {
      const refused = await register(intent, '澄江云杉科技有限公司');
      expect(refused.status).toBe(422);
      expect(refused.body.error.details.map((d: { path: string }) => d.path)).toEqual(['/customer/intent']);
    }
    const granted = await register('a'.repeat(10_000), '澄江云杉科技有限公司');
    expect(granted.status, JSON.stringify(granted.body).slice(0, 400)).toBe(201);
  });

  it('refuse a pattern RE2 cannot run, naming the pattern', async () => {
    for (const pattern of ['^(a)\\1$', '^(?!test)[a-z]+$']) {
      const response = await saveWithIntentPattern('pattern-refused', pattern);
      expect(response.status).toBe(422);
      expect(response.body.error.details).toEqual([expect.objectContaining({ path: '/schema/properties/intent/pattern', code: 'regex-invalid', message: expect.stringContaining('RE2') })]);
    }
    expect((await t.http.get('/api/templates/pattern-refused').set('authorization', rep.auth)).status).toBe(404);
  });

  it('answer 409, not 500, when a version stored before RE2 holds a pattern it refuses', async () => {
    const current = (await t.http.get('/api/templates/enterprise-services').set('authorization', t.admin)).body;
    const schema = { ...current.schema, properties: { ...current.schema.properties, intent: { type: 'string', pattern: '^(?!test)' } } };
    const version = current.version + 1;
    await t.store.collection('templateVersions').insertOne({ _id: `enterprise-services@${version}`, industry: 'enterprise-services', title: current.title, schema, uiSchema: current.uiSchema, labels: current.labels, version, createdAt: current.createdAt, createdBy: 'legacy' });
    await t.store.collection('templateHeads').updateOne({ _id: 'enterprise-services' }, { $set: { version } });
    const response = await t.http.post('/api/registrations').set('authorization', rep.auth).send({ ...softwareCustomer('旧模板测试公司'), industry: 'enterprise-services' });
    expect(response.status).toBe(409);
    expect(response.body.error).toMatchObject({ code: 'conflict', message: expect.stringContaining(`enterprise-services@${version}`) });
  });
});
