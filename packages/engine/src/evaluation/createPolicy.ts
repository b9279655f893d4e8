import type { Almanac } from 'json-rules-engine';
import { PolicyError, toPolicyError } from '../errors.js';
import type { PolicyEvent, RuleFile } from '../format/ruleFile.js';
import { validateRuleFile } from '../format/validateRuleFile.js';
import { nearestMiss } from '../explanation/nearestMiss.js';
import type { RuleTrace } from '../explanation/explanation.js';
import { policies } from '../policies/policyRegistry.js';
import type { DecideOptions, Decision } from './decision.js';
import type { DifferentialReport } from './differentialCheck.js';
import { differentialCheck } from './differentialCheck.js';
import { FactValidator } from './factValidation.js';
import { compileFastPath } from './fastPath.js';
import type { AsyncFact } from './referencePath.js';
import { createReferencePath } from './referencePath.js';
import { compileEvent } from './resolveEventParams.js';
import type { Facts } from './resolvePath.js';
import type { RuleRun } from './ruleRun.js';

/** Computes a fact the host owns (`activeClaimsOfRep`, `existingClaim`, …); called at most once per decision and params. */
export type FactProvider = (params: Record<string, unknown>, almanac: Almanac) => unknown;

/** Options of `createPolicy`. */
export interface PolicyOptions {
  /** Facts computed by the host, by name. A fact given in the input wins over its provider. */
  facts?: Record<string, FactProvider>;
  /** The default clock of decisions. */
  clock?: () => Date;
  /** Differential check of the fast path against json-rules-engine on load: runs over random facts (default 60), or false. */
  verify?: { runs?: number; seed?: number } | false;
  /** File name used in error issues. */
  file?: string;
}

/** A loaded, validated policy ready to decide. */
export interface Policy {
  readonly ruleFile: RuleFile;
  /** False when the load-time differential check found a disagreement: every decision then uses json-rules-engine. */
  readonly fastPathEnabled: boolean;
  /** The load-time differential check, when one ran. */
  readonly selfCheck: DifferentialReport | undefined;
  /** Decides, computing host facts as needed. Rejects only for invalid input facts (`invalid-facts`). */
  decide(facts: Readonly<Record<string, unknown>>, options?: DecideOptions): Promise<Decision>;
  /** Decides on the fast path with the facts given; for batch work. Throws `invalid-facts` for bad input. */
  decideSync(facts: Readonly<Record<string, unknown>>, options?: Omit<DecideOptions, 'engine'>): Decision;
}

function resolveNow(option: Date | string | undefined, clock: () => Date): Date {
  const now = option === undefined ? clock() : option instanceof Date ? option : new Date(option);
  if (Number.isNaN(now.getTime())) {
    throw new PolicyError('invalid-facts', `The decision clock "${String(option)}" is not an ISO date-time`, [
      { code: 'now-invalid', pointer: '', message: { en: `"now" must be an ISO date-time, got ${String(option)}.`, zh: `"now" 必须是 ISO 日期时间，实际为 ${String(option)}。` } },
    ]);
  }
  return now;
}

class CompiledPolicy implements Policy {
  readonly ruleFile: RuleFile;
  fastPathEnabled = true;
  selfCheck: DifferentialReport | undefined;
  private readonly fastPath;
  private readonly referencePath;
  private readonly factValidator: FactValidator;
  private readonly defaultEvent;
  private readonly providers: ReadonlyMap<string, FactProvider>;
  private readonly clock: () => Date;

  constructor(ruleFile: RuleFile, options: PolicyOptions) {
    this.ruleFile = ruleFile;
    this.fastPath = compileFastPath(ruleFile);
    this.referencePath = createReferencePath(ruleFile);
    this.factValidator = new FactValidator(ruleFile);
    this.defaultEvent = compileEvent(ruleFile.default);
    this.providers = new Map(Object.entries(options.facts ?? {}).filter(([name]) => name in ruleFile.facts));
    this.clock = options.clock ?? (() => new Date());
  }

  async decide(input: Readonly<Record<string, unknown>>, options: DecideOptions = {}): Promise<Decision> {
    const started = performance.now();
    const now = resolveNow(options.now, this.clock);
    const facts = this.factValidator.prepare(input, new Set(this.providers.keys()));
    const explain = options.explain ?? true;
    const needsAsync = [...this.providers.keys()].some((name) => !(name in facts));
    const useReference = options.engine === 'reference' || needsAsync || !this.fastPathEnabled;
    if (options.engine === 'fast' && useReference) {
      throw new PolicyError('evaluation-failed', 'The fast path needs every fact up front; some must be computed');
    }
    if (!useReference) {
      try {
        return this.finish(this.fastPath.run(facts, { now: now.getTime() }, explain), facts, now, explain, 'fast', started);
      } catch (thrown) {
        return this.failure(toPolicyError(thrown), now, 'fast', started);
      }
    }
    try {
      const runs = await this.referencePath(facts, this.asyncFacts(), { now: now.getTime() });
      return this.finish(runs, facts, now, explain, 'reference', started);
    } catch (thrown) {
      return this.failure(toPolicyError(thrown), now, 'reference', started);
    }
  }

  decideSync(input: Readonly<Record<string, unknown>>, options: Omit<DecideOptions, 'engine'> = {}): Decision {
    const started = performance.now();
    const now = resolveNow(options.now, this.clock);
    const facts = this.factValidator.prepare(input, new Set());
    const explain = options.explain ?? true;
    try {
      return this.finish(this.fastPath.run(facts, { now: now.getTime() }, explain), facts, now, explain, 'fast', started);
    } catch (thrown) {
      return this.failure(toPolicyError(thrown), now, 'fast', started);
    }
  }

  private asyncFacts(): Map<string, AsyncFact> {
    const wrapped = new Map<string, AsyncFact>();
    for (const [name, provider] of this.providers) {
      wrapped.set(name, async (params, almanac) => {
        let value: unknown;
        try {
          value = await provider(params, almanac);
        } catch (thrown) {
          throw new PolicyError('fact-failed', `Fact "${name}" could not be computed: ${toPolicyError(thrown).message}`);
        }
        const issues = this.factValidator.check(name, value);
        if (issues.length > 0) {
          throw new PolicyError('fact-invalid', issues.map((issue) => issue.message.en).join('; '), issues);
        }
        return value;
      });
    }
    return wrapped;
  }

  private finish(runs: RuleRun[], facts: Facts, now: Date, explain: boolean, engine: Decision['engine'], started: number): Decision {
    const { policy, version, hitPolicy } = this.ruleFile;
    const succeeded = runs.filter((run) => run.result);
    const winners = hitPolicy === 'first' ? succeeded.slice(0, 1) : succeeded;
    const spec = policies[policy];
    const derive = (event: PolicyEvent) => (spec.derive ? spec.derive(event, { facts, now }) : event);
    const outcomes = (winners.length > 0 ? winners.map((run) => run.event as PolicyEvent) : [this.defaultEvent(facts)]).map(derive);
    const decision: Decision = {
      policy,
      version,
      outcomes,
      outcome: outcomes[0] as PolicyEvent,
      fired: winners.map((run) => run.rule.name),
      decidedAt: now.toISOString(),
      engine,
      durationMs: 0,
    };
    if (explain) {
      const rules = runs.map((run) => run.trace as RuleTrace);
      const miss = winners.length === 0 ? nearestMiss(rules) : undefined;
      decision.explanation = miss ? { rules, nearestMiss: miss } : { rules };
    }
    decision.durationMs = performance.now() - started;
    return decision;
  }

  private failure(error: PolicyError, now: Date, engine: Decision['engine'], started: number): Decision {
    const outcome = { type: 'error', params: { code: error.code, message: error.message } };
    return {
      policy: this.ruleFile.policy,
      version: this.ruleFile.version,
      outcomes: [outcome],
      outcome,
      fired: [],
      decidedAt: now.toISOString(),
      engine,
      durationMs: performance.now() - started,
      error: { code: error.code, message: error.message },
    };
  }
}

/**
 * Validates a rule file and compiles it into a policy. Unless `verify: false`,
 * the compiled fast path is checked against json-rules-engine on random facts
 * and on the file's own tests; on any disagreement the fast path is disabled.
 * Throws `invalid-rule-file` with every issue when the file is invalid.
 */
export async function createPolicy(document: unknown, options: PolicyOptions = {}): Promise<Policy> {
  const validation = validateRuleFile(document, options.file ? { file: options.file } : {});
  if (!validation.valid) {
    throw new PolicyError('invalid-rule-file', `${options.file ?? 'rule file'} has ${validation.issues.length} problem(s)`, validation.issues);
  }
  // The policy keeps its own copy: a caller changing its object later changes nothing here.
  const policy = new CompiledPolicy(structuredClone(validation.ruleFile), options);
  if (options.verify !== false) {
    const report = await differentialCheck(policy, validation.ruleFile, options.verify ?? {});
    policy.selfCheck = report;
    policy.fastPathEnabled = report.mismatches.length === 0;
  }
  return policy;
}
