import type { Issue } from '../errors.js';
import { checkSchemaPatterns } from './checkPatterns.js';
import type { Ajv2020 } from './createAjv.js';
import { jsonPointer } from './jsonPointer.js';
import { localized } from './messages.js';
import type { RuleFile } from './ruleFile.js';

/** Each declared fact's schema must compile and carry only bounded patterns. */
export function checkFactSchemas(ajv: Ajv2020, file: RuleFile): Issue[] {
  const issues: Issue[] = [];
  for (const [fact, schema] of Object.entries(file.facts)) {
    const pointer = jsonPointer('facts', fact);
    const patternIssues = checkSchemaPatterns(schema, pointer);
    issues.push(...patternIssues);
    if (patternIssues.length > 0) continue;
    try {
      ajv.compile(schema);
    } catch (error) {
      issues.push({
        code: 'fact-schema-invalid',
        pointer,
        message: localized('fact-schema-invalid', { fact, reason: (error as Error).message }),
      });
    }
  }
  return issues;
}
