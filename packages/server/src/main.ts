import { randomBytes } from 'node:crypto';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Policy, PolicyKind } from '@crm-policy/engine';
import { loadPolicy, POLICY_KINDS } from '@crm-policy/engine';
import { createApp } from './app.js';
import { firstAdminNotice } from './auth/firstAdminNotice.js';
import { MIN_PASSWORD_LENGTH, passwordProblems } from './auth/passwordPolicy.js';
import { trustProxySetting } from './http/trustProxy.js';
import type { TemplateDefinition } from './domain/templates/templateDefinition.js';
import { scheduledJobs } from './domain/jobs/scheduledJobs.js';
import { JobScheduler } from './domain/jobs/jobScheduler.js';
import { DEFAULT_IMPORT_LIMITS } from './domain/imports/importLimits.js';
import { consoleLogger } from './logger.js';
import { Metrics } from './operations/metrics.js';
import { gracefulShutdown } from './operations/gracefulShutdown.js';
import { EMBEDDED_ADVISED_LIMIT, moveAdvice } from './store/embedded/advisedLimits.js';
import { EmbeddedStore } from './store/embedded/embeddedStore.js';
import type { EmbeddedStoreOptions } from './store/embedded/embeddedStore.js';
import { openStore } from './store/openStore.js';
import { runServerCommand } from './cli/serverCommands.js';

const REPOSITORY = fileURLToPath(new URL('../../../', import.meta.url));

/** Loads the three policies from a rules folder. */
export async function loadPolicies(rulesDir: string): Promise<Record<PolicyKind, Policy>> {
  const entries = await Promise.all(POLICY_KINDS.map(async (kind) => [kind, await loadPolicy(join(rulesDir, `${kind}.json`))] as const));
  return Object.fromEntries(entries) as Record<PolicyKind, Policy>;
}

/** Loads the industry templates from a folder of `<industry>.json` files. */
export function loadTemplates(dir: string): TemplateDefinition[] {
  return readdirSync(dir)
    .filter((name) => name.endsWith('.json'))
    .sort()
    .map((name) => JSON.parse(readFileSync(join(dir, name), 'utf8')) as TemplateDefinition);
}

/** The web app's build, when it has been built (npm install builds it). */
function uiConfig(): { uiDir?: string } {
  const dir = join(REPOSITORY, 'packages/admin-ui/dist');
  if (existsSync(join(dir, 'index.html'))) return { uiDir: dir };
  consoleLogger.warn('The web app is not built (packages/admin-ui/dist): only the API is served. Run npm install or npm run build.');
  return {};
}

/** A whole number of at least `min` from the environment, or `fallback` when unset; anything else stops the start, naming the variable. */
function wholeNumber(name: string, value: string | undefined, fallback: number, min = 1): number {
  if (value === undefined || value.trim() === '') return fallback;
  const number = Number(value);
  if (!Number.isInteger(number) || number < min) throw new Error(`${name} must be a whole number of at least ${min}, not ${JSON.stringify(value)}`);
  return number;
}

/** When the embedded store takes checkpoints: STORE_CHECKPOINT_MB of logs since the last one, or STORE_CHECKPOINT_MINUTES since it. */
function checkpointOptions(env: NodeJS.ProcessEnv): EmbeddedStoreOptions {
  return {
    checkpointLogBytes: wholeNumber('STORE_CHECKPOINT_MB', env['STORE_CHECKPOINT_MB'], 64) * 1024 * 1024,
    checkpointIntervalMs: wholeNumber('STORE_CHECKPOINT_MINUTES', env['STORE_CHECKPOINT_MINUTES'], 60) * 60_000,
  };
}

/**
 * Starts the server from the environment (see docs/deployment.md): PORT,
 * DATA_DIR, MONGODB_URI, ADMIN_PASSWORD, CRM_POLICY_SECRET, CREDIT_REPORTS_DIR,
 * RULES_DIR, TEMPLATES_DIR, METRICS_TOKEN, LOG_LEVEL, SHUTDOWN_TIMEOUT_MS,
 * OUTBOUND_ALLOW, DATA_KEY, UPLOAD_DIR, IMPORT_MAX_FILE_BYTES, IMPORT_MAX_ROWS,
 * IMPORT_MAX_UNPACKED_BYTES, DASHBOARD_CACHE_SECONDS, TRUST_PROXY, EXPORT_DIR,
 * STORE_CHECKPOINT_MB, STORE_CHECKPOINT_MINUTES. Refuses to start when
 * ADMIN_PASSWORD is set to a weak password. With arguments, runs a command
 * instead (`export`, `import`: see `runServerCommand`) and sets the process's
 * exit status.
 */
export async function main(args: readonly string[] = []): Promise<void> {
  const env = process.env;
  if (args.length > 0) {
    const io = { out: (text: string) => process.stdout.write(text), err: (text: string) => process.stderr.write(text), env, cwd: process.cwd() };
    process.exitCode = await runServerCommand(args, io);
    return;
  }
  const port = Number(env['PORT'] ?? 3000);
  const adminPassword = env['ADMIN_PASSWORD'] || undefined;
  const weak = adminPassword === undefined ? [] : passwordProblems(adminPassword);
  if (weak.length > 0) {
    throw new Error(`ADMIN_PASSWORD ${weak.map((problem) => problem.message).join(' and ')}: set one of at least ${MIN_PASSWORD_LENGTH} characters that is not a common password`);
  }
  const dataDir = resolve(env['DATA_DIR'] ?? 'data');
  let secret = env['CRM_POLICY_SECRET'];
  if (!secret) {
    secret = randomBytes(32).toString('base64url');
    consoleLogger.warn('CRM_POLICY_SECRET is not set: login tokens are signed with a random key and end when the server stops');
  }
  const store = await openStore({ mongodbUri: env['MONGODB_URI'], dataDir, embedded: checkpointOptions(env) });
  if (store instanceof EmbeddedStore) {
    const { documents, bytesOnDisk } = store.stats();
    const total = Object.values(documents).reduce((sum, n) => sum + n, 0);
    consoleLogger.info('data folder opened', { dataDir, ms: store.openedIn.ms, documents: total, snapshotBytes: bytesOnDisk.snapshot, logBytes: bytesOnDisk.logs, ...(store.openedIn.migrated ? { migrated: 'to the current layout' } : {}) });
    // Past the advised size the log says so, once per process.
    const advise = () => {
      const stats = store.stats();
      const advice = moveAdvice({ customers: stats.documents['customers'] ?? 0, bytesOnDisk: stats.bytesOnDisk.snapshot + stats.bytesOnDisk.logs, openedInMs: store.openedIn.ms });
      if (!advice) return false;
      consoleLogger.warn(advice, { limits: EMBEDDED_ADVISED_LIMIT });
      return true;
    };
    if (!advise()) {
      const watch = setInterval(() => advise() && clearInterval(watch), 10 * 60_000);
      watch.unref();
    }
  }
  const policies = await loadPolicies(resolve(env['RULES_DIR'] ?? join(REPOSITORY, 'rules')));
  const templates = loadTemplates(resolve(env['TEMPLATES_DIR'] ?? join(REPOSITORY, 'schemas/templates')));
  const metrics = new Metrics().withProcessMetrics().watchStore(store);
  const { app, services, generatedAdminPassword } = await createApp({
    store,
    policies,
    templates,
    metrics,
    config: {
      tokenSecret: secret,
      adminPassword,
      trustProxy: trustProxySetting(env['TRUST_PROXY']),
      metricsToken: env['METRICS_TOKEN'],
      dataKey: env['DATA_KEY'],
      ...uiConfig(),
      outbound: { allow: (env['OUTBOUND_ALLOW'] ?? '').split(/[\s,]+/).filter(Boolean) },
      credit: { reportsDir: resolve(env['CREDIT_REPORTS_DIR'] ?? join(dataDir, 'credit-reports')) },
      uploadDir: resolve(env['UPLOAD_DIR'] ?? join(dataDir, 'uploads')),
      exportDir: resolve(env['EXPORT_DIR'] ?? join(dataDir, 'exports')),
      imports: {
        maxFileBytes: wholeNumber('IMPORT_MAX_FILE_BYTES', env['IMPORT_MAX_FILE_BYTES'], DEFAULT_IMPORT_LIMITS.maxFileBytes),
        maxRows: wholeNumber('IMPORT_MAX_ROWS', env['IMPORT_MAX_ROWS'], DEFAULT_IMPORT_LIMITS.maxRows),
        maxUnpackedBytes: wholeNumber('IMPORT_MAX_UNPACKED_BYTES', env['IMPORT_MAX_UNPACKED_BYTES'], DEFAULT_IMPORT_LIMITS.maxUnpackedBytes),
      },
      warmSimulationWorker: true,
      dashboardCacheMs: 1000 * wholeNumber('DASHBOARD_CACHE_SECONDS', env['DASHBOARD_CACHE_SECONDS'], 30, 0),
    },
  });
  const server = app.listen(port, () => {
    const where = store.kind === 'mongodb' ? 'MongoDB (MONGODB_URI)' : `the embedded store in ${dataDir}`;
    process.stdout.write(`crm-policy is listening on http://localhost:${port} on ${where}; open it in a browser for the web app\n`);
    if (generatedAdminPassword) {
      process.stdout.write(firstAdminNotice(generatedAdminPassword));
    }
    process.stdout.write(`Sign in: curl -s -X POST http://localhost:${port}/api/auth/login -H 'content-type: application/json' -d '{"username":"admin","password":"…"}'\n`);
  });
  const scheduler = new JobScheduler(scheduledJobs(services), { leases: services.leases, logger: consoleLogger, onRun: (run) => metrics.jobRun(run) });
  scheduler.start();
  // Every process, not one: a version published by another process is in force here within a second.
  const policyRefresh = setInterval(() => {
    services.livePolicies.refresh().catch((error: Error) => consoleLogger.error('policy refresh failed', { error: error.message }));
  }, 1_000);
  policyRefresh.unref();
  const shutdown = gracefulShutdown({ server, scheduler, services, store, timeoutMs: Number(env['SHUTDOWN_TIMEOUT_MS'] ?? 10_000), stopTimers: () => clearInterval(policyRefresh) });
  process.once('SIGINT', shutdown);
  process.once('SIGTERM', shutdown);
}
