// npm run bench:store — data folders of 10k, 100k and 1M registered customers (each with
// its claim, audit entry, decision and event, as RegistrationService writes them), opened
// by a fresh process: open time, RSS and heap, bytes on disk and memory per customer, and
// the time and RSS once the indexes the store builds after opening are built (off the request
// path: the store serves meanwhile), and the time of a checkpoint. Baselines, measured in the same run on the same folder, each
// in a process of its own: reading the files' bytes, and parsing every line as JSON
// without a store. BENCH_SIZES (default 10000,100000,1000000); BENCH_KEEP=1 keeps the folders.
import { execFileSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { closeSync, mkdtempSync, openSync, rmSync, statSync, writeSync } from 'node:fs';
import { availableParallelism, loadavg, tmpdir, totalmem } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { newCustomer, PACKED_COLLECTIONS, snapshotDocumentLine, STORE_FORMAT } from '@crm-policy/server';
import { company, nameOf, random } from './companyNames.mjs';
import { registrationTemplate } from './storeTemplate.mjs';

/** An id as the server makes them (store/newId.ts): 96 random bits in 16 base64url characters. */
const newId = () => randomBytes(12).toString('base64url');

const SIZES = (process.env.BENCH_SIZES ?? '10000,100000,1000000').split(',').map(Number);
const CUSTOMERS_PER_REP = 200;
const AIMS = { 100_000: { seconds: 10, rss: 1.5 * 1024 ** 3 }, 1_000_000: { seconds: 60, rss: 12 * 1024 ** 3 } };
const OPENER = fileURLToPath(new URL('./storeOpen.mjs', import.meta.url));

const formOf = (c) => ({ companyName: nameOf(c), creditCode: c.creditCode, region: '440305', contactName: '张总', phone: c.phone, grade: 'C', deployment: 'saas' });
const gb = (bytes) => `${(bytes / 1024 ** 3).toFixed(2)} GB`;
const kb = (bytes) => `${(bytes / 1024).toFixed(1)} KB`;

// One registration as the service writes it.
const templateForm = formOf(company(random(7), 0));
const template = await registrationTemplate(templateForm);
const serviceCustomer = template.added.customers[0];
const rebuilt = newCustomer({ form: templateForm, industry: serviceCustomer.industry, templateVersion: serviceCustomer.templateVersion, createdBy: serviceCustomer.createdBy, now: serviceCustomer.createdAt });
const comparable = (doc) => JSON.stringify({ ...doc, _id: '' });
if (comparable(rebuilt) !== comparable(serviceCustomer)) throw new Error(`the generator's customer differs from the service's:\n${comparable(rebuilt)}\n${comparable(serviceCustomer)}`);
const perCustomer = Object.entries(template.added).filter(([name]) => !['customers', 'workloads', 'leases', 'users', 'teams'].includes(name));
const bytesPerRegistration = Object.entries(template.added).reduce((sum, [, docs]) => sum + docs.reduce((s, d) => s + Buffer.byteLength(JSON.stringify(d)), 0), 0);

/** The documents of customer `i` in a collection other than customers: the template's, with its ids, name and rep replaced. */
function substituter(docs) {
  let text = JSON.stringify(docs);
  const replace = [[serviceCustomer._id, 'CUSTOMER'], [serviceCustomer.name, 'NAME'], [template.rep.id, 'REPID'], [template.rep.displayName, 'REPNAME']];
  for (const doc of docs) replace.push([doc._id, `OWN:${doc._id}`]);
  // The event feed's sequence is unique (events_by_seq): each customer's event gets its own, as the service numbers them.
  for (const doc of docs) if (typeof doc.seq === 'string') replace.push([doc.seq, 'SEQ']);
  for (const [name, docsOf] of perCustomer) for (const doc of docsOf) replace.push([doc._id, `ID:${name}:${doc._id}`]);
  if (template.claim) replace.push([template.claim._id, `ID:claims:${template.claim._id}`]);
  const labels = new Map();
  for (const [value, label] of replace.sort((a, b) => b[0].length - a[0].length)) if (text.includes(value) && !labels.has(value)) labels.set(value, label);
  const marks = [...labels.keys()];
  // Split on every value to replace, keeping which one sits between parts.
  const pattern = new RegExp(marks.map((m) => m.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')).join('|'), 'g');
  const parts = text.split(pattern);
  const between = [...text.matchAll(pattern)].map((m) => m[0]);
  return (values) => {
    let out = parts[0];
    for (let k = 0; k < between.length; k += 1) out += values(labels.get(between[k])) + parts[k + 1];
    return JSON.parse(out);
  };
}

/** Writes a data folder of `size` customers as a checkpoint would (snapshot.jsonl). */
function buildFolder(size) {
  const dir = mkdtempSync(join(tmpdir(), `crm-policy-store-bench-${size}-`));
  const fd = openSync(join(dir, 'snapshot.jsonl'), 'w');
  let pending = [];
  let pendingLength = 0;
  const line = (value) => {
    const text = typeof value === 'string' ? value : JSON.stringify(value);
    pending.push(text);
    pendingLength += text.length;
    if (pendingLength > 4_000_000) flush();
  };
  const flush = () => {
    writeSync(fd, `${pending.join('\n')}\n`);
    pending = [];
    pendingLength = 0;
  };
  line({ store: 'crm-policy', format: STORE_FORMAT, generation: 1, at: new Date().toISOString() });
  const reps = Math.ceil(size / CUSTOMERS_PER_REP);
  const repOf = (i) => i % reps;
  // Customers first (names deduplicated by identity key, as the store's unique index requires).
  const rand = random(20_261_130);
  const seen = new Set();
  const names = [];
  const customerIds = [];
  line({ c: 'customers', indexes: template.indexes.customers });
  for (let i = 0; names.length < size; i += 1) {
    const form = formOf(company(rand, i));
    const doc = newCustomer({ form, industry: serviceCustomer.industry, templateVersion: serviceCustomer.templateVersion, createdBy: `benchrep-${repOf(names.length)}`, now: serviceCustomer.createdAt });
    if (seen.has(doc.nameKey) || (doc.creditCode && seen.has(doc.creditCode))) continue;
    seen.add(doc.nameKey);
    if (doc.creditCode) seen.add(doc.creditCode);
    names.push(doc.name);
    customerIds.push(doc._id);
    line(snapshotDocumentLine('customers', doc, template.indexes.customers, PACKED_COLLECTIONS.includes('customers')));
  }
  seen.clear();
  for (const [name, docs] of perCustomer) {
    line({ c: name, indexes: template.indexes[name] ?? [] });
    const make = substituter(docs);
    for (let i = 0; i < size; i += 1) {
      const ids = new Map();
      const rep = repOf(i);
      const made = make((mark) => {
        if (mark.startsWith('OWN:') || mark.startsWith('ID:')) {
          const key = mark.startsWith('OWN:') ? `${name}:${mark.slice(4)}` : mark.slice(3);
          if (!ids.has(key)) ids.set(key, newId());
          return ids.get(key);
        }
        if (mark === 'CUSTOMER') return customerIds[i];
        if (mark === 'SEQ') return `${serviceCustomer.createdAt}|${String(i).padStart(9, '0')}`;
        if (mark === 'NAME') return names[i];
        if (mark === 'REPID') return `benchrep-${rep}`;
        if (mark === 'REPNAME') return `Bench Rep ${rep}`;
        throw new Error(`no value for ${mark}`);
      });
      for (const doc of made) line(snapshotDocumentLine(name, doc, template.indexes[name] ?? [], PACKED_COLLECTIONS.includes(name)));
    }
  }
  // Every rep, and their workloads.
  line({ c: 'users', indexes: template.indexes.users ?? [] });
  for (let r = 0; r < reps; r += 1) line({ c: 'users', d: { ...template.user, _id: `benchrep-${r}`, username: `benchrep-${r}`, displayName: `Bench Rep ${r}` } });
  line({ c: 'teams', indexes: template.indexes.teams ?? [] });
  line({ c: 'teams', d: template.team });
  if (template.workload) {
    line({ c: 'workloads', indexes: template.indexes.workloads ?? [] });
    for (let r = 0; r < reps; r += 1) {
      const held = Math.floor(size / reps) + (r < size % reps ? 1 : 0);
      line({ c: 'workloads', d: { ...template.workload, _id: `benchrep-${r}`, active: held * template.workload.active, weighted: held * template.workload.weighted } });
    }
  }
  flush();
  closeSync(fd);
  return dir;
}

/** Runs the opener in a process of its own, with the young generation `npm start` gives the server (package.json); answers what it printed. */
function measure(mode, dir, size) {
  const heapLimit = Math.min(Math.floor(totalmem() / 1024 / 1024) - 2048, 16_384);
  const out = execFileSync(process.execPath, ['--expose-gc', `--max-old-space-size=${heapLimit}`, '--max-semi-space-size=64', OPENER, mode, dir, String(size)], { encoding: 'utf8', maxBuffer: 1 << 20, stdio: ['ignore', 'pipe', 'inherit'] });
  return JSON.parse(out.trim().split('\n').at(-1));
}

console.log(`bench:store — the embedded store opening data folders of registered customers, node ${process.version}, ${availableParallelism()} cores, ${gb(totalmem())} RAM`);
console.log(`one registration as the service writes it: ${Object.entries(template.added).map(([name, docs]) => `${name} ${docs.length}`).join(', ')}; ${bytesPerRegistration} bytes of documents`);
const rows = [];
for (const size of SIZES) {
  let started = performance.now();
  const dir = buildFolder(size);
  const built = (performance.now() - started) / 1000;
  const bytes = statSync(join(dir, 'snapshot.jsonl')).size;
  process.stderr.write(`${size}: folder of ${gb(bytes)} built in ${built.toFixed(0)} s; measuring…\n`);
  const read = measure('read', dir, size);
  const parse = measure('parse', dir, size);
  const open = measure('open', dir, size);
  rows.push({ size, bytes, read, parse, open, load: loadavg().map((x) => x.toFixed(2)).join(' ') });
  if (!process.env.BENCH_KEEP) rmSync(dir, { recursive: true, force: true });
  else process.stderr.write(`kept ${dir}\n`);
}
console.log('\ncustomers | on disk (per customer) | open | baseline: read the bytes | baseline: parse every line | RSS after open (per customer) | heap (per customer) | indexes built after open: time, RSS | checkpoint | load average');
for (const { size, bytes, read, parse, open, load } of rows) {
  const aim = AIMS[size];
  // The memory aim holds for the store once its background indexes are built too.
  const verdict = aim ? ` (aim ≤ ${aim.seconds} s within ${gb(aim.rss)}: ${open.openMs / 1000 <= aim.seconds && Math.max(open.rss, open.indexedRss) <= aim.rss ? 'met' : 'not met'})` : '';
  console.log(
    `${size.toLocaleString('en')} | ${gb(bytes)} (${kb(bytes / size)}) | ${(open.openMs / 1000).toFixed(1)} s${verdict} | ${(read.ms / 1000).toFixed(1)} s (open ${(open.openMs / read.ms).toFixed(1)}×) | ${(parse.ms / 1000).toFixed(1)} s (open ${(open.openMs / parse.ms).toFixed(1)}×) | ${gb(open.rss)} (${kb(open.rss / size)}) | ${gb(open.heap)} (${kb(open.heap / size)}) | ${(open.indexedMs / 1000).toFixed(1)} s, ${gb(open.indexedRss)} | ${(open.checkpointMs / 1000).toFixed(1)} s, ${gb(open.checkpointBytes)} | ${load}`,
  );
}
