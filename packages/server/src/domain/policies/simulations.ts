import { newId } from '../../store/newId.js';
import { unlink } from 'node:fs/promises';
import type { ChangedRecord, Policy, PolicyKind, RuleFile, SimulationReport } from '@crm-policy/engine';
import { createPolicy, outcomeLabel, POLICY_KINDS } from '@crm-policy/engine';
import type { Principal } from '../../auth/principal.js';
import { DomainError } from '../domainError.js';
import type { Logger } from '../../logger.js';
import type { Collection, Doc, Store } from '../../store/collection.js';
import type { AuditLog } from '../audit/auditLog.js';
import type { DecisionLog } from './decisionLog.js';
import type { LivePolicies } from './livePolicies.js';
import type { PolicyVersions } from './policyVersions.js';
import type { SimulationThread } from './simulationThread.js';
import { SimulationWorkers } from './simulationThread.js';
import { WriteBehind } from './writeBehind.js';

export type SimulationSource = { kind: 'history'; from: string; to: string } | { kind: 'upload'; bytes: number };

/** A simulation job: progress while it runs, the report when it is done. */
export interface SimulationDoc extends Doc {
  policy: PolicyKind;
  /** The draft simulated: a stored version, or the rule file sent with the request. */
  draft: { versionId: string | null; version: string; file?: RuleFile };
  published: { versionId: string; version: string };
  source: SimulationSource;
  status: 'running' | 'done' | 'cancelled' | 'failed' | 'interrupted';
  by: string;
  startedAt: string;
  finishedAt?: string;
  /** Records to go through, when known up front (history). */
  total: number | null;
  processed: number;
  recordsPerSecond: number;
  secondsLeft: number | null;
  cancelRequested?: true;
  report?: SimulationReport;
  error?: string;
}

/** A record whose outcome the draft changes (outcomes and fired rules; explanations are rebuilt on download), kept for download and for turning into a test case. */
export interface SimulationChangeDoc extends Doc, Omit<ChangedRecord, 'id'> {
  simulationId: string;
  recordId: string;
  seq: number;
  /** The transition-table cell the record counts in (outcome labels), so a cell's records can be listed. */
  transition?: { from: string; to: string };
}

/** Which changed records to list: one transition-table cell, or one parameter change (`param` going `before` → `after`). */
export type ChangeCell = { from: string; to: string } | { param: string; before: unknown; after: unknown } | Record<string, never>;

const PROGRESS_EVERY = 2_000;
/** Simulations running at once, at most: each decides in a thread of its own (a core, and the memory of its pages). A start past it is refused (503 `busy`). */
export const SIMULATIONS_AT_ONCE = 2;
/** Changes are written in batches of at least this many, more while the previous batch is being written… */
const CHANGE_BATCH = 500;
/** …up to this many, when the job waits for that write. */
const CHANGES_HELD = 10_000;

/**
 * Re-decides historical inputs under a draft and the published version, as
 * a background job in a worker thread (`SimulationThread`): the recorded
 * decisions of a period, read here a page at a time as JSON text while the
 * thread decides the page before, or an uploaded JSON Lines file, which the
 * thread reads (memory does not grow with the records). Changed
 * records are stored for download; the job can be cancelled.
 */
export class Simulations {
  readonly jobs: Collection<SimulationDoc>;
  readonly changes: Collection<SimulationChangeDoc>;
  private readonly running = new Set<Promise<void>>();
  /** Jobs started or being started: each holds a worker thread, a core's worth of deciding and its memory, until it ends. */
  private taken = 0;
  private readonly workers = new SimulationWorkers();

  constructor(
    store: Store,
    private readonly deps: { versions: PolicyVersions; live: LivePolicies; log: DecisionLog; audit: AuditLog; clock: () => Date; logger: Logger },
  ) {
    this.jobs = store.collection<SimulationDoc>('simulations');
    this.changes = store.collection<SimulationChangeDoc>('simulationChanges');
  }

  async prepare(): Promise<void> {
    await this.changes.createIndex({ name: 'changes_by_simulation', keys: { simulationId: 1, seq: 1 } });
    await this.jobs.updateMany({ status: 'running' }, { $set: { status: 'interrupted', finishedAt: this.deps.clock().toISOString() } });
  }

  /** Starts a simulation; `draft` is `draft` (the saved draft), a version id, or a rule file. */
  async start(principal: Principal, policy: PolicyKind, draftRef: string | RuleFile, source: { history: { from: string; to: string } } | { upload: { path: string; bytes: number } }): Promise<SimulationDoc> {
    if (this.taken >= SIMULATIONS_AT_ONCE) {
      if ('upload' in source) await unlink(source.upload.path).catch(() => undefined);
      throw new DomainError('busy', `${SIMULATIONS_AT_ONCE} simulations are running: start this one when one of them is over, or cancel one`, { running: SIMULATIONS_AT_ONCE });
    }
    // Taken before the first wait, so two starts at once cannot both take the last place.
    this.taken += 1;
    try {
      return await this.begin(principal, policy, draftRef, source);
    } catch (error) {
      this.taken -= 1;
      throw error;
    }
  }

  /** `start`, its place taken: given back when the job's run ends (or here, by `start`, when it never began). */
  private async begin(principal: Principal, policy: PolicyKind, draftRef: string | RuleFile, source: { history: { from: string; to: string } } | { upload: { path: string; bytes: number } }): Promise<SimulationDoc> {
    let draft: { policy: Policy; versionId: string | null };
    try {
      draft = await this.draftPolicy(policy, draftRef);
    } catch (error) {
      if ('upload' in source) await unlink(source.upload.path).catch(() => undefined);
      throw error;
    }
    const published = this.deps.live.current(policy);
    const doc: SimulationDoc = {
      _id: newId(),
      policy,
      draft: { versionId: draft.versionId, version: draft.policy.ruleFile.version, ...(draft.versionId === null ? { file: draft.policy.ruleFile } : {}) },
      published: { versionId: published.versionId, version: published.policy.ruleFile.version },
      source: 'history' in source ? { kind: 'history', ...source.history } : { kind: 'upload', bytes: source.upload.bytes },
      status: 'running',
      by: principal.id,
      startedAt: this.deps.clock().toISOString(),
      total: 'history' in source ? await this.deps.log.count(policy, source.history.from, source.history.to) : null,
      processed: 0,
      recordsPerSecond: 0,
      secondsLeft: null,
    };
    await this.jobs.insertOne(doc);
    await this.deps.audit.record({ actor: principal, action: 'policy.simulation-started', subject: policy, data: { simulationId: doc._id, draft: doc.draft, source: doc.source } });
    let thread: SimulationThread;
    try {
      thread = this.workers.start({ published: published.policy.ruleFile, draft: draft.policy.ruleFile, progressEvery: PROGRESS_EVERY, ...('upload' in source ? { upload: source.upload.path } : {}) });
    } catch (error) {
      // No thread (the machine refused one): the job is over before it began.
      await this.jobs.updateOne({ _id: doc._id }, { $set: { status: 'failed', error: (error as Error).message, finishedAt: this.deps.clock().toISOString() } });
      if ('upload' in source) await unlink(source.upload.path).catch(() => undefined);
      throw error;
    }
    const pages = 'history' in source ? this.pages(policy, source.history.from, source.history.to) : undefined;
    const run = this.run(doc, thread, pages)
      // Even the failure could not be recorded (the store refused it): said in the log, and the job reads `interrupted` after the next start.
      .catch((error: unknown) => this.deps.logger.error('simulation failed and could not be recorded', { simulationId: doc._id, error: (error as Error).message }))
      .finally(() => ('upload' in source ? unlink(source.upload.path).catch(() => undefined) : undefined))
      .finally(() => {
        this.running.delete(run);
        this.taken -= 1;
      });
    this.running.add(run);
    return doc;
  }

  async get(id: string): Promise<SimulationDoc> {
    const doc = await this.jobs.findOne({ _id: id });
    if (!doc) throw new DomainError('not-found', 'No such simulation');
    return doc;
  }

  list(policy: PolicyKind, limit: number, skip: number): Promise<SimulationDoc[]> {
    return this.jobs.find({ policy }, { sort: { startedAt: -1 }, limit, skip, projection: { 'report.ruleHits': 0 } });
  }

  async cancel(principal: Principal, id: string): Promise<SimulationDoc> {
    const doc = await this.jobs.findOneAndUpdate({ _id: id, status: 'running' }, { $set: { cancelRequested: true } });
    if (!doc) {
      const found = await this.get(id);
      throw new DomainError('conflict', `This simulation is ${found.status}`);
    }
    await this.deps.audit.record({ actor: principal, action: 'policy.simulation-cancelled', subject: doc.policy, data: { simulationId: id } });
    return doc;
  }

  /** A page of changed records, in the order met, optionally those of one cell; with how many the cell holds. */
  async changed(id: string, limit: number, skip: number, cell: ChangeCell = {}): Promise<{ changes: SimulationChangeDoc[]; total: number }> {
    await this.get(id);
    const filter: Record<string, unknown> = { simulationId: id };
    if ('from' in cell) Object.assign(filter, { 'transition.from': cell.from, 'transition.to': cell.to });
    if ('param' in cell) {
      // A missing parameter counts as null in the report; `$in` with null matches both missing and null.
      // `$eq` keeps a JSON object from the query a value: `{"$ne": …}` is never read as an operator.
      const value = (v: unknown) => (v === null ? { $in: [null] } : { $eq: v });
      Object.assign(filter, { [`published.outcome.params.${cell.param}`]: value(cell.before), [`draft.outcome.params.${cell.param}`]: value(cell.after) });
    }
    const [changes, total] = await Promise.all([this.changes.find(filter, { sort: { seq: 1 }, limit, skip }), this.changes.countDocuments(filter)]);
    return { changes, total };
  }

  /** Every changed record as JSON Lines with both explanations, decided again a page at a time (nothing heavy is stored). */
  async *download(id: string): AsyncGenerator<string> {
    const job = await this.get(id);
    const publishedDoc = await this.deps.versions.versions.findOne({ _id: job.published.versionId });
    const draftFile = job.draft.file ?? (job.draft.versionId ? (await this.deps.versions.versions.findOne({ _id: job.draft.versionId }))?.file : undefined);
    if (!publishedDoc || !draftFile) throw new DomainError('not-found', 'A version this simulation used no longer exists');
    const [published, draft] = await Promise.all([createPolicy(publishedDoc.file, { verify: false }), createPolicy(draftFile, { verify: false })]);
    const explained = (policy: Policy, change: SimulationChangeDoc) => {
      const decision = policy.decideSync(change.facts, { ...(change.at ? { now: change.at } : {}), explain: true });
      return { outcome: decision.outcome, fired: decision.fired, explanation: decision.explanation };
    };
    for (let after = -1; ; ) {
      const page = await this.changes.find({ simulationId: id, seq: { $gt: after } }, { sort: { seq: 1 }, limit: 500 });
      for (const change of page) yield `${JSON.stringify({ id: change.recordId, facts: change.facts, at: change.at, published: explained(published, change), draft: explained(draft, change) })}\n`;
      if (page.length < 500) return;
      after = page[page.length - 1]!.seq;
    }
  }

  /** Starts the worker simulations decide in now, with the published versions compiled, so the first job starts deciding at once. */
  warm(): void {
    this.workers.warm(POLICY_KINDS.map((kind) => this.deps.live.current(kind).policy.ruleFile));
  }

  /** Stops the kept worker (after `idle`, at shutdown). */
  close(): Promise<void> {
    return this.workers.close();
  }

  async idle(): Promise<void> {
    while (this.running.size > 0) await Promise.all([...this.running]);
  }

  private async draftPolicy(policy: PolicyKind, ref: string | RuleFile): Promise<{ policy: Policy; versionId: string | null }> {
    if (typeof ref === 'string') {
      const version = await this.deps.versions.get(policy, ref);
      return { policy: await createPolicy(version.file, { verify: false }), versionId: version._id };
    }
    const file = this.deps.versions.checked(policy, ref, 'en', '/draft');
    return { policy: await createPolicy(file, { verify: false }), versionId: null };
  }

  /** The recorded decisions of a period, a page of their JSON texts at a time, for the thread. */
  private pages(policy: PolicyKind, from: string, to: string): AsyncGenerator<string[]> {
    return this.deps.log.jsonPagesBetween(policy, from, to);
  }

  private async run(doc: SimulationDoc, thread: SimulationThread, pages: AsyncIterable<string[]> | undefined): Promise<void> {
    const started = performance.now();
    let seq = 0;
    let buffer: SimulationChangeDoc[] = [];
    // Changes and progress are written behind the deciding: waiting for each write to reach the disk would idle the job.
    const changeWrites = new WriteBehind();
    const progressWrites = new WriteBehind();
    const flush = async () => {
      if (buffer.length === 0) return;
      const batch = buffer;
      buffer = [];
      await changeWrites.write(() => this.changes.insertMany(batch));
    };
    // Pages go to the thread as it asks for them; a failed read fails the job.
    let feedFailure: Error | undefined;
    const feeding = pages
      ? thread.feed(pages).catch(async (error: Error) => {
          feedFailure = error;
          thread.close();
        })
      : undefined;
    try {
      let report: SimulationReport | undefined;
      let cancelled = false;
      for await (const event of thread) {
        if (event.type === 'failed') throw feedFailure ?? new Error(event.message);
        if (event.type === 'done') {
          report = event.report;
          cancelled = event.cancelled;
        } else if (event.type === 'changed') {
          for (const change of event.records) {
            const { id, ...rest } = change;
            const transition = { from: outcomeLabel(change.published.outcome), to: outcomeLabel(change.draft.outcome) };
            buffer.push({ _id: `${doc._id}:${seq}`, simulationId: doc._id, recordId: id, seq: seq++, transition, ...rest });
          }
          if (buffer.length >= CHANGES_HELD || (buffer.length >= CHANGE_BATCH && changeWrites.idle)) await flush();
        } else {
          const processed = event.processed;
          const seconds = (performance.now() - started) / 1000;
          const rate = processed / Math.max(seconds, 1e-3);
          const left = doc.total !== null ? Math.max(0, (doc.total - processed) / rate) : null;
          const update = { $set: { processed, recordsPerSecond: Math.round(rate), secondsLeft: left === null ? null : Math.round(left) } };
          // Skipped while the last update is being written (the next one says more). A cancel request is seen when an update lands, and stops the thread at its next record.
          if (!progressWrites.idle) continue;
          await progressWrites.write(async () => {
            const now = await this.jobs.findOneAndUpdate({ _id: doc._id }, update);
            if (now?.cancelRequested) thread.cancel();
          });
        }
      }
      thread.close();
      await feeding;
      if (!report) throw feedFailure ?? new Error('The simulation ended without a report');
      await flush();
      await Promise.all([changeWrites.settle(), progressWrites.settle()]);
      const seconds = (performance.now() - started) / 1000;
      await this.jobs.updateOne(
        { _id: doc._id },
        { $set: { status: cancelled ? 'cancelled' : 'done', finishedAt: this.deps.clock().toISOString(), processed: report.records, recordsPerSecond: Math.round(report.records / Math.max(seconds, 1e-3)), secondsLeft: 0, report } },
      );
    } catch (error) {
      thread.close();
      await feeding;
      await Promise.allSettled([changeWrites.settle(), progressWrites.settle()]);
      if (buffer.length > 0) await this.changes.insertMany(buffer).catch(() => undefined);
      this.deps.logger.warn('simulation failed', { simulationId: doc._id, error: (error as Error).message });
      await this.jobs.updateOne({ _id: doc._id }, { $set: { status: 'failed', error: (error as Error).message, finishedAt: this.deps.clock().toISOString() } });
    }
  }
}
