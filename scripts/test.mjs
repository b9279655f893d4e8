#!/usr/bin/env node
// The one test command (`npm test`): every suite through vitest, then one line
// summed over all of them: `tests: N passed, N failed, N skipped`.
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const dir = mkdtempSync(join(tmpdir(), 'crm-policy-tests-'));
const report = join(dir, 'vitest.json');
const vitest = spawnSync(
  process.execPath,
  ['node_modules/vitest/vitest.mjs', 'run', '--reporter=default', '--reporter=json', `--outputFile=${report}`, ...process.argv.slice(2)],
  { stdio: 'inherit' },
);

let summary;
try {
  const results = JSON.parse(readFileSync(report, 'utf8'));
  const skipped = results.numPendingTests + results.numTodoTests;
  // A suite that fails to load counts as a failure even though none of its tests ran.
  const brokenSuites = results.testResults.filter((suite) => suite.status === 'failed' && suite.assertionResults.length === 0).length;
  summary = `tests: ${results.numPassedTests} passed, ${results.numFailedTests + brokenSuites} failed, ${skipped} skipped`;
} catch (error) {
  summary = `tests: 0 passed, 1 failed, 0 skipped (no vitest report: ${error.message})`;
}
rmSync(dir, { recursive: true, force: true });
console.log(summary);
process.exit(vitest.status ?? 1);
