/**
 * Chinese business identifiers, with no other dependency: usable in a browser
 * (`@crm-policy/engine/identifiers`) as well as on the server.
 * @packageDocumentation
 */
export { creditCodeCheckCharacter, isValidCreditCode } from './creditCode.js';
export { regionPrefix } from '../evaluation/operators/inRegion.js';
