import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { EmbeddedStore } from '../../src/store/embedded/embeddedStore.js';
import type { Store } from '../../src/store/collection.js';
import { createTestApp, softwareCustomer } from '../testApp.js';
import type { TestApp } from '../testApp.js';

// GET /api/dashboard is costly: its figures are computed once per scope for a while, and requests at once share one computation.
let t: TestApp;
let rep: { id: string; auth: string };
let manager: { id: string; auth: string };
let finance: { id: string; auth: string };
const computations = { count: 0 };

/** The store, counting the dashboard's customer aggregation (one per computation of the figures). */
function counting(store: Store): Store {
  return {
    kind: store.kind,
    health: () => store.health(),
    writeAtomically: (writes) => store.writeAtomically(writes),
    close: () => store.close(),
    collection: ((name: string) => {
      const inner = store.collection(name);
      if (name !== 'customers') return inner;
      return new Proxy(inner, {
        get(target, property) {
          const value = Reflect.get(target, property) as unknown;
          if (typeof value !== 'function') return value;
          return (...args: unknown[]) => {
            if (property === 'aggregate') computations.count += 1;
            return (value as (...a: unknown[]) => unknown).apply(target, args);
          };
        },
      });
    }) as Store['collection'],
  };
}

beforeAll(async () => {
  const store = counting(await EmbeddedStore.open(mkdtempSync(join(tmpdir(), 'crm-policy-dashboard-cache-'))));
  t = await createTestApp({ store, config: { dashboardCacheMs: 30_000 } });
  const south = await t.team('South');
  const east = await t.team('East');
  rep = await t.user('cache.rep', 'rep', [south]);
  manager = await t.user('cache.boss', 'manager', [east]);
  finance = await t.user('cache.fin', 'finance', []);
  expect((await t.http.post('/api/registrations').set('authorization', rep.auth).send(softwareCustomer('深圳市星云数据有限公司'))).status).toBe(201);
});
afterAll(async () => {
  await t.store.close();
});

const dashboard = (auth: string) => t.http.get('/api/dashboard').set('authorization', auth);

describe('the dashboard cache', () => {
  it('answers ten requests at once with one computation', async () => {
    const before = computations.count;
    const responses = await Promise.all(Array.from({ length: 10 }, () => dashboard(t.admin)));
    expect(responses.map((response) => response.status)).toEqual(Array(10).fill(200));
    expect(new Set(responses.map((response) => JSON.stringify(response.body))).size).toBe(1);
    expect(responses[0]!.body.customers.total).toBe(1);
    expect(computations.count - before).toBe(1);
  });

  it('reuses the figures of a scope until the time is up: every role that sees everything shares them, a manager has their own', async () => {
    await dashboard(t.admin);
    const before = computations.count;
    expect((await t.http.post('/api/registrations').set('authorization', rep.auth).send(softwareCustomer('深圳市海川科技有限公司'))).status).toBe(201);
    expect((await dashboard(t.admin)).body.customers.total).toBe(1);
    expect((await dashboard(finance.auth)).body.customers.total).toBe(1);
    expect(computations.count - before).toBe(0);
    // A manager of another team: their own scope, computed for them.
    expect((await dashboard(manager.auth)).body.customers.total).toBe(0);
    expect(computations.count - before).toBe(1);

    t.clock.now = new Date(t.clock.now.getTime() + 30_000);
    expect((await dashboard(finance.auth)).body.customers.total).toBe(2);
    expect(computations.count - before).toBe(2);
  });
});
