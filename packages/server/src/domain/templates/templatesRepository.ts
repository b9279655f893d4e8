import type { ErrorObject, ValidateFunction } from 'ajv';
import { checkSchemaPatterns } from '@crm-policy/engine';
import type { Principal } from '../../auth/principal.js';
import { DomainError } from '../domainError.js';
import type { FieldProblem } from '../../validation/fieldProblem.js';
import type { Language } from '@crm-policy/engine';
import { RequestValidator } from '../../validation/requestValidator.js';
import { validationProblems } from '../../validation/validationProblems.js';
import type { Collection, Doc, Store } from '../../store/collection.js';
import { isDuplicateKey } from '../../store/storeError.js';
import { FIELD_NAME, missingLabels } from './fieldLabels.js';
import { addRegistrationFormats } from './registrationFormats.js';
import type { TemplateDefinition } from './templateDefinition.js';
import { REQUIRED_COMMON_FIELDS } from './templateDefinition.js';

export interface TemplateVersionDoc extends Doc, TemplateDefinition {
  version: number;
  createdAt: string;
  createdBy: string;
}

interface TemplateHeadDoc extends Doc {
  version: number;
}

/** How many template versions a process keeps read and compiled (the current ones, and a few it replaced). */
const KEPT_VERSIONS = 64;

/** Who wrote the versions that come from the shipped files. */
const SEED = 'seed';

/** What a template definition says, in a form where key order does not count. */
function canonical(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(canonical);
  if (value === null || typeof value !== 'object') return value;
  return Object.fromEntries(Object.keys(value).sort().map((key) => [key, canonical((value as Record<string, unknown>)[key])]));
}

/** Whether a stored version says what a shipped definition says. */
function sameDefinition(stored: TemplateDefinition, shipped: TemplateDefinition): boolean {
  const said = ({ title, schema, uiSchema, labels, choices, help, placeholders }: TemplateDefinition) => JSON.stringify(canonical({ title, schema, uiSchema, labels, choices, help, placeholders }));
  return said(stored) === said(shipped);
}

/** The codes a field (a dotted path such as `purchasePlan.kind`) offers: its `enum`, or its items' for a list of choices. */
function offeredCodes(schema: Record<string, unknown>, field: string): string[] {
  let node: Record<string, unknown> | undefined = schema;
  for (const name of field.split('.')) node = (node?.['properties'] as Record<string, Record<string, unknown>> | undefined)?.[name];
  const items = node?.['items'] as Record<string, unknown> | undefined;
  const codes = node?.['enum'] ?? items?.['enum'];
  return Array.isArray(codes) ? codes.map(String) : [];
}

/** Freezes a template version all the way down: one object serves every request. */
function frozen<T>(value: T): T {
  if (value !== null && typeof value === 'object' && !Object.isFrozen(value)) {
    for (const child of Object.values(value)) frozen(child);
    Object.freeze(value);
  }
  return value;
}

/**
 * Industry templates as immutable versions (`<industry>@<n>`) and a head per
 * industry naming the current one. A new version is written first, then the
 * head moves with a compare-and-set: a crash in between leaves the old version current.
 *
 * A version never changes once written, so each is read and compiled once per
 * process and kept (frozen) by its id; `current` still reads the head every
 * time, so a new version, saved here or by another process, is used from the
 * next registration on.
 */
export class TemplatesRepository {
  private readonly versions: Collection<TemplateVersionDoc>;
  private readonly heads: Collection<TemplateHeadDoc>;
  private readonly validator = new RequestValidator(addRegistrationFormats);
  /** Versions read, by id, oldest first; each with its validator once compiled. */
  private readonly kept = new Map<string, { doc: TemplateVersionDoc; validate?: ValidateFunction }>();

  constructor(
    store: Store,
    private readonly clock: () => Date,
  ) {
    this.versions = store.collection<TemplateVersionDoc>('templateVersions');
    this.heads = store.collection<TemplateHeadDoc>('templateHeads');
  }

  /** Loads the shipped templates for industries that have none yet. */
  async seed(definitions: readonly TemplateDefinition[]): Promise<void> {
    for (const definition of definitions) {
      const head = await this.heads.findOne({ _id: definition.industry });
      if (head) {
        await this.upgradeShipped(definition, head.version);
        continue;
      }
      await this.versions.updateOne(
        { _id: `${definition.industry}@1` },
        { $setOnInsert: { ...definition, version: 1, createdAt: this.clock().toISOString(), createdBy: SEED } },
        { upsert: true },
      );
      await this.heads.updateOne({ _id: definition.industry }, { $setOnInsert: { version: 1 } }, { upsert: true });
    }
  }

  /**
   * A shipped template no admin has changed (its current version was written
   * by the seed) follows the shipped file: a store seeded before the templates
   * carried display names gets them as a new version. A template an admin
   * saved is left alone; a race with another process starting is lost quietly.
   */
  private async upgradeShipped(definition: TemplateDefinition, version: number): Promise<void> {
    const current = await this.version(`${definition.industry}@${version}`);
    if (current?.createdBy !== SEED || sameDefinition(current, definition)) return;
    const { industry, ...shipped } = definition;
    try {
      await this.replace(industry, shipped, { kind: 'user', id: SEED, username: SEED, displayName: SEED, role: 'admin', teams: [] });
    } catch (error) {
      if (!(error instanceof DomainError && error.code === 'conflict')) throw error;
    }
  }

  /** The industry's current version (shared and frozen: copy it to change it). */
  async current(industry: string): Promise<TemplateVersionDoc | null> {
    const head = await this.heads.findOne({ _id: industry });
    return head ? this.version(`${industry}@${head.version}`) : null;
  }

  private async version(id: string): Promise<TemplateVersionDoc | null> {
    const known = this.kept.get(id);
    if (known) return known.doc;
    const doc = await this.versions.findOne({ _id: id });
    return doc && this.keep(frozen(doc)).doc;
  }

  private keep(doc: TemplateVersionDoc): { doc: TemplateVersionDoc; validate?: ValidateFunction } {
    const entry = this.kept.get(doc._id) ?? { doc };
    this.kept.set(doc._id, entry);
    if (this.kept.size > KEPT_VERSIONS) this.kept.delete(this.kept.keys().next().value!);
    return entry;
  }

  async list(): Promise<TemplateVersionDoc[]> {
    const heads = await this.heads.find({}, { sort: { _id: 1 } });
    const ids = heads.map((head) => `${head._id}@${head.version}`);
    return this.versions.find({ _id: { $in: ids } }, { sort: { industry: 1 } });
  }

  history(industry: string): Promise<TemplateVersionDoc[]> {
    return this.versions.find({ industry }, { sort: { version: -1 } });
  }

  /** Saves a new version of an industry's template and makes it current. */
  async replace(industry: string, definition: Omit<TemplateDefinition, 'industry'>, actor: Principal): Promise<TemplateVersionDoc> {
    this.assertUsable(definition);
    const head = await this.heads.findOne({ _id: industry });
    const version = (head?.version ?? 0) + 1;
    const doc: TemplateVersionDoc = { _id: `${industry}@${version}`, industry, ...definition, version, createdAt: this.clock().toISOString(), createdBy: actor.id };
    try {
      await this.versions.insertOne(doc);
    } catch (error) {
      if (isDuplicateKey(error)) throw new DomainError('conflict', 'The template changed meanwhile; reload it and try again');
      throw error;
    }
    const moved = head
      ? await this.heads.findOneAndUpdate({ _id: industry, version: head.version }, { $set: { version } })
      : await this.heads.updateOne({ _id: industry }, { $setOnInsert: { version } }, { upsert: true }).then((r) => (r.upsertedId ? {} : null));
    if (!moved) throw new DomainError('conflict', 'The template changed meanwhile; reload it and try again');
    return doc;
  }

  private assertUsable(definition: Omit<TemplateDefinition, 'industry'>): void {
    const details: FieldProblem[] = [];
    const properties = (definition.schema['properties'] ?? {}) as Record<string, Record<string, unknown>>;
    const required = (definition.schema['required'] ?? []) as unknown[];
    // Field names are keys in every registration, in rule facts and in CSV headers: plain identifiers only.
    for (const name of Object.keys(properties)) {
      if (!FIELD_NAME.test(name)) details.push({ path: `/schema/properties/${name.replace(/~/g, '~0').replace(/\//g, '~1')}`, message: 'a field name is letters, digits and underscores, starting with a letter' });
    }
    // Every field, a group's fields too, is labelled in both languages: reps never read a field by its code.
    for (const problem of missingLabels(definition)) details.push({ ...problem, code: 'label-missing' });
    for (const field of REQUIRED_COMMON_FIELDS) {
      if (!properties[field]) details.push({ path: `/schema/properties/${field}`, message: `the template must have the field ${field}` });
      else if (!required.includes(field)) details.push({ path: '/schema/required', message: `${field} must be required` });
    }
    // A choice's display name names a code the field offers: a misspelt code would show the raw code, silently.
    for (const [language, fields] of Object.entries(definition.choices ?? {})) {
      for (const [field, names] of Object.entries(fields ?? {})) {
        const offered = offeredCodes(definition.schema, field);
        for (const code of Object.keys(names)) {
          if (!offered.includes(code)) details.push({ path: `/choices/${language}/${field}/${code.replace(/~/g, '~0').replace(/\//g, '~1')}`, message: `${field} offers no choice ${code}` });
        }
      }
    }
    // Every pattern must be RE2 syntax (what the validator runs them on); the problem names the pattern itself.
    const patterns = checkSchemaPatterns(definition.schema, '/schema');
    for (const issue of patterns) details.push({ path: issue.pointer, message: issue.message.en, code: issue.code });
    if (patterns.length === 0) {
      try {
        this.validator.ajv.compile(definition.schema);
      } catch (error) {
        details.push({ path: '/schema', message: `not a valid JSON Schema: ${(error as Error).message}` });
      }
    }
    if (details.length > 0) throw new DomainError('invalid', 'The template cannot be used', { details });
  }

  /** A stored version saved before patterns ran on RE2 may hold one RE2 refuses (lookaround): a 409 for an admin to fix, not a 500. */
  private compileStored(template: TemplateVersionDoc): ValidateFunction {
    try {
      return this.validator.compile(template.schema);
    } catch (error) {
      throw new DomainError('conflict', `The template ${template._id} can no longer be used (${(error as Error).message}); an admin must save a new version`);
    }
  }

  /**
   * The fields (dotted paths) a record breaks under a definition not saved yet,
   * or just saved: compiled once for a whole check, never kept. Refused like a save when unusable.
   */
  fieldsBroken(definition: Omit<TemplateDefinition, 'industry'>): (record: unknown) => string[] {
    this.assertUsable(definition);
    const validate = this.validator.compile(definition.schema);
    return (record) => (validate(record) ? [] : [...new Set(validationProblems(validate.errors as ErrorObject[], 'en').map((problem) => problem.path.replace(/^\//, '').split('/').join('.')))]);
  }

  /** One version of an industry's template, current or not (shared and frozen). */
  at(industry: string, version: number): Promise<TemplateVersionDoc | null> {
    return this.version(`${industry}@${version}`);
  }

  /** Validates a submission against a template version: every problem, in the caller's language. */
  validate(template: TemplateVersionDoc, customer: unknown, language: Language): FieldProblem[] {
    const entry = this.kept.get(template._id);
    const validate = entry ? (entry.validate ??= this.compileStored(template)) : this.compileStored(template);
    if (validate(customer)) return [];
    const labels = template.labels[language];
    return validationProblems(validate.errors as ErrorObject[], language).map((problem) => {
      const field = problem.path.replace(/^\//, '').split('/').join('.');
      const label = labels[field];
      return { ...problem, path: `/customer${problem.path === '/' ? '' : problem.path}`, ...(label ? { label } : {}) };
    });
  }
}
