import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createTestApp } from '../testApp.js';
import type { TestApp } from '../testApp.js';
import { companyNames, lead } from '../assignment/assignmentHelpers.js';
import { assignmentDraft } from '../policies/policyHelpers.js';

let t: TestApp;
beforeEach(async () => {
  t = await createTestApp();
});
afterEach(async () => {
  await t.store.close();
});

/** Three Guangdong energy SMEs, moved from South China SME to Shenzhen Desk by the draft. */
async function simulated(): Promise<string> {
  for (const name of companyNames(3, 401)) {
    const created = await t.http.post('/api/leads').set('authorization', t.admin).send(lead(name, { region: '440305', industry: 'energy', employees: 50 }));
    expect(created.status, JSON.stringify(created.body)).toBe(201);
  }
  const saved = await t.http.put('/api/policies/assignment/draft').set('authorization', t.admin).send({ file: assignmentDraft(), comment: 'new desk' });
  expect(saved.status, JSON.stringify(saved.body)).toBe(200);
  const started = await t.http.post('/api/policies/assignment/simulate').set('authorization', t.admin).send({ sample: { from: '2026-11-01T00:00:00Z', to: '2026-11-24T00:00:00Z' } });
  expect(started.status, JSON.stringify(started.body)).toBe(202);
  await t.services.simulations.idle();
  return started.body._id as string;
}

describe('the changes of one parameter: before and after are values, never query operators', () => {
  it('reads an object in before/after as the literal value it is', async () => {
    const id = await simulated();
    const changes = (query: string) => t.http.get(`/api/simulations/${id}/changes?${query}`).set('authorization', t.admin);
    const literal = await changes(`param=team&before=${encodeURIComponent('"South China SME"')}&after=${encodeURIComponent('"Shenzhen Desk"')}`);
    expect(literal.body.total, JSON.stringify(literal.body)).toBe(3);
    // No record's team is the object {"$ne": "nobody"}: an operator read as one would match all three.
    const operator = await changes(`param=team&before=${encodeURIComponent('{"$ne":"nobody"}')}&after=${encodeURIComponent('{"$regex":"Desk"}')}`);
    expect(operator.status, JSON.stringify(operator.body)).toBe(200);
    expect(operator.body.total).toBe(0);
  });

  it('answers an unknown operator in before with a 4xx or nothing, never a 500', async () => {
    const id = await simulated();
    const response = await t.http.get(`/api/simulations/${id}/changes?param=team&before=${encodeURIComponent('{"$nosuch":1}')}`).set('authorization', t.admin);
    expect(response.status, JSON.stringify(response.body)).toBeLessThan(500);
  });
});
