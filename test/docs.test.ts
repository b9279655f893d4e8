import { readdirSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { createPolicy, runRuleTests, validateRuleFile } from '@crm-policy/engine';

// Every rule file shown in the docs (a ```json rule-file block) is valid and passes its own tests.
const ROOT = new URL('../', import.meta.url);
const pages = ['README.md', ...readdirSync(new URL('docs/', ROOT)).filter((f) => f.endsWith('.md')).map((f) => `docs/${f}`)];

const examples = pages.flatMap((page) => {
  const text = readFileSync(fileURLToPath(new URL(page, ROOT)), 'utf8');
  return [...text.matchAll(/```json rule-file\n([\s\S]*?)```/g)].map((match, i) => ({ name: `${page} example ${i + 1}`, source: match[1]! }));
});

describe('rule files in the docs', () => {
  it('exist', () => {
    expect(examples.length).toBeGreaterThan(0);
  });

  for (const example of examples) {
    it(`${example.name} is valid and passes its tests`, async () => {
      const document = JSON.parse(example.source);
      expect(validateRuleFile(document).issues).toEqual([]);
      const report = await runRuleTests(await createPolicy(document));
      expect(report.failed).toBe(0);
      expect(report.passed).toBeGreaterThan(0);
    });
  }
});
