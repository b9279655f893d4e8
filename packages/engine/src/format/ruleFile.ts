/** JSON Schema of one fact, as declared in a rule file's `facts`. */
export type FactSchema = {
  title: string;
  description?: string;
  type?: JsonType | JsonType[];
  [keyword: string]: unknown;
};

export type JsonType = 'string' | 'number' | 'integer' | 'boolean' | 'object' | 'array' | 'null';

/** The policies crm-policy runs. */
export type PolicyKind = 'assignment' | 'claim-eligibility' | 'credit-risk';

/** How a file's rules combine: `first` takes the first rule that matches (by priority), `collect` takes every one that matches. */
export type HitPolicy = 'first' | 'collect';

/** `{ "fact": name, "path": "$.x" }`: a value read from a fact at decision time. */
export interface FactReference {
  fact: string;
  path?: string;
}

/** The operators a comparison may use (see docs/operators.md). */
export type OperatorName =
  | 'equal'
  | 'notEqual'
  | 'in'
  | 'notIn'
  | 'contains'
  | 'doesNotContain'
  | 'lessThan'
  | 'lessThanInclusive'
  | 'greaterThan'
  | 'greaterThanInclusive'
  | 'between'
  | 'inRegion'
  | 'olderThanDays'
  | 'withinDays'
  | 'matchesAny'
  | 'matchesPattern'
  | 'isBlank';

/** A comparison of a fact (optionally a path into it) with a value. */
export interface Comparison {
  fact: string;
  path?: string;
  params?: Record<string, unknown>;
  operator: OperatorName;
  value: unknown;
}

/** A condition: a comparison, or a group (`all`, `any`, `not`) of conditions. */
export type Condition = { all: Condition[] } | { any: Condition[] } | { not: Condition } | Comparison;

/** A rule's conditions: always a group at the top. */
export type TopLevelCondition = { all: Condition[] } | { any: Condition[] } | { not: Condition };

/** An outcome: what a rule (or the default) decides. */
export interface PolicyEvent {
  type: string;
  params?: Record<string, unknown>;
}

/** One rule of a rule file: its name, priority, conditions and outcome. */
export interface RuleDefinition {
  name: string;
  priority?: number;
  description?: string;
  conditions: TopLevelCondition;
  event: PolicyEvent;
}

/** A text a person reads, in both of the product's languages. */
export interface BilingualText {
  zh: string;
  en: string;
}

/** A test a rule file carries: facts, an optional clock, and the outcome (and fired rules) expected. */
export interface RuleTestCase {
  /** The test's identifier, unique in the file: the runner, its reports and the API name the test by it. */
  name: string;
  /** What people see the test called, in both languages; `name` is shown where it is absent. */
  title?: BilingualText;
  now?: string;
  facts: Record<string, unknown>;
  expect: { outcome?: PolicyEvent; fired?: string[] };
}

/** A rule file: one policy, as stored in `rules/<policy>.json`. */
export interface RuleFile {
  policy: PolicyKind;
  version: string;
  title: string;
  description?: string;
  hitPolicy: HitPolicy;
  facts: Record<string, FactSchema>;
  default: PolicyEvent;
  rules: RuleDefinition[];
  tests?: RuleTestCase[];
}

/** True when the node is a comparison rather than an all/any/not group. */
export function isComparison(condition: Condition): condition is Comparison {
  return typeof (condition as Comparison).fact === 'string' && 'operator' in condition;
}

/** True when a value has the shape of a fact reference (`{ "fact": ... }`), as json-rules-engine reads it. */
export function isFactReference(value: unknown): value is FactReference {
  return (
    typeof value === 'object' &&
    value !== null &&
    !Array.isArray(value) &&
    Object.prototype.hasOwnProperty.call(value, 'fact')
  );
}
