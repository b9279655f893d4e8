import type { RuleTestCase } from '@crm-policy/engine';
import type { Language } from '../../i18n/messages.js';

/** What a test is called on the page: its title in the page's language, else its `name` (the identifier, which may be English). */
export function testTitle(test: Pick<RuleTestCase, 'name' | 'title'>, language: Language): string {
  return test.title?.[language]?.trim() || test.name;
}

/**
 * The tests a report names (by their identifiers), as the page calls them:
 * each name looked up among the file's tests, shown as itself when the file
 * has no test of that name.
 */
export function testTitlesOf(names: readonly string[], tests: readonly RuleTestCase[] | undefined, language: Language): string[] {
  const byName = new Map((tests ?? []).map((test) => [test.name, test]));
  return names.map((name) => {
    const test = byName.get(name);
    return test ? testTitle(test, language) : name;
  });
}
