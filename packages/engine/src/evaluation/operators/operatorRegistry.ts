import type { OperatorName } from '../../format/ruleFile.js';
import { between } from './between.js';
import { builtInOperators } from './builtInOperators.js';
import { olderThanDays, withinDays } from './dayWindows.js';
import { inRegion } from './inRegion.js';
import type { OperatorSpec } from './operatorSpec.js';
import { isBlank, matchesAny, matchesPattern } from './textMatching.js';

const all: readonly OperatorSpec[] = [
  ...builtInOperators,
  between,
  inRegion,
  olderThanDays,
  withinDays,
  matchesAny,
  matchesPattern,
  isBlank,
];

/** Every operator a rule file may use, by name. */
export const operators: ReadonlyMap<OperatorName, OperatorSpec> = new Map(all.map((spec) => [spec.name, spec]));

/** The operators json-rules-engine does not ship, registered on each engine instance. */
export const customOperators: readonly OperatorSpec[] = all.filter((spec) => !spec.builtIn);

/** Looks up an operator; the validator guarantees the name exists before evaluation. */
export function operatorNamed(name: OperatorName): OperatorSpec {
  const spec = operators.get(name);
  if (!spec) throw new Error(`Unknown operator: ${name}`);
  return spec;
}
