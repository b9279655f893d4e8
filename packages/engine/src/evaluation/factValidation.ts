import type { ValidateFunction } from 'ajv';
import type { Issue } from '../errors.js';
import { PolicyError } from '../errors.js';
import { createAjv } from '../format/createAjv.js';
import { jsonPointer } from '../format/jsonPointer.js';
import { localized } from '../format/messages.js';
import type { RuleFile } from '../format/ruleFile.js';
import { schemaIssues } from '../format/schemaIssues.js';
import { usedFacts } from '../format/usedFacts.js';

const hasDefaults = (schema: unknown): boolean =>
  typeof schema === 'object' && schema !== null && (Object.hasOwn(schema, 'default') || Object.values(schema).some(hasDefaults));

/** Validates facts against a rule file's declared fact schemas. */
export class FactValidator {
  private readonly validators = new Map<string, ValidateFunction>();
  private readonly fillsDefaults: boolean;
  private readonly required: Set<string>;

  constructor(private readonly file: RuleFile) {
    const ajv = createAjv({ useDefaults: true });
    for (const [name, schema] of Object.entries(file.facts)) this.validators.set(name, ajv.compile(schema));
    this.fillsDefaults = Object.values(file.facts).some(hasDefaults);
    this.required = usedFacts(file);
  }

  /** Issues of one fact's value, with pointers like `/customer/employees`. */
  check(name: string, value: unknown): Issue[] {
    const validate = this.validators.get(name);
    if (!validate || validate(value)) return [];
    return schemaIssues(validate.errors, jsonPointer(name)).map((issue) => ({
      ...issue,
      code: 'fact-invalid',
      message: localized('fact-invalid', { fact: name, detail: issue.message.en }),
    }));
  }

  /**
   * Returns the facts the rules will read: the input (copied when schema
   * defaults must be filled in). Every declared fact given is validated; every
   * fact the rules read must be given, computable by the host, or defaulted.
   * Throws `invalid-facts` naming every missing or mistyped fact.
   */
  prepare(input: Readonly<Record<string, unknown>>, computable: ReadonlySet<string>): Record<string, unknown> {
    if (typeof input !== 'object' || input === null || Array.isArray(input)) {
      throw new PolicyError('invalid-facts', 'Facts must be a JSON object keyed by fact name', [
        { code: 'facts-not-object', pointer: '', message: { en: 'Facts must be a JSON object keyed by fact name.', zh: '事实必须是以事实名称为键的 JSON 对象。' } },
      ]);
    }
    const facts: Record<string, unknown> = {};
    const issues: Issue[] = [];
    for (const [name, schema] of Object.entries(this.file.facts)) {
      if (Object.hasOwn(input, name) && input[name] !== undefined) {
        const value = this.fillsDefaults ? structuredClone(input[name]) : input[name];
        issues.push(...this.check(name, value));
        facts[name] = value;
      } else if (computable.has(name) || !this.required.has(name)) {
        continue;
      } else if (Object.hasOwn(schema, 'default')) {
        facts[name] = structuredClone(schema['default']);
      } else {
        issues.push({ code: 'fact-missing', pointer: jsonPointer(name), message: localized('fact-missing', { fact: name }) });
      }
    }
    if (issues.length > 0) {
      throw new PolicyError('invalid-facts', issues.map((issue) => issue.message.en).join('; '), issues);
    }
    return facts;
  }
}
