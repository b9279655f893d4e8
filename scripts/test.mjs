#!/usr/bin/env node
// The one test command (`npm test`): every suite through vitest, then the NocoBase
// plugin's tests when its package is installed (integrations/nocobase), then one
// line summed over all of them: `tests: N passed, N failed, N skipped`.
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';

const dir = mkdtempSync(join(tmpdir(), 'crm-policy-tests-'));
const report = join(dir, 'vitest.json');
const vitest = spawnSync(
  process.execPath,
  ['node_modules/vitest/vitest.mjs', 'run', '--reporter=default', '--reporter=json', `--outputFile=${report}`, ...process.argv.slice(2)],
  { stdio: 'inherit' },
);

let counts;
// What failed, named again just above the last line, so a log cut to its tail still says which test it was.
const failures = [];
const firstLine = (text) => String(text ?? '').split('\n').find((line) => line.trim() !== '')?.trim().slice(0, 300) ?? '';
try {
  const results = JSON.parse(readFileSync(report, 'utf8'));
  const skipped = results.numPendingTests + results.numTodoTests;
  // A suite that fails to load counts as a failure even though none of its tests ran.
  const brokenSuites = results.testResults.filter((suite) => suite.status === 'failed' && suite.assertionResults.length === 0).length;
  counts = { passed: results.numPassedTests, failed: results.numFailedTests + brokenSuites, skipped, note: '' };
  for (const suite of results.testResults) {
    const file = relative(process.cwd(), suite.name);
    if (suite.status === 'failed' && suite.assertionResults.length === 0) failures.push(`${file}: ${firstLine(suite.message)}`);
    for (const test of suite.assertionResults) {
      if (test.status === 'failed') failures.push(`${file} > ${test.fullName}: ${firstLine(test.failureMessages?.[0])}`);
    }
  }
} catch (error) {
  counts = { passed: 0, failed: 1, skipped: 0, note: ` (no vitest report: ${error.message})` };
}

// The plugin's tests, unless this run was narrowed to some files (`npm test -- <file>`).
let pluginStatus = 0;
if (process.argv.length <= 2) {
  const plugin = 'integrations/nocobase';
  if (existsSync(join(plugin, 'node_modules'))) {
    const pluginReport = join(dir, 'plugin.json');
    pluginStatus = spawnSync(process.execPath, [join(plugin, 'scripts/test.mjs'), `--report=${pluginReport}`], { stdio: 'inherit' }).status ?? 1;
    try {
      const plugin = JSON.parse(readFileSync(pluginReport, 'utf8'));
      counts.passed += plugin.passed;
      counts.failed += plugin.failed;
      counts.skipped += plugin.skipped;
      for (const failure of plugin.failures ?? []) failures.push(`integrations/nocobase: ${failure}`);
    } catch (error) {
      counts.failed += 1;
      counts.note += ` (no NocoBase plugin report: ${error.message})`;
    }
  } else {
    console.log(`NocoBase plugin tests not run: its packages are not installed (cd ${plugin} && npm ci, about 800 MB)`);
  }
}
rmSync(dir, { recursive: true, force: true });
if (failures.length > 0) console.log(`failed:\n${failures.map((failure) => `  ${failure}`).join('\n')}`);
console.log(`tests: ${counts.passed} passed, ${counts.failed} failed, ${counts.skipped} skipped${counts.note}`);
process.exit((vitest.status ?? 1) || pluginStatus);
