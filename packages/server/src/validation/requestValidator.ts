import type { ValidateFunction } from 'ajv';
import { Ajv2020 } from 'ajv/dist/2020.js';
import addFormatsModule from 'ajv-formats';
import { linearRegExp } from '@crm-policy/engine';

const addFormats = addFormatsModule as unknown as (ajv: Ajv2020) => Ajv2020;

/** Closes every object schema that does not say otherwise, so that unknown fields are rejected. */
function closeObjects(schema: unknown): unknown {
  if (Array.isArray(schema)) return schema.map(closeObjects);
  if (schema === null || typeof schema !== 'object') return schema;
  const copy: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(schema)) copy[key] = key === 'enum' || key === 'const' || key === 'default' ? value : closeObjects(value);
  if (copy['type'] === 'object' && copy['properties'] && !('additionalProperties' in copy)) copy['additionalProperties'] = false;
  return copy;
}

/**
 * Compiles request-body schemas (JSON Schema 2020-12) with every error reported.
 * `pattern` runs on RE2 (the engine's `linearRegExp`): linear time, and a
 * string past 10,000 characters never matches, whoever wrote the schema.
 */
export class RequestValidator {
  readonly ajv: Ajv2020;

  constructor(configure?: (ajv: Ajv2020) => void) {
    this.ajv = new Ajv2020({ allErrors: true, strict: false, coerceTypes: false, verbose: true, code: { regExp: linearRegExp } });
    addFormats(this.ajv);
    configure?.(this.ajv);
  }

  compile(schema: Record<string, unknown>): ValidateFunction {
    return this.ajv.compile(closeObjects(schema) as Record<string, unknown>);
  }
}
