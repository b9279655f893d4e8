import { Worker } from 'node:worker_threads';
import type { ChangedRecord, Decision, RuleFile, SimulationReport } from '@crm-policy/engine';
import { sharedTexts } from './sharedTexts.js';

/** What a worker is started with: rule files to compile at once (the published versions), so a job finds them ready. */
export interface WorkerStart {
  warm: RuleFile[];
}

/** One simulation, as its worker is told it. */
export interface SimulationJob {
  published: RuleFile;
  draft: RuleFile;
  /** An uploaded records file, read by the worker itself; without it, the server sends pages of recorded decisions. */
  upload?: string;
  progressEvery: number;
}

/** A changed record of a page the server sent: named by its place there, with both decisions (the facts are in the page). */
export interface PageChange {
  page: number;
  index: number;
  published: Pick<Decision, 'outcome' | 'fired' | 'explanation'>;
  draft: Pick<Decision, 'outcome' | 'fired' | 'explanation'>;
}

/** From the server to the worker: a job, a page of its recorded decisions (their JSON texts in shared memory: `sharedTexts`), a batch of changed records taken, their end, or a cancel. */
export type ToWorker =
  | { type: 'job'; job: number; data: SimulationJob }
  | { type: 'page'; job: number; seq: number; shared: SharedArrayBuffer; ends: Uint32Array }
  | { type: 'taken'; job: number }
  | { type: 'end'; job: number }
  | { type: 'cancel'; job: number };

/** From the worker: a page wanted, changed records, a page done with, progress, and at last the report or the failure. */
export type FromWorker =
  | { type: 'pull'; job: number }
  /** `json`: the changed records (`ChangedRecord` or `PageChange`), a JSON array. */
  | { type: 'changed'; job: number; json: string }
  | { type: 'released'; job: number; page: number }
  | { type: 'progress'; job: number; processed: number }
  | { type: 'done'; job: number; report: SimulationReport; cancelled: boolean }
  | { type: 'failed'; job: number; message: string };

/** What a simulation thread tells the job, in order; the last is `done` or `failed`. */
export type SimulationEvent =
  | { type: 'changed'; records: ChangedRecord[] }
  | { type: 'progress'; processed: number }
  | { type: 'done'; report: SimulationReport; cancelled: boolean }
  | { type: 'failed'; message: string };

/** Events heard but not yet taken by the job past which pages wait: the worker runs no further ahead of the writes than that. */
const EVENTS_HELD = 4;

// Under the test runner this module is TypeScript, and so is the worker's: the worker then loads it through tsx's API.
const source = import.meta.url.endsWith('.ts');
const WORKER_URL = new URL(source ? './simulationWorker.ts' : './simulationWorker.js', import.meta.url);

function startWorker(start: WorkerStart): Worker {
  if (!source) return new Worker(WORKER_URL, { workerData: start });
  const load = `import('tsx/esm/api').then(({ tsImport }) => tsImport(${JSON.stringify(WORKER_URL.href)}, ${JSON.stringify(WORKER_URL.href)}))`;
  return new Worker(load, { eval: true, workerData: start, execArgv: [] });
}

/**
 * The worker threads simulations decide in. One is kept between jobs, with
 * the policies it compiled; `warm` starts it ahead of the first job (the
 * server does at start when asked: `npm start` does), so a job starts
 * deciding at once rather than after loading the engine and compiling both
 * versions. Idle, it does not keep the process alive.
 */
export class SimulationWorkers {
  private spare: { worker: Worker; lost: () => void } | undefined;
  private jobs = 0;
  private closed = false;

  /** Starts the kept worker now, compiling these rule files (the published versions). */
  warm(files: RuleFile[]): void {
    if (this.spare || this.closed) return;
    this.keep(startWorker({ warm: files }));
  }

  /** Starts a job in the kept worker, or in a new one. */
  start(data: SimulationJob): SimulationThread {
    const spare = this.spare;
    this.spare = undefined;
    let worker: Worker;
    if (spare) {
      spare.worker.off('error', spare.lost).off('exit', spare.lost);
      worker = spare.worker;
      worker.ref();
    } else worker = startWorker({ warm: [] });
    return new SimulationThread(worker, (this.jobs += 1), data, (done, reusable) => {
      if (reusable && !this.spare && !this.closed) this.keep(done);
      else stop(done);
    });
  }

  async close(): Promise<void> {
    this.closed = true;
    const spare = this.spare;
    this.spare = undefined;
    if (spare) await stop(spare.worker);
  }

  private keep(worker: Worker): void {
    worker.unref();
    const lost = () => {
      if (this.spare?.worker === worker) this.spare = undefined;
    };
    worker.on('error', lost).on('exit', lost);
    this.spare = { worker, lost };
  }
}

/** Stops a worker; an error it raises meanwhile (out of memory, say) is of no interest any more, and must not go unheard. */
function stop(worker: Worker): Promise<number> {
  worker.on('error', () => undefined);
  return worker.terminate();
}

/**
 * A simulation deciding in a worker thread, so the server's event loop goes
 * on serving requests, and reading the next page of records overlaps
 * deciding this one. The job feeds it pages as it asks (`feed`) and takes
 * its events (`for await`); `cancel` stops it at its next record. The pages
 * sent are held here until the worker is done with them, so a changed record
 * comes back as its place in a page and its facts are not copied back.
 */
export class SimulationThread implements AsyncIterable<SimulationEvent> {
  private readonly events: SimulationEvent[] = [];
  private readonly held = new Map<number, string[]>();
  private pulls = 0;
  private pages = 0;
  private finished = false;
  private reusable = false;
  private stopped = false;
  private exited = false;
  private released = false;
  private readonly onMessage: (message: FromWorker) => void;
  private readonly onError: (error: Error) => void;
  private readonly onExit: (code: number) => void;
  private wakeEvents: (() => void) | undefined;
  private wakeFeed: (() => void) | undefined;

  constructor(
    private readonly worker: Worker,
    private readonly job: number,
    data: SimulationJob,
    private readonly release: (worker: Worker, reusable: boolean) => void,
  ) {
    this.onMessage = (message: FromWorker) => {
      if (message.job !== job) return;
      if (message.type === 'pull') {
        this.pulls += 1;
        this.wakeFeed?.();
      } else if (message.type === 'released') this.held.delete(message.page);
      else if (message.type === 'changed') this.push({ type: 'changed', records: (JSON.parse(message.json) as Array<ChangedRecord | PageChange>).map((record) => this.changedRecord(record)) });
      else if (message.type === 'done') {
        this.reusable = true;
        this.push({ type: 'done', report: message.report, cancelled: message.cancelled });
      } else if (message.type === 'failed') {
        // The worker caught the failure (a draft that does not compile, an unreadable file): it can serve the next job.
        this.reusable = true;
        this.push({ type: 'failed', message: message.message });
      } else this.push(message);
    };
    // A worker that stops is never kept, even when it stops after its report.
    this.onError = (error) => {
      this.exited = true;
      this.push({ type: 'failed', message: error.message });
    };
    this.onExit = (code) => {
      this.exited = true;
      this.push({ type: 'failed', message: `the simulation's worker stopped (exit code ${code})` });
    };
    worker.on('message', this.onMessage).on('error', this.onError).on('exit', this.onExit);
    this.send({ type: 'job', job, data });
  }

  /** Events heard and not yet taken: the worker stops a few batches of changed records ahead of what is taken. */
  get waiting(): number {
    return this.events.length;
  }

  /** The worker thread's id (a kept worker serves job after job). */
  get threadId(): number {
    return this.worker.threadId;
  }

  private changedRecord(record: ChangedRecord | PageChange): ChangedRecord {
    if (!('page' in record)) return record;
    const decision = JSON.parse(this.held.get(record.page)![record.index]!) as { _id: string; facts: Record<string, unknown>; at: string };
    return { id: decision._id, facts: decision.facts, ...(decision.at ? { at: decision.at } : {}), published: record.published, draft: record.draft };
  }

  private push(event: SimulationEvent): void {
    if (this.finished) return;
    if (event.type === 'done' || event.type === 'failed') this.finished = true;
    this.events.push(event);
    this.wake();
  }

  private wake(): void {
    this.wakeEvents?.();
    this.wakeFeed?.();
  }

  /** Sends pages of recorded decisions (each the JSON texts of its documents) as the worker asks for them, then their end; stops early once the thread is done or cancelled. */
  async feed(pages: AsyncIterable<string[]>): Promise<void> {
    for await (const page of pages) {
      while (!this.finished && !this.stopped && (this.pulls === 0 || this.events.length >= EVENTS_HELD)) {
        await new Promise<void>((resolve) => (this.wakeFeed = resolve));
        this.wakeFeed = undefined;
      }
      if (this.finished || this.stopped) break;
      this.pulls -= 1;
      const seq = (this.pages += 1);
      this.held.set(seq, page);
      this.send({ type: 'page', job: this.job, seq, ...sharedTexts(page) });
    }
    this.send({ type: 'end', job: this.job });
  }

  /** Stops the deciding at its next record; the report then counts what was decided. */
  cancel(): void {
    this.stopped = true;
    this.send({ type: 'cancel', job: this.job });
    this.wakeFeed?.();
  }

  /** Lets the worker go: kept for the next job when this one ended with its report, stopped otherwise. */
  close(): void {
    this.push({ type: 'failed', message: 'the simulation was stopped' });
    this.held.clear();
    if (this.released) return;
    this.released = true;
    this.worker.off('message', this.onMessage).off('error', this.onError).off('exit', this.onExit);
    this.release(this.worker, this.reusable && !this.exited);
  }

  private send(message: ToWorker): void {
    if (!this.finished) this.worker.postMessage(message);
  }

  async *[Symbol.asyncIterator](): AsyncGenerator<SimulationEvent> {
    for (;;) {
      const event = this.events.shift();
      if (event === undefined) {
        await new Promise<void>((resolve) => (this.wakeEvents = resolve));
        this.wakeEvents = undefined;
        continue;
      }
      this.wakeFeed?.();
      // The worker sends no further ahead of what is taken than a few batches.
      if (event.type === 'changed') this.send({ type: 'taken', job: this.job });
      yield event;
      if (event.type === 'done' || event.type === 'failed') return;
    }
  }
}
