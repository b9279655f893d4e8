import { readFileSync } from 'node:fs';
import type { RuleFile } from '../src/index.js';

export const RULES_DIR = new URL('../../../rules/', import.meta.url);

/** One of the shipped rule files, parsed. */
export function shippedRuleFile(name: 'assignment' | 'claim-eligibility' | 'credit-risk'): RuleFile {
  return JSON.parse(readFileSync(new URL(`${name}.json`, RULES_DIR), 'utf8')) as RuleFile;
}

/** A small valid assignment file to mutate in tests. */
export function smallAssignmentFile(): RuleFile {
  return {
    policy: 'assignment',
    version: '1.0.0',
    title: 'Test routing',
    hitPolicy: 'first',
    facts: {
      customer: {
        title: 'Customer',
        type: 'object',
        required: ['regionCode', 'employees'],
        properties: {
          regionCode: { type: 'string', pattern: '^[1-9][0-9]{5}$' },
          employees: { type: 'integer', minimum: 0 },
          name: { type: 'string' },
          since: { type: 'string', format: 'date' },
        },
      },
      tags: { title: 'Tags', type: 'array', items: { type: 'string' } },
    },
    default: { type: 'review', params: { queue: 'unrouted', reason: 'no rule' } },
    rules: [
      {
        name: 'large-guangdong',
        priority: 10,
        conditions: {
          all: [
            { fact: 'customer', path: '$.regionCode', operator: 'inRegion', value: '44' },
            { fact: 'customer', path: '$.employees', operator: 'greaterThanInclusive', value: 1000 },
          ],
        },
        event: { type: 'assign', params: { team: 'South Enterprise', ownership: 'dedicated' } },
      },
      {
        name: 'any-guangdong',
        priority: 5,
        conditions: { all: [{ fact: 'customer', path: '$.regionCode', operator: 'inRegion', value: '44' }] },
        event: { type: 'assign', params: { team: 'South SME', ownership: 'shared' } },
      },
    ],
  };
}

export const clone = <T>(value: T): T => structuredClone(value);
