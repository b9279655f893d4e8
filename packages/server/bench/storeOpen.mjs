// The process bench:store measures: `node storeOpen.mjs <open|read|parse> <dir> <customers>`.
// open: EmbeddedStore.open, then RSS and heap after a collection, then the time and RSS once the
// indexes built after opening are built, then a checkpoint.
// read: the snapshot's bytes, 4 MB at a time. parse: every line through JSON.parse.
// Prints one JSON line.
import { closeSync, openSync, readSync } from 'node:fs';
import { join } from 'node:path';
import { EmbeddedStore } from '@crm-policy/server';

const [mode, dir, size] = process.argv.slice(2);
const path = join(dir, 'snapshot.jsonl');
const started = performance.now();
if (mode === 'read' || mode === 'parse') {
  const fd = openSync(path, 'r');
  const chunk = Buffer.allocUnsafe(4 * 1024 * 1024);
  let carry = '';
  let lines = 0;
  for (let read = readSync(fd, chunk); read > 0; read = readSync(fd, chunk)) {
    if (mode === 'read') continue;
    const text = carry + chunk.toString('utf8', 0, read);
    const parts = text.split('\n');
    carry = parts.pop();
    for (const part of parts) {
      if (!part) continue;
      JSON.parse(part);
      lines += 1;
    }
  }
  closeSync(fd);
  console.log(JSON.stringify({ ms: performance.now() - started, lines }));
} else {
  const store = await EmbeddedStore.open(dir);
  const openMs = performance.now() - started;
  globalThis.gc?.();
  const { rss, heapUsed, arrayBuffers } = process.memoryUsage();
  const customers = await store.collection('customers').countDocuments();
  if (customers !== Number(size)) throw new Error(`opened ${customers} customers, expected ${size}`);
  // The packed collections' ordered indexes, built after opening a slice at a time (the store is serving by then).
  const indexing = performance.now();
  await store.indexed();
  const indexedMs = performance.now() - indexing;
  globalThis.gc?.();
  const indexedRss = process.memoryUsage().rss;
  const checkpoint = await store.checkpoint();
  await store.close();
  console.log(JSON.stringify({ openMs, rss, heap: heapUsed + arrayBuffers, indexedMs, indexedRss, checkpointMs: checkpoint.ms, checkpointBytes: checkpoint.bytes }));
}
