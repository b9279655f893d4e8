import fc from 'fast-check';
import type { Comparison, RuleFile } from '../format/ruleFile.js';
import { isFactReference } from '../format/ruleFile.js';
import { walkComparisons } from '../format/walkConditions.js';

type Schema = Record<string, unknown>;
const DAY_MS = 86_400_000;

/** Values the rules compare facts with, keyed by `fact$.path`; `[]` marks array items. */
type Hints = Map<string, unknown[]>;

function addHint(hints: Hints, key: string, ...values: unknown[]): void {
  const list = hints.get(key) ?? [];
  list.push(...values);
  hints.set(key, list);
}

function regionVariants(code: string): string[] {
  const six = code.padEnd(6, '0');
  return [code, six, six.slice(0, 4) + '01', six.slice(0, 2) + '0101', code.length === 6 ? code.slice(0, 4) : six];
}

function collectHints(file: RuleFile, now: number): Hints {
  const hints: Hints = new Map();
  const visit = (comparison: Comparison) => {
    const key = comparison.fact + (comparison.path ?? '$');
    const value = comparison.value;
    if (isFactReference(value)) return;
    switch (comparison.operator) {
      case 'inRegion':
        for (const code of Array.isArray(value) ? value : [value]) addHint(hints, key, ...regionVariants(String(code)));
        break;
      case 'olderThanDays':
      case 'withinDays': {
        const days = Number(value);
        for (const k of [days - 1, days, days + 1, -days]) addHint(hints, key, new Date(now - k * DAY_MS).toISOString());
        break;
      }
      case 'contains':
      case 'doesNotContain':
        addHint(hints, key + '[]', value);
        break;
      case 'matchesAny':
        for (const text of value as string[]) addHint(hints, key, text, text.toUpperCase(), text.toLowerCase());
        break;
      case 'in':
      case 'notIn':
      case 'between':
        addHint(hints, key, ...(value as unknown[]));
        break;
      default:
        addHint(hints, key, value);
    }
  };
  for (const rule of file.rules) walkComparisons(rule.conditions, '', visit);
  return hints;
}

function typesOf(schema: Schema): string[] {
  const type = schema['type'];
  return Array.isArray(type) ? (type as string[]) : typeof type === 'string' ? [type] : [];
}

function numberArbitrary(schema: Schema, integer: boolean, hints: unknown[]): fc.Arbitrary<number> {
  const min = typeof schema['minimum'] === 'number' ? schema['minimum'] : -1000;
  const max = typeof schema['maximum'] === 'number' ? schema['maximum'] : 10_000_000;
  const near = hints
    .filter((h): h is number => typeof h === 'number')
    .flatMap((h) => (integer ? [h - 1, h, h + 1] : [h - 0.5, h, h + 0.5]))
    .filter((h) => h >= min && h <= max && (!integer || Number.isInteger(h)));
  const free = integer ? fc.integer({ min: Math.ceil(min), max: Math.floor(max) }) : fc.double({ min, max, noNaN: true });
  return near.length > 0 ? fc.oneof({ arbitrary: fc.constantFrom(...near), weight: 3 }, { arbitrary: free, weight: 1 }) : free;
}

/**
 * Strings drawn from a pattern. fast-check reads JavaScript syntax; a pattern
 * written in RE2's own (`\p{Han}`, `(?i)`) gets short free strings instead.
 */
function patternArbitrary(pattern: string): fc.Arbitrary<string> {
  let regExp: RegExp;
  try {
    regExp = new RegExp(pattern, 'u');
  } catch {
    return fc.string({ maxLength: 8 });
  }
  return fc.stringMatching(regExp);
}

function stringArbitrary(schema: Schema, hints: unknown[], now: number): fc.Arbitrary<string> {
  const format = schema['format'];
  let free: fc.Arbitrary<string>;
  if (format === 'date' || format === 'date-time') {
    free = fc
      .integer({ min: now - 1200 * DAY_MS, max: now + 400 * DAY_MS })
      .map((ms) => (format === 'date' ? new Date(ms).toISOString().slice(0, 10) : new Date(ms).toISOString()));
  } else if (typeof schema['pattern'] === 'string') {
    free = patternArbitrary(schema['pattern'] as string);
  } else {
    free = fc.string({ maxLength: 8 });
  }
  const strings = hints
    .filter((h): h is string => typeof h === 'string')
    .map((h) => (format === 'date' ? h.slice(0, 10) : h));
  return strings.length > 0 ? fc.oneof({ arbitrary: fc.constantFrom(...strings), weight: 4 }, { arbitrary: free, weight: 1 }) : free;
}

function arbitraryFor(schema: Schema, key: string, hints: Hints, now: number): fc.Arbitrary<unknown> {
  if ('const' in schema) return fc.constant(schema['const']);
  if (Array.isArray(schema['enum'])) return fc.constantFrom(...(schema['enum'] as unknown[]));
  const here = hints.get(key) ?? [];
  const options: fc.Arbitrary<unknown>[] = typesOf(schema).map((type): fc.Arbitrary<unknown> => {
    switch (type) {
      case 'null':
        return fc.constant(null);
      case 'boolean':
        return fc.boolean();
      case 'integer':
        return numberArbitrary(schema, true, here);
      case 'number':
        return numberArbitrary(schema, false, here);
      case 'string':
        return stringArbitrary(schema, here, now);
      case 'array': {
        const items = (schema['items'] as Schema | undefined) ?? {};
        const itemHints = hints.get(key + '[]') ?? [];
        const item = itemHints.length > 0
          ? fc.oneof(fc.constantFrom(...itemHints), arbitraryFor(items, key + '[]', hints, now))
          : arbitraryFor(items, key + '[]', hints, now);
        const minItems = typeof schema['minItems'] === 'number' ? schema['minItems'] : 0;
        return fc.array(item, { minLength: minItems, maxLength: Math.max(minItems, 4) });
      }
      case 'object': {
        const properties = (schema['properties'] as Record<string, Schema> | undefined) ?? {};
        const required = (schema['required'] as string[] | undefined) ?? [];
        const model: Record<string, fc.Arbitrary<unknown>> = {};
        for (const [name, property] of Object.entries(properties)) model[name] = arbitraryFor(property, `${key}.${name}`, hints, now);
        return fc.record(model, { requiredKeys: required.filter((name) => name in model) });
      }
      default:
        return fc.jsonValue();
    }
  });
  if (options.length === 0) return fc.jsonValue();
  return options.length === 1 ? (options[0] as fc.Arbitrary<unknown>) : fc.oneof(...options);
}

/**
 * Random fact sets for a rule file, biased toward the values its rules compare
 * with (thresholds and their neighbours, region codes and their sub-divisions,
 * dates either side of day windows), so that most rules are exercised both ways.
 */
export function arbitraryFacts(file: RuleFile, now: number): fc.Arbitrary<Record<string, unknown>> {
  const hints = collectHints(file, now);
  const model: Record<string, fc.Arbitrary<unknown>> = {};
  for (const [name, schema] of Object.entries(file.facts)) model[name] = arbitraryFor(schema, `${name}$`, hints, now);
  return fc.record(model) as fc.Arbitrary<Record<string, unknown>>;
}
