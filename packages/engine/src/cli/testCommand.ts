import { relative } from 'node:path';
import { PolicyError } from '../errors.js';
import { loadPolicy } from '../loadRuleFile.js';
import { runRuleTests } from '../testing/runRuleTests.js';
import { formatIssues } from './formatIssues.js';
import { ruleFilePaths } from './ruleFilePaths.js';
import type { CommandIO } from './usageError.js';

/** `crm-policy test [files]`: runs each file's own tests; 0 when all pass, 1 otherwise. */
export async function testCommand(io: CommandIO, files: string[], options: { rules?: string }): Promise<number> {
  let passed = 0;
  let failed = 0;
  for (const path of ruleFilePaths(io.cwd, files, options.rules)) {
    const name = relative(io.cwd, path) || path;
    let report;
    try {
      report = await runRuleTests(await loadPolicy(path, { verify: false }));
    } catch (error) {
      if (!(error instanceof PolicyError)) throw error;
      failed += 1;
      io.out(`✗ ${name}: cannot be tested\n${formatIssues(error.issues)}`);
      continue;
    }
    io.out(`${report.failed === 0 ? '✓' : '✗'} ${name}: ${report.passed} passed, ${report.failed} failed`);
    for (const result of report.results.filter((r) => !r.passed)) {
      io.out(`  ✗ ${result.name}\n${result.failures.map((f) => `      ${f}`).join('\n')}`);
    }
    if (report.uncoveredRules.length > 0) io.out(`  note: no test fires ${report.uncoveredRules.join(', ')}`);
    if (!report.defaultCovered) io.out('  note: no test reaches the default outcome');
    passed += report.passed;
    failed += report.failed;
  }
  io.out(`rule tests: ${passed} passed, ${failed} failed`);
  return failed > 0 ? 1 : 0;
}
