import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createTestApp } from '../testApp.js';
import type { TestApp } from '../testApp.js';

// What a key sends must not decide what the server owns: the time of a recorded decision, and what the audit trail says a key may do.
let t: TestApp;
let registrar: string;
beforeEach(async () => {
  t = await createTestApp();
  const created = await t.http.post('/api/api-keys').set('authorization', t.admin).send({ name: 'NocoBase', role: 'rep', registrar: true });
  expect(created.status, JSON.stringify(created.body)).toBe(201);
  registrar = created.body.key as string;
});
afterEach(async () => {
  await t.store.close();
});

const CREDIT_FACTS = { creditScore: 800, yearsInBusiness: 8, annualRevenue: 20000000, worstDaysPastDue12m: 0, sectorRiskIndex: 25, requestedLimit: 2000000 };

describe('POST /api/policies/:policy/decide', () => {
  it('records a decision at the server’s time: a key cannot date it into another period (simulations replay the log by time)', async () => {
    const backdated = await t.http.post('/api/policies/credit-risk/decide').set('x-api-key', registrar).send({ facts: CREDIT_FACTS, now: '2020-01-01T00:00:00Z' });
    expect(backdated.status).toBe(422);
    expect(backdated.body.error.details).toEqual([expect.objectContaining({ path: '/now' })]);
    expect(await t.services.decisionLog.decisions.countDocuments({})).toBe(0);

    const decided = await t.http.post('/api/policies/credit-risk/decide').set('x-api-key', registrar).send({ facts: CREDIT_FACTS });
    expect(decided.status, JSON.stringify(decided.body)).toBe(200);
    const recorded = await t.services.decisionLog.decisions.findOne({ _id: decided.body.decision.decisionId as string });
    expect(recorded?.at).toBe(t.clock.now.toISOString());
  });
});

describe('the audit trail of API keys', () => {
  it('says a key was made a registrar (it acts for any rep of the organisation)', async () => {
    const entry = await t.services.audit.entries.findOne({ action: 'api-key.created' });
    expect(entry?.data).toMatchObject({ name: 'NocoBase', role: 'rep', registrar: true });
  });
});
