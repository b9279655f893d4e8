// Child process of the crash tests: writes in a loop and reports each acknowledged write.
// `node crashWriter.mjs DIR [start] [checkpoints]`: with `checkpoints`, a checkpoint
// runs beside the writes all the time (reported `checkpoint start` / `checkpoint done`),
// over a ballast collection large enough that writing the snapshot takes a while, and a
// counter is incremented by one per acknowledged `ack inc` (replayed twice, it would be more), and an
// audit entry (a packed collection) is written after each (`ack audit <id>`).
import { EmbeddedStore } from '@crm-policy/server';

const [dir, startArg, mode] = process.argv.slice(2);
const store = await EmbeddedStore.open(dir);
const claims = store.collection('claims');
await claims.createIndex({ name: 'one_active_claim_per_customer', keys: { customerId: 1 }, unique: true, partialFilterExpression: { status: 'active' } });
const start = Number(startArg ?? 0);
if (mode === 'checkpoints') {
  const ballast = store.collection('ballast');
  if ((await ballast.countDocuments()) === 0) {
    for (let b = 0; b < 20; b += 1) await ballast.insertMany(Array.from({ length: 200 }, (_, k) => ({ _id: `b${b}-${k}`, text: '压'.repeat(2000) })));
  }
  void (async () => {
    for (;;) {
      process.stdout.write('checkpoint start\n');
      await store.checkpoint();
      process.stdout.write('checkpoint done\n');
    }
  })();
}
const counters = store.collection('counters');
const audit = store.collection('audit');
await audit.createIndex({ name: 'audit_by_time', keys: { at: -1 } });
for (let i = start; ; i += 1) {
  // Several writes in flight at once, as a server has: each is reported when acknowledged.
  await Promise.all(
    [0, 1, 2].map(async (k) => {
      const id = `w${i}-${k}`;
      await claims.insertOne({ _id: id, customerId: id, status: 'active', payload: 'x'.repeat(200) });
      process.stdout.write(`ack ${id}\n`);
    }),
  );
  await claims.updateOne({ _id: `w${i}-0` }, { $set: { status: 'released' } });
  process.stdout.write(`ack update w${i}-0\n`);
  if (mode === 'checkpoints') {
    process.stdout.write('inc sent\n');
    await counters.updateOne({ _id: 'n' }, { $inc: { n: 1 } }, { upsert: true });
    process.stdout.write('ack inc\n');
    // The audit trail is packed: its snapshot lines carry their index keys and a checksum (snapshotLine.ts).
    await audit.insertOne({ _id: `a${i}`, at: `t${String(i).padStart(8, '0')}`, text: '报备 "审计" {}' });
    process.stdout.write(`ack audit a${i}\n`);
  }
}
