import { Counter, Gauge, Histogram, Registry, collectDefaultMetrics } from 'prom-client';
import type { JobRun } from '../domain/jobs/jobScheduler.js';
import type { Store } from '../store/collection.js';

/**
 * The server's Prometheus metrics, on a registry of its own (one per app, so
 * tests and embedders running several apps never mix their figures).
 */
export class Metrics {
  readonly registry = new Registry();
  private readonly requests = new Counter({ name: 'crm_policy_http_requests_total', help: 'HTTP requests answered, by method, route and status', labelNames: ['method', 'route', 'status'] as const, registers: [this.registry] });
  private readonly latency = new Histogram({
    name: 'crm_policy_http_request_duration_seconds',
    help: 'Time to answer an HTTP request, by method and route',
    labelNames: ['method', 'route'] as const,
    buckets: [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10],
    registers: [this.registry],
  });
  private readonly decisions = new Counter({ name: 'crm_policy_decisions_total', help: 'Policy decisions, by policy and outcome type', labelNames: ['policy', 'outcome'] as const, registers: [this.registry] });
  private readonly verdicts = new Counter({ name: 'crm_policy_duplicate_verdicts_total', help: 'Duplicate checks of registrations, by verdict (duplicate, review, none)', labelNames: ['verdict'] as const, registers: [this.registry] });
  private readonly deliveries = new Counter({ name: 'crm_policy_webhook_deliveries_total', help: 'Webhook delivery attempts, by result (delivered, retry, failed)', labelNames: ['result'] as const, registers: [this.registry] });
  private readonly jobs = new Counter({ name: 'crm_policy_job_runs_total', help: 'Scheduled job runs, by job and outcome (ok, failed, skipped: another process holds the lease)', labelNames: ['job', 'outcome'] as const, registers: [this.registry] });
  private readonly jobTime = new Histogram({ name: 'crm_policy_job_run_duration_seconds', help: 'Time a scheduled job run took, by job', labelNames: ['job'] as const, buckets: [0.01, 0.1, 0.5, 1, 5, 30, 120, 600], registers: [this.registry] });

  private readonly inForce = new Gauge({ name: 'crm_policy_policy_version_info', help: 'The version of each policy this process decides with (1 for the version in force)', labelNames: ['policy', 'version', 'version_id'] as const, registers: [this.registry] });
  private readonly inForceLabels = new Map<string, { policy: string; version: string; version_id: string }>();

  /**
   * Reports a store's size at each scrape: documents per collection, bytes on
   * disk and the last checkpoint (embedded store), from its `health()`.
   */
  watchStore(store: Store): this {
    const registers = [this.registry];
    const detail = async () => (await store.health()).detail;
    new Gauge({
      name: 'crm_policy_store_documents',
      help: 'Documents per collection',
      labelNames: ['collection'] as const,
      registers,
      async collect() {
        const collections = ((await detail())['collections'] ?? {}) as Record<string, number>;
        this.reset();
        for (const [collection, count] of Object.entries(collections)) this.set({ collection }, count);
      },
    });
    new Gauge({
      name: 'crm_policy_store_disk_bytes',
      help: 'Bytes the embedded store takes on disk, by file (snapshot, logs)',
      labelNames: ['file'] as const,
      registers,
      async collect() {
        const bytes = (await detail())['bytesOnDisk'] as { snapshot: number; logs: number } | undefined;
        this.reset();
        if (bytes) for (const [file, value] of Object.entries(bytes)) this.set({ file }, value);
      },
    });
    new Gauge({
      name: 'crm_policy_store_last_checkpoint_seconds',
      help: 'When the embedded store last took a checkpoint (Unix time; 0 for none since start)',
      registers,
      async collect() {
        const last = (await detail())['lastCheckpoint'] as { at: string } | null | undefined;
        this.set(last ? Date.parse(last.at) / 1000 : 0);
      },
    });
    return this;
  }

  /** Adds Node's own process metrics (memory, event loop lag, handles); for the one app a process serves. */
  withProcessMetrics(): this {
    collectDefaultMetrics({ register: this.registry, prefix: 'crm_policy_' });
    return this;
  }

  request(method: string, route: string, status: number, seconds: number): void {
    this.requests.inc({ method, route, status: String(status) });
    this.latency.observe({ method, route }, seconds);
  }

  decision(policy: string, outcome: string): void {
    this.decisions.inc({ policy, outcome });
  }

  /** The version a policy now decides with in this process. */
  policyInForce(policy: string, version: string, versionId: string): void {
    const previous = this.inForceLabels.get(policy);
    if (previous) this.inForce.remove(previous);
    const labels = { policy, version, version_id: versionId };
    this.inForceLabels.set(policy, labels);
    this.inForce.set(labels, 1);
  }

  duplicateVerdict(verdict: 'duplicate' | 'review' | 'none'): void {
    this.verdicts.inc({ verdict });
  }

  delivery(result: 'delivered' | 'retry' | 'failed'): void {
    this.deliveries.inc({ result });
  }

  jobRun(run: JobRun): void {
    this.jobs.inc({ job: run.job, outcome: run.outcome });
    if (run.outcome !== 'skipped') this.jobTime.observe({ job: run.job }, run.ms / 1000);
  }

  /** The metrics in Prometheus's text format. */
  text(): Promise<string> {
    return this.registry.metrics();
  }

  get contentType(): string {
    return this.registry.contentType;
  }
}
