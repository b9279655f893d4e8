// Child process of the outbox crash test: changes documents with their events in
// the same write (staged in the document, or, every other change, straight into the
// feed in a write group), relays all the while, and reports each acknowledged write.
import { setTimeout as sleep } from 'node:timers/promises';
import { EmbeddedStore, Leases, Outbox, carrying, pushing } from '@crm-policy/server';

const store = await EmbeddedStore.open(process.argv[2]);
const clock = () => new Date();
const outbox = new Outbox(store, ['claims'], { clock, leases: new Leases(store, clock) });
await outbox.createIndexes();
const claims = store.collection('claims');
let stopped = false;
// The relay runs all the while, with short pauses: the kill lands before, during or after a copy,
// and finds events still staged in their documents.
void (async () => {
  while (!stopped) {
    await outbox.relay();
    await sleep(50);
  }
})();
for (let i = 0; ; i += 1) {
  const id = `c${i}`;
  const grouped = i % 2 === 1;
  const created = outbox.stage('claim.created', { claimId: id });
  if (grouped) await store.writeAtomically(outbox.insertWrites('claims', { _id: id, status: 'active' }, [created]));
  else await claims.insertOne(carrying({ _id: id, status: 'active' }, [created]));
  process.stdout.write(`ack ${created._id} ${id}\n`);
  if (i % 3 === 0) {
    const released = outbox.stage('claim.released', { claimId: id });
    if (grouped) await store.writeAtomically(outbox.updateWrites('claims', { filter: { _id: id }, update: { $set: { status: 'released' } } }, [released]));
    else await claims.updateOne({ _id: id }, pushing({ $set: { status: 'released' } }, [released]));
    process.stdout.write(`ack ${released._id} ${id}\n`);
  }
}
