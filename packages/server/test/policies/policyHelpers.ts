import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import type { RuleFile } from '@crm-policy/engine';

/** The shipped assignment file, with a new version and Guangdong energy SMEs sent to a new desk (the shipped tests still pass). */
export function assignmentDraft(version = '1.2.0', team = 'Shenzhen Desk'): RuleFile {
  const file = JSON.parse(readFileSync(fileURLToPath(new URL('../../../../rules/assignment.json', import.meta.url)), 'utf8')) as RuleFile;
  file.version = version;
  file.rules.push({
    name: 'sme-guangdong-energy',
    priority: 25,
    conditions: { all: [{ fact: 'customer', path: '$.regionCode', operator: 'inRegion', value: '44' }, { fact: 'customer', path: '$.type', operator: 'equal', value: 'company' }, { fact: 'customer', path: '$.employees', operator: 'lessThan', value: 1000 }, { fact: 'customer', path: '$.industry', operator: 'equal', value: 'energy' }] },
    event: { type: 'assign', params: { team, ownership: 'shared', strategy: 'round-robin', coOwners: 2 } },
  });
  return file;
}
