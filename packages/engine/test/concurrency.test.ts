import { setTimeout as sleep } from 'node:timers/promises';
import { describe, expect, it } from 'vitest';
import { createPolicy } from '../src/index.js';
import type { Decision } from '../src/index.js';
import { shippedRuleFile } from './fixtures.js';

// json-rules-engine keeps one run status per Engine: overlapping runs on a
// shared instance, with priority groups and async facts, skip lower-priority
// rules. Every decision must come out as it does when made alone.

const essence = (d: Decision) => ({ outcomes: d.outcomes, fired: d.fired, explanation: d.explanation });

function registrations(count: number) {
  return Array.from({ length: count }, (_, i) => ({
    rep: { id: `rep-${i % 9}`, name: `Rep ${i % 9}`, team: 'South' },
    customer: {
      name: `Customer ${i}`,
      grade: 'ABCD'[i % 4],
      ...(i % 3 ? { keyPerson: '张总' } : {}),
      ...(i % 5 ? { buyingIntent: 'this year' } : {}),
      ...(i % 2 ? { purchasePlan: { timeframe: '2027-Q1' } } : {}),
      blacklisted: i % 17 === 0,
    },
  }));
}

describe('concurrent decisions', () => {
  it('200 overlapping decide() calls with async facts equal the same decisions made alone', async () => {
    const calls = new Map<string, number>();
    const count = (key: string) => calls.set(key, (calls.get(key) ?? 0) + 1);
    const policy = await createPolicy(shippedRuleFile('claim-eligibility'), {
      verify: false,
      facts: {
        existingClaim: async (_params, almanac) => {
          const customer = (await almanac.factValue('customer')) as { name: string };
          const n = Number(customer.name.split(' ')[1]);
          count(`claim:${customer.name}`);
          await sleep(n % 5);
          return n % 4 === 0 ? { active: true, holder: { repId: `rep-${n % 6}`, name: 'Holder' }, until: '2027-01-01' } : null;
        },
        activeClaimsOfRep: async (_params, almanac) => {
          const rep = (await almanac.factValue('rep')) as { id: string };
          const customer = (await almanac.factValue('customer')) as { name: string };
          count(`load:${customer.name}`);
          await sleep(Number(rep.id.split('-')[1]) % 4);
          const n = Number(rep.id.split('-')[1]);
          return { total: n * 7, byGrade: { A: n * 2, B: n * 3 } };
        },
      },
    });
    const inputs = registrations(200);
    const alone: Decision[] = [];
    for (const facts of inputs) alone.push(await policy.decide(facts));
    calls.clear();
    const together = await Promise.all(inputs.map((facts) => policy.decide(facts)));

    expect(together.every((d) => d.engine === 'reference' && !d.error)).toBe(true);
    expect(together.map(essence)).toEqual(alone.map(essence));
    // Each host fact was computed once per decision, even with many conditions reading it.
    expect([...calls.values()].every((n) => n === 1)).toBe(true);
    expect(calls.size).toBe(400);
    // The comparison means something only if decisions span several priority groups.
    const multiGroup = alone.filter((d) => new Set(d.explanation!.rules.filter((r) => r.result).map((r) => r.priority)).size > 1);
    expect(multiGroup.length).toBeGreaterThan(50);
  });
});
