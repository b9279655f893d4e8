import { createWriteStream, existsSync, statSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { simulate } from '../analysis/simulate.js';
import { readRecords, RecordLineError } from '../analysis/readRecords.js';
import type { PolicyKind } from '../format/ruleFile.js';
import { loadPolicy } from '../loadRuleFile.js';
import { POLICY_KINDS } from '../policies/policyRegistry.js';
import { PolicyError } from '../errors.js';
import { formatIssues } from './formatIssues.js';
import type { CommandIO } from './usageError.js';
import { UsageError } from './usageError.js';

export interface SimulateOptions {
  rules?: string;
  draft?: string;
  records?: string;
  changes?: string;
  json?: boolean;
}

/**
 * `crm-policy simulate <policy> --draft file --records file.jsonl`: re-decides
 * the records under the rules folder's (published) file and the draft, and
 * prints what changes: the transition table and each rule's hits. 0 on success, 2 on bad input.
 */
export async function simulateCommand(io: CommandIO, policyName: string | undefined, options: SimulateOptions): Promise<number> {
  if (!policyName || !POLICY_KINDS.includes(policyName as PolicyKind)) throw new UsageError(`Name a policy: ${POLICY_KINDS.join(', ')}`);
  if (!options.draft) throw new UsageError('Give the draft: --draft <rule file>');
  if (!options.records) throw new UsageError('Give the records: --records <file.jsonl>');
  const publishedPath = join(resolve(io.cwd, options.rules ?? 'rules'), `${policyName}.json`);
  const draftPath = resolve(io.cwd, options.draft);
  const recordsPath = resolve(io.cwd, options.records);
  for (const [what, path] of [['rule file', publishedPath], ['draft', draftPath], ['records file', recordsPath]] as const) {
    if (!existsSync(path)) throw new UsageError(`No ${what} at ${path}`);
  }
  let published;
  let draft;
  try {
    published = await loadPolicy(publishedPath, { verify: false });
    draft = await loadPolicy(draftPath, { verify: false });
  } catch (error) {
    if (error instanceof PolicyError && error.issues.length > 0) {
      io.err(formatIssues(error.issues));
      return 2;
    }
    throw new UsageError((error as Error).message);
  }
  if (draft.ruleFile.policy !== policyName) throw new UsageError(`${draftPath} is a ${draft.ruleFile.policy} file, not ${policyName}`);
  const size = statSync(recordsPath).size;
  const read = { bytes: 0 };
  const started = performance.now();
  let shown = -1;
  const changes = options.changes ? createWriteStream(resolve(io.cwd, options.changes)) : undefined;
  const progress = (done: number) => {
    const share = size === 0 ? 1 : Math.min(1, read.bytes / size);
    const rate = done / Math.max((performance.now() - started) / 1000, 1e-3);
    const line = `simulating ${'█'.repeat(Math.round(share * 30)).padEnd(30, '░')} ${(share * 100).toFixed(0).padStart(3)}%  ${done} records  ${rate.toFixed(0)}/s`;
    if (io.progress) io.progress(line);
    else if (Math.floor(share * 10) > shown) {
      shown = Math.floor(share * 10);
      io.err(line);
    }
  };
  const records = readRecords(recordsPath, (bytes) => (read.bytes = bytes));
  const report = await simulate(published, draft, records, {
    progressEvery: 5_000,
    onProgress: progress,
    ...(changes ? { explainChanged: true, onChanged: (record) => void changes.write(`${JSON.stringify(record)}\n`) } : {}),
  }).catch((error: unknown) => {
    if (error instanceof RecordLineError) throw new UsageError(`${recordsPath}: ${error.message}`);
    throw error;
  });
  if (changes) await new Promise<void>((done) => changes.end(done));
  progress(report.records);
  if (io.progress) io.err('');
  const seconds = (performance.now() - started) / 1000;
  if (options.json) {
    io.out(JSON.stringify({ ...report, seconds }));
    return 0;
  }
  const lines = [
    `${policyName}: ${published.ruleFile.version} (rules folder) → ${draft.ruleFile.version} (draft)`,
    `${report.records} records in ${seconds.toFixed(1)} s: ${report.changed} change outcome, ${report.failed} could not be decided`,
  ];
  if (report.transitions.length > 0) {
    lines.push('', 'transitions:');
    for (const t of report.transitions) lines.push(`  ${String(t.count).padStart(7)}  ${t.from} → ${t.to}`);
  }
  const rules = [...new Set([...Object.keys(report.ruleHits.published), ...Object.keys(report.ruleHits.draft)])].sort();
  lines.push('', 'rule hits (rules folder → draft):');
  for (const rule of rules) {
    const before = report.ruleHits.published[rule] ?? 0;
    const after = report.ruleHits.draft[rule] ?? 0;
    lines.push(`  ${rule.padEnd(32)} ${String(before).padStart(7)} → ${String(after).padStart(7)}${before === after ? '' : after > before ? '  ▲' : '  ▼'}`);
  }
  io.out(lines.join('\n'));
  return 0;
}
