// What one registration leaves in the store, as the service writes it: a fresh app
// registers a customer through RegistrationService, relays its event, and the documents
// that appeared (and the workloads that changed) are read back from a checkpoint.
// store.bench.mjs multiplies them to build large data folders.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { openBenchApp } from './benchApp.mjs';

/** Reads a snapshot.jsonl into { collection: { indexes, docs: Map(id → doc) } }. */
export function readSnapshot(dir) {
  const collections = {};
  const lines = readFileSync(join(dir, 'snapshot.jsonl'), 'utf8').split('\n').filter(Boolean);
  for (const line of lines.slice(1)) {
    const value = JSON.parse(line);
    collections[value.c] ??= { indexes: [], docs: new Map() };
    if (value.indexes) collections[value.c].indexes = value.indexes;
    else collections[value.c].docs.set(value.d._id, value.d);
  }
  return collections;
}

/**
 * Registers `form` as `rep` on a fresh app; answers the documents the registration
 * added per collection, the workload it changed, the index specs of every
 * collection, and the rep's user document.
 */
export async function registrationTemplate(form) {
  const app = await openBenchApp('store-template');
  try {
    const { services, store } = app;
    const team = await services.users.createTeam('Bench');
    const rep = { kind: 'user', id: 'benchrep-0', username: 'benchrep-0', displayName: 'Bench Rep 0', role: 'rep', teams: [team._id] };
    await services.users.users.insertOne({ _id: rep.id, username: rep.username, displayName: rep.displayName, role: 'rep', teams: [team._id], passwordHash: 'x', createdAt: new Date().toISOString() });
    await store.checkpoint();
    const before = readSnapshot(store.dir);
    const answer = await services.registrations.register(rep, { industry: 'software', customer: form }, 'zh');
    if (answer.status !== 201) throw new Error(`the template registration was answered ${answer.status}`);
    await services.outbox.relay();
    await store.checkpoint();
    const after = readSnapshot(store.dir);
    const added = {};
    for (const [name, { docs }] of Object.entries(after)) {
      const fresh = [...docs.values()].filter((doc) => !before[name]?.docs.has(doc._id));
      if (fresh.length > 0) added[name] = fresh;
    }
    const indexes = Object.fromEntries(Object.entries(after).map(([name, { indexes }]) => [name, indexes]));
    return { added, indexes, rep, user: after.users.docs.get(rep.id), team: after.teams.docs.get(team._id), workload: after.workloads?.docs.get(rep.id), claim: answer.body.claim };
  } finally {
    await app.close();
  }
}
