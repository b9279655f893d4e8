import type { Issue } from '../errors.js';
import { jsonPointer } from './jsonPointer.js';
import { localized } from './messages.js';
import type { RuleFile } from './ruleFile.js';

/** Rule names and test names are unique; tests name only rules that exist. */
export function checkNames(file: RuleFile): Issue[] {
  const issues: Issue[] = [];
  const ruleNames = new Set<string>();
  file.rules.forEach((rule, index) => {
    if (ruleNames.has(rule.name)) {
      issues.push({
        code: 'rule-name-duplicate',
        pointer: jsonPointer('rules', index, 'name'),
        message: localized('rule-name-duplicate', { name: rule.name }),
      });
    }
    ruleNames.add(rule.name);
  });
  const testNames = new Set<string>();
  (file.tests ?? []).forEach((test, index) => {
    if (testNames.has(test.name)) {
      issues.push({
        code: 'test-name-duplicate',
        pointer: jsonPointer('tests', index, 'name'),
        message: localized('test-name-duplicate', { name: test.name }),
      });
    }
    testNames.add(test.name);
    (test.expect.fired ?? []).forEach((name, i) => {
      if (!ruleNames.has(name)) {
        issues.push({
          code: 'test-rule-unknown',
          pointer: jsonPointer('tests', index, 'expect', 'fired', i),
          message: localized('test-rule-unknown', { test: test.name, name }),
        });
      }
    });
  });
  return issues;
}
