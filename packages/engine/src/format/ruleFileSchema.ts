import { existsSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

const SCHEMA_FILE = 'rule-file.schema.json';

// The schema lives once, in the repository's `schemas/`; a published package carries a copy in its own `schemas/`.
const candidates = [
  new URL(`../../schemas/${SCHEMA_FILE}`, import.meta.url),
  new URL(`../../../../schemas/${SCHEMA_FILE}`, import.meta.url),
];

let cached: Record<string, unknown> | undefined;

/** The JSON Schema (2020-12) of a rule file: the one source of truth for the format. */
export function ruleFileSchema(): Record<string, unknown> {
  if (!cached) {
    const found = candidates.find((url) => existsSync(fileURLToPath(url)));
    if (!found) throw new Error(`${SCHEMA_FILE} not found next to the engine package`);
    cached = JSON.parse(readFileSync(fileURLToPath(found), 'utf8')) as Record<string, unknown>;
  }
  return cached;
}
