import type { Logger } from '../../logger.js';
import type { Leases } from './leases.js';

/** A job that runs every so often, on one process at a time. */
export interface ScheduledJob {
  /** Also the name of the lease that guards it. */
  name: string;
  everyMs: number;
  run(): Promise<unknown>;
}

/** What a job run did, for metrics. */
export interface JobRun {
  job: string;
  outcome: 'ok' | 'failed' | 'skipped';
  ms: number;
}

/**
 * Runs scheduled jobs (claim expiry, credit reviews, webhook deliveries …)
 * once across every process sharing the store: before each run the process
 * takes or renews the job's lease, and skips the run when another holds it.
 * Runs of one job never overlap within a process.
 */
export class JobScheduler {
  private readonly timers = new Map<string, NodeJS.Timeout>();
  private readonly running = new Map<string, Promise<JobRun>>();

  constructor(
    private readonly jobs: readonly ScheduledJob[],
    private readonly deps: { leases: Leases; logger: Logger; onRun?: (run: JobRun) => void },
  ) {}

  start(): void {
    for (const job of this.jobs) {
      const timer = setInterval(() => void this.runNow(job.name), job.everyMs);
      timer.unref();
      this.timers.set(job.name, timer);
    }
  }

  /** Runs a job now if this process may (its lease); a run already under way is shared. */
  runNow(name: string): Promise<JobRun> {
    const job = this.jobs.find((candidate) => candidate.name === name);
    if (!job) return Promise.reject(new Error(`No job named ${name}`));
    let run = this.running.get(name);
    if (!run) {
      run = this.execute(job).finally(() => this.running.delete(name));
      this.running.set(name, run);
    }
    return run;
  }

  /** Stops scheduling, waits for runs under way, and gives the leases up. */
  async stop(): Promise<void> {
    for (const timer of this.timers.values()) clearInterval(timer);
    this.timers.clear();
    await Promise.allSettled(this.running.values());
    await this.deps.leases.releaseAll().catch(() => undefined);
  }

  private async execute(job: ScheduledJob): Promise<JobRun> {
    const started = Date.now();
    let outcome: JobRun['outcome'] = 'skipped';
    try {
      // The lease outlives a few missed ticks, so a busy holder keeps it and a dead one loses it soon.
      if (await this.deps.leases.acquire(`job:${job.name}`, Math.max(job.everyMs * 3, 5_000))) {
        await job.run();
        outcome = 'ok';
      }
    } catch (error) {
      outcome = 'failed';
      this.deps.logger.error('scheduled job failed', { job: job.name, error: (error as Error).message });
    }
    const result = { job: job.name, outcome, ms: Date.now() - started };
    this.deps.onRun?.(result);
    return result;
  }
}
