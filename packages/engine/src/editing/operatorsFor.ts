import { operators } from '../evaluation/operators/operatorRegistry.js';
import type { FactKind } from '../evaluation/operators/operatorSpec.js';
import type { OperatorName } from '../format/ruleFile.js';

/**
 * The operators that fit a value of these kinds, in the registry's order; every
 * operator when the kinds are unknown. The validator accepts exactly these
 * (`operator-type-mismatch` otherwise), so an editor offering only them cannot
 * produce that error.
 */
export function operatorsFor(kinds: ReadonlySet<FactKind> | undefined): OperatorName[] {
  const usable = kinds ? [...kinds].filter((kind) => kind !== 'null') : [];
  const names: OperatorName[] = [];
  for (const [name, spec] of operators) {
    if (!kinds) names.push(name);
    else if (usable.length === 0 ? spec.accepts.includes('null') : usable.some((kind) => spec.accepts.includes(kind))) names.push(name);
  }
  return names;
}

/** How an operator reads in words (`≥`, `is within`), for an editor's operator list. */
export function operatorWords(name: OperatorName, language: 'en' | 'zh'): string {
  return operators.get(name)?.words[language] ?? name;
}
