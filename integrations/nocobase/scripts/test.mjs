#!/usr/bin/env node
// The plugin's tests on SQLite in memory, then on PostgreSQL (a private cluster
// started and stopped here; skipped, saying why, when PostgreSQL is not installed).
// Prints `plugin tests: N passed, N failed, N skipped` and, with --report=<file>, writes those counts as JSON.
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { findPostgres, startPostgres } from './postgresCluster.mjs';

const here = join(dirname(fileURLToPath(import.meta.url)), '..');
const reportArg = process.argv.find((arg) => arg.startsWith('--report='));
const work = mkdtempSync(join(tmpdir(), 'crm-policy-nocobase-tests-'));
const totals = { passed: 0, failed: 0, skipped: 0, databases: {} };

/** One vitest run on a database; its counts are added to the totals. */
function runOn(database, env) {
  const report = join(work, `${database}.json`);
  const started = Date.now();
  console.log(`== NocoBase plugin tests on ${database}`);
  const run = spawnSync(process.execPath, [join(here, 'node_modules/vitest/vitest.mjs'), 'run', '--reporter=default', '--reporter=json', `--outputFile=${report}`], {
    cwd: here,
    stdio: 'inherit',
    env: { ...process.env, NODE_MODULES_PATH: join(here, 'node_modules'), ...env },
  });
  let counts;
  try {
    const results = JSON.parse(readFileSync(report, 'utf8'));
    const broken = results.testResults.filter((suite) => suite.status === 'failed' && suite.assertionResults.length === 0).length;
    counts = { passed: results.numPassedTests, failed: results.numFailedTests + broken, skipped: results.numPendingTests + results.numTodoTests, total: results.numTotalTests };
  } catch (error) {
    counts = { passed: 0, failed: 1, skipped: 0, total: 0, error: `no vitest report (exit ${run.status}): ${error.message}` };
  }
  counts.seconds = Math.round((Date.now() - started) / 1000);
  console.log(`   ${database}: ${counts.passed} passed, ${counts.failed} failed, ${counts.skipped} skipped in ${counts.seconds} s`);
  totals.databases[database] = counts;
  totals.passed += counts.passed;
  totals.failed += counts.failed;
  totals.skipped += counts.skipped;
  return counts;
}

let exitCode = 0;
try {
  const sqlite = runOn('sqlite', { DB_DIALECT: 'sqlite', DB_STORAGE: ':memory:' });
  const postgres = findPostgres();
  if (postgres.missing) {
    console.log(`== NocoBase plugin tests on PostgreSQL skipped: ${postgres.missing}`);
    totals.skipped += sqlite.total;
    totals.databases.postgres = { skipped: sqlite.total, reason: postgres.missing };
  } else {
    let cluster;
    try {
      cluster = await startPostgres(postgres.bin);
      runOn('postgres', cluster.env);
    } catch (error) {
      console.log(`== NocoBase plugin tests on PostgreSQL could not start: ${error.message}`);
      totals.failed += 1;
    } finally {
      cluster?.stop();
    }
  }
} finally {
  rmSync(work, { recursive: true, force: true });
}
if (totals.failed > 0) exitCode = 1;
if (reportArg) writeFileSync(reportArg.slice('--report='.length), JSON.stringify(totals, null, 2));
console.log(`plugin tests: ${totals.passed} passed, ${totals.failed} failed, ${totals.skipped} skipped`);
process.exit(exitCode);
