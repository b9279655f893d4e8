import type { Issue } from '../errors.js';
import { operators } from '../evaluation/operators/operatorRegistry.js';
import type { FactKind } from '../evaluation/operators/operatorSpec.js';
import { checkPattern } from './checkPatterns.js';
import { factKinds, factSchemaAt, literalKind } from './factSchemaAt.js';
import { jsonPointer } from './jsonPointer.js';
import { localized } from './messages.js';
import type { Comparison, FactReference, RuleFile } from './ruleFile.js';
import { isFactReference } from './ruleFile.js';
import { walkComparisons } from './walkConditions.js';

type Schema = Record<string, unknown>;

const describeKinds = (kinds: Iterable<FactKind>) => [...kinds].join(' | ');
const label = (reference: FactReference) => `"${reference.fact}${reference.path ? reference.path.slice(1) : ''}"`;

/**
 * Resolves a fact (and path) to its declared schema, reporting an undeclared
 * fact or a path the schema does not have.
 */
export function resolveFactSchema(
  file: RuleFile,
  reference: FactReference,
  pointer: string,
  issues: Issue[],
): Schema | undefined {
  const declared = file.facts[reference.fact] as Schema | undefined;
  if (!declared) {
    issues.push({ code: 'fact-undeclared', pointer, message: localized('fact-undeclared', { fact: reference.fact }) });
    return undefined;
  }
  const schema = factSchemaAt(declared, reference.path);
  if (!schema) {
    issues.push({
      code: 'path-unknown',
      pointer,
      message: localized('path-unknown', { fact: reference.fact, path: reference.path ?? '' }),
    });
  }
  return schema;
}

// Literal values that the operator compares with the fact itself, element by element.
function comparedLiterals(comparison: Comparison): unknown[] {
  switch (comparison.operator) {
    case 'equal':
    case 'notEqual':
      return [comparison.value];
    case 'in':
    case 'notIn':
      return Array.isArray(comparison.value) ? comparison.value : [];
    default:
      return [];
  }
}

function fits(kind: FactKind, kinds: Set<FactKind>): boolean {
  return kinds.has(kind) || (kind === 'string' && kinds.has('date'));
}

function checkComparison(file: RuleFile, comparison: Comparison, pointer: string, issues: Issue[]): void {
  const spec = operators.get(comparison.operator);
  const schema = resolveFactSchema(file, comparison, pointer + '/fact', issues);
  if (schema && spec) {
    const kinds = factKinds(schema);
    if (kinds) {
      const usable = [...kinds].filter((k) => k !== 'null');
      const accepted = usable.length === 0 ? spec.accepts.includes('null') : usable.some((k) => spec.accepts.includes(k));
      if (!accepted) {
        issues.push({
          code: 'operator-type-mismatch',
          pointer: pointer + '/operator',
          message: localized('operator-type-mismatch', {
            operator: comparison.operator,
            subject: label(comparison),
            kinds: describeKinds(kinds),
            accepts: describeKinds(spec.accepts),
          }),
        });
      } else if (!isFactReference(comparison.value)) {
        for (const literal of comparedLiterals(comparison)) {
          if (!fits(literalKind(literal), kinds)) {
            issues.push({
              code: 'value-type-mismatch',
              pointer: pointer + '/value',
              message: localized('value-type-mismatch', {
                value: JSON.stringify(literal),
                subject: label(comparison),
                kinds: describeKinds(kinds),
              }),
            });
            break;
          }
        }
      }
    }
  }
  if (isFactReference(comparison.value)) {
    const valueSchema = resolveFactSchema(file, comparison.value, pointer + '/value', issues);
    const valueKinds = valueSchema ? factKinds(valueSchema) : undefined;
    if (valueKinds && spec && spec.accepts.length === 1 && spec.accepts[0] === 'number' && !valueKinds.has('number')) {
      issues.push({
        code: 'operator-type-mismatch',
        pointer: pointer + '/value',
        message: localized('operator-type-mismatch', {
          operator: comparison.operator,
          subject: label(comparison.value),
          kinds: describeKinds(valueKinds),
          accepts: 'number',
        }),
      });
    }
  }
  if (comparison.operator === 'matchesPattern' && typeof comparison.value === 'string') {
    issues.push(...checkPattern(comparison.value, pointer + '/value'));
  }
}

/** Checks every comparison of every rule: declared facts, paths, operator and value types, patterns. */
export function checkComparisons(file: RuleFile): Issue[] {
  const issues: Issue[] = [];
  file.rules.forEach((rule, index) => {
    walkComparisons(rule.conditions, jsonPointer('rules', index, 'conditions'), (comparison, pointer) =>
      checkComparison(file, comparison, pointer, issues),
    );
  });
  return issues;
}
