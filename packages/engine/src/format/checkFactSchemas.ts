import type { Issue } from '../errors.js';
import { checkSchemaPatterns } from './checkPatterns.js';
import { createAjv } from './createAjv.js';
import { jsonPointer } from './jsonPointer.js';
import { localized } from './messages.js';
import type { RuleFile } from './ruleFile.js';

// Schemas known to compile, by their text. An editor saves the same facts over and over; each compile costs milliseconds.
const COMPILED_LIMIT = 512;
const compiled = new Set<string>();

function compileError(schema: unknown): Error | undefined {
  const text = JSON.stringify(schema);
  if (compiled.has(text)) return undefined;
  try {
    // A fresh validator each time: schemas of files that were never saved must not pile up in a shared one.
    createAjv().compile(schema as object);
  } catch (error) {
    return error as Error;
  }
  if (compiled.size >= COMPILED_LIMIT) compiled.delete(compiled.values().next().value as string);
  compiled.add(text);
  return undefined;
}

/** Each declared fact's schema must compile and carry only bounded patterns. */
export function checkFactSchemas(file: RuleFile): Issue[] {
  const issues: Issue[] = [];
  for (const [fact, schema] of Object.entries(file.facts)) {
    const pointer = jsonPointer('facts', fact);
    const patternIssues = checkSchemaPatterns(schema, pointer);
    issues.push(...patternIssues);
    if (patternIssues.length > 0) continue;
    const error = compileError(schema);
    if (error) {
      issues.push({
        code: 'fact-schema-invalid',
        pointer,
        message: localized('fact-schema-invalid', { fact, reason: error.message }),
      });
    }
  }
  return issues;
}
