import { existsSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import { PolicyError } from '../errors.js';
import type { Language } from '../explanation/describeCondition.js';
import { describeDecision } from '../explanation/describeDecision.js';
import type { PolicyKind } from '../format/ruleFile.js';
import { loadPolicy } from '../loadRuleFile.js';
import { POLICY_KINDS } from '../policies/policyRegistry.js';
import { formatIssues } from './formatIssues.js';
import type { CommandIO } from './usageError.js';
import { UsageError } from './usageError.js';

export interface EvaluateOptions {
  facts?: string;
  rules?: string;
  now?: string;
  json?: boolean;
  lang?: Language;
  verbose?: boolean;
}

/** One JSON object, or JSON Lines with one facts object per line. */
type FactsRecord = { line: number; facts?: unknown; error?: string };

function parseFacts(text: string): FactsRecord[] {
  try {
    return [{ line: 1, facts: JSON.parse(text) as unknown }];
  } catch {
    // not one document: read it as JSON Lines
  }
  return text.split('\n').flatMap((raw, index): FactsRecord[] => {
    if (raw.trim() === '') return [];
    try {
      return [{ line: index + 1, facts: JSON.parse(raw) }];
    } catch (error) {
      return [{ line: index + 1, error: `line ${index + 1} is not JSON: ${(error as Error).message}` }];
    }
  });
}

/**
 * `crm-policy evaluate <policy> --facts <file|->`: decides and prints the
 * explanation (or the decision JSON with --json, one per line for JSON Lines).
 * 0 on success, 2 when the facts are bad.
 */
export async function evaluateCommand(io: CommandIO, policyName: string | undefined, options: EvaluateOptions): Promise<number> {
  if (!policyName) throw new UsageError(`Name a policy: ${POLICY_KINDS.join(', ')}`);
  if (!POLICY_KINDS.includes(policyName as PolicyKind)) {
    throw new UsageError(`Unknown policy "${policyName}"; expected one of ${POLICY_KINDS.join(', ')}`);
  }
  if (!options.facts) throw new UsageError('Give the facts: --facts <file>, or --facts - to read standard input');
  if (options.now !== undefined && Number.isNaN(Date.parse(options.now))) {
    throw new UsageError(`--now must be an ISO date or date-time, got "${options.now}"`);
  }
  const rulesPath = join(resolve(io.cwd, options.rules ?? 'rules'), `${policyName}.json`);
  if (!existsSync(rulesPath)) throw new UsageError(`No rule file at ${rulesPath}; pass --rules <dir>`);
  let text: string;
  if (options.facts === '-') text = await io.readStdin();
  else {
    const factsPath = resolve(io.cwd, options.facts);
    if (!existsSync(factsPath)) throw new UsageError(`No facts file at ${options.facts}`);
    text = await readFile(factsPath, 'utf8');
  }
  let policy;
  try {
    policy = await loadPolicy(rulesPath);
  } catch (error) {
    if (!(error instanceof PolicyError)) throw error;
    io.err(`${rulesPath} is not a valid rule file:\n${formatIssues(error.issues)}`);
    return 1;
  }
  const records = parseFacts(text);
  if (records.length === 0) throw new UsageError('The facts input is empty');
  let bad = 0;
  for (const record of records) {
    const prefix = records.length > 1 ? `line ${record.line}: ` : '';
    if (record.error !== undefined) {
      bad += 1;
      if (options.json) io.out(JSON.stringify({ line: record.line, error: { code: 'invalid-json', message: record.error } }));
      else io.err(record.error);
      continue;
    }
    try {
      const decision = await policy.decide(record.facts as Record<string, unknown>, options.now ? { now: options.now } : {});
      if (options.json) io.out(JSON.stringify(decision));
      else io.out(`${prefix}${describeDecision(decision, options.lang ?? 'en', { verbose: options.verbose ?? false })}\n`);
    } catch (error) {
      if (!(error instanceof PolicyError)) throw error;
      bad += 1;
      if (options.json) io.out(JSON.stringify({ line: record.line, error: { code: error.code, message: error.message, issues: error.issues } }));
      else io.err(`${prefix}the facts are not valid:\n${formatIssues(error.issues)}`);
    }
  }
  return bad > 0 ? 2 : 0;
}
