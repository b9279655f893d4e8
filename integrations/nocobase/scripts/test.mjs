#!/usr/bin/env node
// The plugin's tests on SQLite in memory, then on PostgreSQL (a private cluster
// started and stopped here; skipped, saying why, when PostgreSQL is not installed).
// Prints `plugin tests: N passed, N failed, N skipped` and, with --report=<file>, writes those counts as JSON.
import { spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { findPostgres, startPostgres } from './postgresCluster.mjs';

const here = join(dirname(fileURLToPath(import.meta.url)), '..');
const reportArg = process.argv.find((arg) => arg.startsWith('--report='));
const work = mkdtempSync(join(tmpdir(), 'crm-policy-nocobase-tests-'));
const totals = { passed: 0, failed: 0, skipped: 0, databases: {}, failures: [] };

// Interrupted (Ctrl-C, a CI timeout): the vitest run is ended, then the cluster is still stopped below.
let interrupted = false;
let running;
for (const signal of ['SIGINT', 'SIGTERM', 'SIGHUP']) {
  process.on(signal, () => {
    interrupted = true;
    running?.kill(signal);
  });
}

/** One vitest run on a database (asynchronous, so a signal reaches the handlers above); its counts are added to the totals. */
async function runOn(database, env) {
  const report = join(work, `${database}.json`);
  const started = Date.now();
  console.log(`== NocoBase plugin tests on ${database}`);
  running = spawn(process.execPath, [join(here, 'node_modules/vitest/vitest.mjs'), 'run', '--reporter=default', '--reporter=json', `--outputFile=${report}`], {
    cwd: here,
    stdio: 'inherit',
    env: { ...process.env, NODE_MODULES_PATH: join(here, 'node_modules'), ...env },
  });
  const status = await new Promise((done) => running.on('exit', (code) => done(code)));
  running = undefined;
  let counts;
  try {
    const results = JSON.parse(readFileSync(report, 'utf8'));
    const broken = results.testResults.filter((suite) => suite.status === 'failed' && suite.assertionResults.length === 0).length;
    counts = { passed: results.numPassedTests, failed: results.numFailedTests + broken, skipped: results.numPendingTests + results.numTodoTests, total: results.numTotalTests };
    // Named in the report, so the root test command can repeat them above its last line.
    const firstLine = (text) => String(text ?? '').split('\n').find((line) => line.trim() !== '')?.trim().slice(0, 300) ?? '';
    for (const suite of results.testResults) {
      const file = relative(here, suite.name);
      if (suite.status === 'failed' && suite.assertionResults.length === 0) totals.failures.push(`${database}: ${file}: ${firstLine(suite.message)}`);
      for (const test of suite.assertionResults) {
        if (test.status === 'failed') totals.failures.push(`${database}: ${file} > ${test.fullName}: ${firstLine(test.failureMessages?.[0])}`);
      }
    }
  } catch (error) {
    counts = { passed: 0, failed: 1, skipped: 0, total: 0, error: `no vitest report (exit ${status}): ${error.message}` };
    totals.failures.push(`${database}: ${counts.error}`);
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
  const sqlite = await runOn('sqlite', { DB_DIALECT: 'sqlite', DB_STORAGE: ':memory:' });
  const postgres = findPostgres();
  if (interrupted) {
    totals.failed += 1;
  } else if (postgres.missing) {
    console.log(`== NocoBase plugin tests on PostgreSQL skipped: ${postgres.missing}`);
    totals.skipped += sqlite.total;
    totals.databases.postgres = { skipped: sqlite.total, reason: postgres.missing };
  } else {
    let cluster;
    try {
      cluster = await startPostgres(postgres.bin);
      await runOn('postgres', cluster.env);
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
if (totals.failed > 0 || interrupted) exitCode = 1;
if (reportArg) writeFileSync(reportArg.slice('--report='.length), JSON.stringify(totals, null, 2));
console.log(`plugin tests: ${totals.passed} passed, ${totals.failed} failed, ${totals.skipped} skipped`);
process.exit(exitCode);
