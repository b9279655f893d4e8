import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Response } from 'supertest';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { EmbeddedStore } from '../src/store/embedded/embeddedStore.js';
import { companyNames, lead, teamWith } from './assignment/assignmentHelpers.js';
import { FailingStore } from './store/failingStore.js';
import { createTestApp, softwareCustomer } from './testApp.js';
import type { TestApp } from './testApp.js';

// Regression: a registration, an appeal decision and a reassignment move each made several writes in a row, so a
// failure part-way (a crash, a lost connection) left half of a change: a customer without its claim, an ended claim
// without its successor, a verdict without the claim it granted. Each write of each change is made to fail in turn:
// nothing may be written, and the same request made again must succeed.

/** Everything these changes write, to compare before and after. */
const COLLECTIONS = ['customers', 'claims', 'decisions', 'audit', 'workloads', 'collisions', 'appeals', 'reassignments', 'reviewQueue', 'teams'];

let t: TestApp;
let failing: FailingStore;
beforeEach(async () => {
  failing = new FailingStore(await EmbeddedStore.open(mkdtempSync(join(tmpdir(), 'crm-policy-interrupted-'))));
  t = await createTestApp({ store: failing });
});
afterEach(async () => {
  await t.store.close();
});

async function everything(): Promise<Record<string, unknown[]>> {
  const all: Record<string, unknown[]> = {};
  for (const name of COLLECTIONS) all[name] = await t.store.collection(name).find({}, { sort: { _id: 1 } });
  return all;
}

/**
 * Fails the 1st, 2nd, … write of a change (of `collection`, when given) until the change makes no such write:
 * each interrupted attempt must answer 500 and leave everything as it was, and the retry must succeed.
 * `prepare` sets up a fresh case; `change` makes the request. Answers how many writes were interrupted.
 */
async function interruptEachWrite<C>(prepare: (round: number) => Promise<C>, change: (c: C) => Promise<Response>, succeeded: number, collection?: string): Promise<number> {
  for (let n = 1; n <= 20; n += 1) {
    const c = await prepare(n);
    const before = await everything();
    failing.failAt(n, collection);
    const interrupted = await change(c);
    failing.disarm();
    if (!failing.tripped) {
      expect(interrupted.status, JSON.stringify(interrupted.body)).toBe(succeeded);
      return n - 1;
    }
    expect(interrupted.status, `write ${n}: ${JSON.stringify(interrupted.body)}`).toBe(500);
    expect(await everything(), `write ${n} of ${collection ?? 'every collection'} failed`).toEqual(before);
    const retried = await change(c);
    expect(retried.status, `retry after write ${n}: ${JSON.stringify(retried.body)}`).toBe(succeeded);
  }
  throw new Error('The change never ran to its end');
}

describe('a change interrupted at any of its writes', () => {
  it('a registration leaves nothing written: no decision, customer, claim, load or audit entry alone', async () => {
    const li = await t.user('li.na', 'rep', [await t.team('South')]);
    const names = companyNames(20, 3);
    const interrupted = await interruptEachWrite(
      async (round) => softwareCustomer(names[round]!),
      (body) => t.http.post('/api/registrations').set('authorization', li.auth).send(body),
      201,
    );
    expect(interrupted).toBeGreaterThanOrEqual(4);
    expect(await t.services.claims.claims.countDocuments({ status: 'active' })).toBe(interrupted + 1);
  });

  it('an appeal decision leaves nothing written: no verdict without its claim, no ended claim without its successor', async () => {
    const [south, east] = [await t.team('South'), await t.team('East')];
    const [li, wang, boss] = [await t.user('li.na', 'rep', [south]), await t.user('wang.qiang', 'rep', [east]), await t.user('south.boss', 'manager', [south])];
    const names = companyNames(20, 5);
    const interrupted = await interruptEachWrite(
      async (round) => {
        expect((await t.http.post('/api/registrations').set('authorization', li.auth).send(softwareCustomer(names[round]!))).status).toBe(201);
        const duplicate = await t.http.post('/api/registrations').set('authorization', wang.auth).send(softwareCustomer(names[round]!, { phone: '021 5555 6666' }));
        expect(duplicate.status).toBe(409);
        const appeal = await t.http.post('/api/appeals').set('authorization', wang.auth).send({ collisionId: duplicate.body.error.collisionId, reason: '我先接触的客户' });
        expect(appeal.status).toBe(201);
        return appeal.body._id as string;
      },
      (appealId) => t.http.post(`/api/appeals/${appealId}/decision`).set('authorization', boss.auth).send({ verdict: 'grant', comment: '王强有拜访记录' }),
      200,
    );
    expect(interrupted).toBeGreaterThanOrEqual(4);
    expect(await t.services.claims.claims.countDocuments({ repId: wang.id, status: 'active' })).toBe(interrupted + 1);
  });

  it('a reassignment move leaves nothing written: the proposal stays proposed, the old claim active, the loads as they were', async () => {
    const city = await teamWith(t, 'Shenzhen City', [{ regions: ['4403'] }], [
      { role: 'inside', capacity: 100 },
      { role: 'field', capacity: 100 },
    ]);
    const nanshan = await teamWith(t, 'Nanshan Direct', [{ regions: ['4401'] }], [
      { role: 'inside', capacity: 100 },
      { role: 'field', capacity: 100 },
    ]);
    const names = companyNames(40, 11);
    let next = 0;
    const prepare = async () => {
      const created = await t.http.post('/api/leads').set('authorization', t.admin).send(lead(names[next++]!, { employees: 2000 }));
      expect(created.body.assignment.claim.team).toBe(city.teamId);
      const proposed = await t.http.post('/api/reassignments').set('authorization', city.manager.auth).send({ kind: 'customer', customerId: created.body.customerId, toTeamId: nanshan.teamId });
      expect(proposed.status, JSON.stringify(proposed.body)).toBe(201);
      return proposed.body._id as string;
    };
    const approve = (id: string) => t.http.post(`/api/reassignments/${id}/decision`).set('authorization', t.admin).send({ approve: true, comment: '同意' });
    // The move's writes, collection by collection (the proposal's result is written after the move, on its own).
    const interrupted = { claims: 0, workloads: 0, audit: 0 };
    for (const collection of ['claims', 'workloads', 'audit'] as const) interrupted[collection] = await interruptEachWrite(prepare, approve, 200, collection);
    expect(interrupted).toEqual({ claims: 2, workloads: 4, audit: 1 });
    // Every customer proposed reached Nanshan, each once.
    expect(await t.services.claims.claims.countDocuments({ team: nanshan.teamId, status: 'active' })).toBe(next);
    expect(await t.services.claims.claims.countDocuments({ team: city.teamId, status: 'active' })).toBe(0);
  });
});
