import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { LogEntry } from '../../src/store/embedded/appendLog.js';
import type { EmbeddedStore } from '../../src/store/embedded/embeddedStore.js';
import { createTestApp, softwareCustomer } from '../testApp.js';
import type { TestApp } from '../testApp.js';

// A registration made five writes, five log lines and five fsyncs on the embedded store; a crash between them left
// half a registration. It is one atomic group now: one line `{"tx":[...]}`, replayed whole or not at all.

let t: TestApp;
beforeEach(async () => {
  t = await createTestApp();
});
afterEach(async () => {
  await t.store.close();
});

/** The store's log lines so far, oldest first. */
function logLines(dir: string): string[] {
  return readdirSync(dir)
    .filter((name) => /^log-\d+\.jsonl$/.test(name))
    .sort()
    .flatMap((name) => readFileSync(join(dir, name), 'utf8').split('\n').filter((line) => line !== ''));
}

describe('the embedded store', () => {
  it('logs a registration as one entry: decision, customer, claim, its event, load and audit entry together', async () => {
    const store = t.store as EmbeddedStore;
    const li = await t.user('li.na', 'rep', [await t.team('South')]);
    const before = logLines(store.dir).length;
    const bytesBefore = store.bytesAppended;
    const granted = await t.http.post('/api/registrations').set('authorization', li.auth).send(softwareCustomer('深圳市星云数据有限公司'));
    expect(granted.status).toBe(201);
    const lines = logLines(store.dir).slice(before);
    expect(lines).toHaveLength(1);
    expect(store.bytesAppended - bytesBefore).toBe(Buffer.byteLength(lines[0]!) + 1);
    const entry = JSON.parse(lines[0]!) as LogEntry;
    expect('tx' in entry).toBe(true);
    const parts = 'tx' in entry ? entry.tx : [];
    expect(parts.map((part) => part.c).sort()).toEqual(['audit', 'claims', 'customers', 'decisions', 'events', 'workloads']);
    // The claim's event goes straight into the feed: written once, not carried by the claim to be copied and cleared later.
    const claim = parts.find((part) => part.c === 'claims')!.put![0] as Record<string, unknown>;
    expect(Object.keys(claim).filter((key) => key.startsWith('_events'))).toEqual([]);
    const event = parts.find((part) => part.c === 'events')!.put![0] as { type: string; data: Record<string, unknown> };
    expect([event.type, event.data['claimId']]).toEqual(['claim.created', granted.body.claim._id]);
    // The audit entry names the decision; what the decision says is not copied into it.
    const audit = parts.find((part) => part.c === 'audit')!.put![0] as { data: Record<string, unknown> };
    expect(audit.data).toEqual({ customerId: granted.body.claim.customerId, decisionId: granted.body.decision.decisionId, templateVersion: 1, industry: 'software' });
  });
});
