import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { EmbeddedStore } from '../../src/store/embedded/embeddedStore.js';
import { createTestApp, softwareCustomer } from '../testApp.js';
import type { TestApp } from '../testApp.js';

type Entry = { _id: string; action: string; data: Record<string, unknown> };

let t: TestApp;
beforeEach(async () => {
  t = await createTestApp();
});
afterEach(async () => {
  await t.store.close();
});

/** A rep signed in without a password (scrypt would only slow the test down). */
async function rep(team: string, id: string) {
  await t.services.users.users.insertOne({ _id: id, username: id, displayName: id, role: 'rep', teams: [team], passwordHash: 'x', createdAt: t.clock.now.toISOString() });
  return `Bearer ${(await t.services.tokens.sign(id)).token}`;
}

const auditOf = async (auth: string) => (await t.http.get('/api/audit').set('authorization', auth)).body.entries as Entry[];

describe('an audit entry of a registration', () => {
  it('names the decision instead of copying what it says, and the audit trail still shows the explanation, outcomes and rules fired', async () => {
    const team = await t.team('South');
    const li = await rep(team, 'li.na');
    const manager = await t.user('zhou.min', 'manager', [team]);
    const granted = await t.http.post('/api/registrations?explain=true').set('authorization', li).send(softwareCustomer('深圳市星云数据有限公司'));
    expect(granted.status).toBe(201);
    const refused = await t.http.post('/api/registrations').set('authorization', li).send(softwareCustomer('深圳市远航科技有限公司', { grade: 'A' }));
    expect(refused.status).toBe(403);

    const stored = await t.services.audit.entries.find({ action: { $in: ['claim.created', 'registration.refused'] } });
    expect(stored).toHaveLength(2);
    for (const entry of stored) {
      // What the decision says is in the decision log: the entry keeps its id and the template.
      for (const copied of ['explanation', 'outcomes', 'fired', 'policy', 'policyVersion']) expect(entry.data).not.toHaveProperty(copied);
      expect(await t.services.decisionLog.decisions.findOne({ _id: entry.data['decisionId'] as string })).toMatchObject({ policy: 'claim-eligibility' });
    }

    for (const auth of [t.admin, manager.auth]) {
      const entries = await auditOf(auth);
      const created = entries.find((e) => e.action === 'claim.created')!;
      expect(created.data).toMatchObject({ decisionId: granted.body.decision.decisionId, policy: 'claim-eligibility', policyVersion: '1.1.0', templateVersion: 1, industry: 'software', fired: ['protect-grade-c'] });
      expect(created.data['explanation']).toEqual(granted.body.decision.explanation);
      expect(created.data['outcomes']).toEqual(granted.body.decision.outcomes);
      const refusal = entries.find((e) => e.action === 'registration.refused')!;
      expect(refusal.data['explanation']).toEqual(refused.body.error.decision.explanation);
      expect(refusal.data).toMatchObject({ policy: 'claim-eligibility', policyVersion: refused.body.error.decision.version, fired: refused.body.error.decision.fired, templateVersion: 1, industry: 'software' });
      expect(refusal.data['outcomes']).toEqual(expect.arrayContaining([expect.objectContaining({ type: 'deny' })]));
    }
  });

  it('shows the same explanation after a restart, decided again from the logged facts by the version that decided', async () => {
    const li = await rep(await t.team('South'), 'li.na');
    const granted = await t.http.post('/api/registrations?explain=true').set('authorization', li).send(softwareCustomer('深圳市星云数据有限公司'));
    expect(granted.status).toBe(201);
    const dir = (t.store as EmbeddedStore).dir;
    await t.store.close();
    t = await createTestApp({ store: await EmbeddedStore.open(dir) });
    const created = (await auditOf(t.admin)).find((e) => e.action === 'claim.created')!;
    expect(created.data['explanation']).toEqual(granted.body.decision.explanation);
  });
});
