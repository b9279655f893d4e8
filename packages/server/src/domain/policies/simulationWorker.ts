/**
 * The worker thread simulations decide in (`SimulationWorkers` starts it and
 * keeps it for the next job): for each job it builds both policies from their
 * rule files (kept for later jobs, so the published version is compiled once),
 * reads the records (pages of recorded decisions as JSON text from the
 * server, or the uploaded file itself), re-decides them with the engine's
 * `simulate`, and sends back the changed records in batches, its progress,
 * and the report.
 */
import { parentPort, workerData } from 'node:worker_threads';
import { setImmediate } from 'node:timers/promises';
import type { ChangedRecord, Policy, RuleFile, SimulationRecord } from '@crm-policy/engine';
import { createPolicy, readRecords, simulate } from '@crm-policy/engine';
import type { DecisionDoc } from './decisionLog.js';
import type { FromWorker, PageChange, SimulationJob, ToWorker, WorkerStart } from './simulationThread.js';
import { parseSharedTexts } from './sharedTexts.js';

/** Changed records go back in batches of this many (and at each progress point). */
const CHANGED_BATCH = 500;
/** Pages asked for ahead of the one being decided: the server reads the next while this one is decided. */
const PAGES_AHEAD = 2;
/** Compiled policies kept for later jobs, the least recently used let go first (the published versions, a draft tried again). */
const POLICIES_KEPT = 6;
/** Batches of changed records sent and not yet taken by the server past which the deciding waits: memory does not grow with the records, even when the writes fall behind. */
const BATCHES_AHEAD = 4;

const port = parentPort!;
const send = (message: FromWorker) => port.postMessage(message);

const policies = new Map<string, Promise<Policy>>();
function policy(file: RuleFile): Promise<Policy> {
  const key = JSON.stringify(file);
  let compiled = policies.get(key);
  if (compiled) policies.delete(key);
  else {
    const made = createPolicy(file, { verify: false });
    made.catch(() => {
      if (policies.get(key) === made) policies.delete(key);
    });
    compiled = made;
  }
  // Last in the map's order: the most recently used.
  policies.set(key, compiled);
  if (policies.size > POLICIES_KEPT) policies.delete(policies.keys().next().value!);
  return compiled;
}
for (const file of (workerData as WorkerStart).warm) void policy(file).catch(() => undefined);

/** The job being decided: its pages as they come, whether they have ended, its cancel, its batches of changed records not yet taken. */
let current: { job: number; pages: Array<{ seq: number; shared: SharedArrayBuffer; ends: Uint32Array }>; ended: boolean; controller: AbortController; untaken: number; wake?: () => void } | undefined;

port.on('message', (message: ToWorker) => {
  if (message.type === 'job') {
    current = { job: message.job, pages: [], ended: false, controller: new AbortController(), untaken: 0 };
    void run(message.job, message.data);
    return;
  }
  // What is left over from a job already over is dropped.
  if (!current || message.job !== current.job) return;
  if (message.type === 'page') current.pages.push({ seq: message.seq, shared: message.shared, ends: message.ends });
  else if (message.type === 'taken') current.untaken -= 1;
  else if (message.type === 'end') current.ended = true;
  else current.controller.abort();
  current.wake?.();
});

/**
 * The recorded decisions the server sends, a page of JSON text at a time,
 * asked for ahead. A changed record is named by its page and place there
 * (`where`): the server holds the page until it is released, so the facts
 * need not come back.
 */
async function* history(job: NonNullable<typeof current>, where: Map<string, [number, number]>, pageDone: (seq: number) => Promise<void>): AsyncGenerator<SimulationRecord[]> {
  for (let i = 0; i < PAGES_AHEAD; i += 1) send({ type: 'pull', job: job.job });
  let last: number | undefined;
  for (;;) {
    const page = job.pages.shift();
    if (page === undefined) {
      if (job.ended || job.controller.signal.aborted) break;
      await new Promise<void>((resolve) => (job.wake = resolve));
      job.wake = undefined;
      continue;
    }
    if (!job.ended) send({ type: 'pull', job: job.job });
    // The page before is decided by now: its changed records go before its release.
    if (last !== undefined) await pageDone(last);
    where.clear();
    const decisions = parseSharedTexts<DecisionDoc>(page);
    const records: SimulationRecord[] = new Array(decisions.length);
    for (let i = 0; i < decisions.length; i += 1) {
      const decision = decisions[i]!;
      where.set(decision._id, [page.seq, i]);
      records[i] = { id: decision._id, facts: decision.facts, at: decision.at, recorded: { version: decision.version, outcome: decision.outcome, fired: decision.fired } };
    }
    last = page.seq;
    yield records;
  }
  if (last !== undefined) await pageDone(last);
}

async function run(job: number, data: SimulationJob): Promise<void> {
  const state = current!;
  try {
    const [published, draft] = await Promise.all([policy(data.published), policy(data.draft)]);
    const where = new Map<string, [number, number]>();
    let changed: Array<ChangedRecord | PageChange> = [];
    // Sends the changed records held, then waits while the server has too many batches to take (a cancel ends the wait).
    const sendChanged = async () => {
      if (changed.length === 0) return;
      // As JSON text: cheaper to make and to send than the structured clone of the objects.
      send({ type: 'changed', job, json: JSON.stringify(changed) });
      changed = [];
      state.untaken += 1;
      while (state.untaken > BATCHES_AHEAD && !state.controller.signal.aborted) {
        await new Promise<void>((resolve) => (state.wake = resolve));
        state.wake = undefined;
      }
    };
    // A page's changed records are all sent before the server hears it may let the page go.
    const pageDone = async (page: number) => {
      await sendChanged();
      send({ type: 'released', job, page });
    };
    const records = data.upload === undefined ? { pages: history(state, where, pageDone) } : readRecords(data.upload);
    const report = await simulate(published, draft, records, {
      signal: state.controller.signal,
      progressEvery: data.progressEvery,
      onChanged: (record) => {
        const at = where.get(record.id);
        changed.push(at ? { page: at[0], index: at[1], published: record.published, draft: record.draft } : record);
        return changed.length >= CHANGED_BATCH ? sendChanged() : undefined;
      },
      onProgress: async (processed) => {
        await sendChanged();
        send({ type: 'progress', job, processed });
        // Records already here are decided without the event loop turning: let it turn, so a cancel is heard.
        await setImmediate();
      },
    });
    await sendChanged();
    send({ type: 'done', job, report, cancelled: state.controller.signal.aborted });
  } catch (error) {
    send({ type: 'failed', job, message: error instanceof Error ? error.message : String(error) });
  } finally {
    if (current === state) current = undefined;
  }
}
