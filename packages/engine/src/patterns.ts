/**
 * Regular expressions that run in linear time (RE2 syntax, via re2js), for
 * every place an admin's pattern meets input: rule conditions, fact schemas,
 * templates and forms. Usable in a browser (`@crm-policy/engine/patterns`).
 * @packageDocumentation
 */
export { LinearPattern, MAX_PATTERN_INPUT, patternSyntaxError } from './patterns/linearPattern.js';
export { linearRegExp } from './patterns/linearRegExp.js';
