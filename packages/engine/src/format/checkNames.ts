import type { Issue } from '../errors.js';
import { jsonPointer } from './jsonPointer.js';
import { localized } from './messages.js';
import type { RuleFile } from './ruleFile.js';

/** An issue at each name already used earlier in the list. */
function repeatedNames(names: readonly string[], list: 'rules' | 'tests', code: string): Issue[] {
  const seen = new Set<string>();
  const issues: Issue[] = [];
  names.forEach((name, index) => {
    if (seen.has(name)) issues.push({ code, pointer: jsonPointer(list, index, 'name'), message: localized(code, { name }) });
    seen.add(name);
  });
  return issues;
}

/** Rule names and test names are unique; tests name only rules that exist. */
export function checkNames(file: RuleFile): Issue[] {
  const tests = file.tests ?? [];
  const issues = [
    ...repeatedNames(file.rules.map((rule) => rule.name), 'rules', 'rule-name-duplicate'),
    ...repeatedNames(tests.map((test) => test.name), 'tests', 'test-name-duplicate'),
  ];
  const ruleNames = new Set(file.rules.map((rule) => rule.name));
  tests.forEach((test, index) => {
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
