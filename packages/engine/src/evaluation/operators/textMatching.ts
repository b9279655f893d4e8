import { compilePattern } from '../../patterns/compilePattern.js';
import type { OperatorSpec } from './operatorSpec.js';

/** Folds case and width: `ＡＢＣ`, `abc` and `ABC` fold alike. */
export function foldText(text: string): string {
  return text.normalize('NFKC').toLowerCase();
}

/** `matchesAny`: the string fact equals one of the strings, ignoring case and full/half width. */
export const matchesAny: OperatorSpec = {
  name: 'matchesAny',
  accepts: ['string'],
  builtIn: false,
  words: { en: 'matches one of', zh: '匹配其一' },
  evaluate: (factValue, value) => {
    if (typeof factValue !== 'string' || !Array.isArray(value)) return false;
    const folded = foldText(factValue);
    return value.some((candidate) => typeof candidate === 'string' && foldText(candidate) === folded);
  },
  compile: (value) => {
    if (!Array.isArray(value)) return () => false;
    const folded = new Set(value.filter((v): v is string => typeof v === 'string').map(foldText));
    return (factValue) => typeof factValue === 'string' && folded.has(foldText(factValue));
  },
};

/**
 * `matchesPattern`: the string fact matches a regular expression in RE2 syntax
 * somewhere (anchor it with `^…$` for the whole string). Matching runs on RE2,
 * in time linear in the fact; a fact longer than `MAX_PATTERN_INPUT` never matches.
 */
export const matchesPattern: OperatorSpec = {
  name: 'matchesPattern',
  accepts: ['string', 'date'],
  builtIn: false,
  words: { en: 'matches pattern', zh: '符合模式' },
  evaluate: (factValue, value) => {
    if (typeof factValue !== 'string' || typeof value !== 'string') return false;
    return compilePattern(value)?.test(factValue) ?? false;
  },
  compile: (value) => {
    const pattern = typeof value === 'string' ? compilePattern(value) : null;
    return (factValue) => typeof factValue === 'string' && (pattern?.test(factValue) ?? false);
  },
};

/** True for undefined, null, a whitespace-only string and an empty array. */
export function isBlankValue(value: unknown): boolean {
  if (value === undefined || value === null) return true;
  if (typeof value === 'string') return value.trim() === '';
  if (Array.isArray(value)) return value.length === 0;
  return false;
}

/** `isBlank`: `true` asks that the fact be missing or empty, `false` that it be filled in. */
export const isBlank: OperatorSpec = {
  name: 'isBlank',
  accepts: ['string', 'date', 'number', 'boolean', 'null', 'array', 'object'],
  builtIn: false,
  words: { en: 'is blank', zh: '为空' },
  evaluate: (factValue, value) => isBlankValue(factValue) === value,
};
