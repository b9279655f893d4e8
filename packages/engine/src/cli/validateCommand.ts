import { readFile } from 'node:fs/promises';
import { relative } from 'node:path';
import { createPolicy } from '../evaluation/createPolicy.js';
import { parseRuleFile } from '../format/validateRuleFile.js';
import { formatIssues } from './formatIssues.js';
import { ruleFilePaths } from './ruleFilePaths.js';
import type { CommandIO } from './usageError.js';

/** `crm-policy validate [files]`: 0 when every file is valid, 1 otherwise. */
export async function validateCommand(io: CommandIO, files: string[], options: { rules?: string; json?: boolean }): Promise<number> {
  let failures = 0;
  const report: unknown[] = [];
  for (const path of ruleFilePaths(io.cwd, files, options.rules)) {
    const name = relative(io.cwd, path) || path;
    const validation = parseRuleFile(await readFile(path, 'utf8'), { file: name });
    if (!validation.valid) {
      failures += 1;
      report.push({ file: name, valid: false, issues: validation.issues });
      if (!options.json) io.out(`✗ ${name}: ${validation.issues.length} problem(s)\n${formatIssues(validation.issues)}`);
      continue;
    }
    const policy = await createPolicy(validation.ruleFile, { file: name });
    const check = policy.selfCheck;
    const agrees = check !== undefined && check.mismatches.length === 0;
    if (!agrees) failures += 1;
    report.push({ file: name, valid: agrees, policy: validation.ruleFile.policy, version: validation.ruleFile.version, selfCheck: check });
    if (!options.json) {
      const { policy: kind, version, rules } = validation.ruleFile;
      io.out(
        agrees
          ? `✓ ${name}: ${kind} ${version}, ${rules.length} rules (fast path agrees with json-rules-engine on ${check.compared} fact sets)`
          : `✗ ${name}: the fast path disagrees with json-rules-engine on ${check?.mismatches.length ?? '?'} fact set(s); decisions will use json-rules-engine\n${JSON.stringify(check?.mismatches[0], null, 2)}`,
      );
    }
  }
  if (options.json) io.out(JSON.stringify(report, null, 2));
  return failures > 0 ? 1 : 0;
}
