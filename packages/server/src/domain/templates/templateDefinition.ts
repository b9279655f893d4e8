/** An industry's field template: the JSON Schema reps fill in, how to show it, and its labels. */
export interface TemplateDefinition {
  industry: string;
  title: { en: string; zh: string };
  schema: Record<string, unknown>;
  uiSchema: Record<string, unknown>;
  labels: { en: Record<string, string>; zh: Record<string, string> };
  /** Display names of choices per language: field path → code → name (`{ zh: { deployment: { saas: "SaaS 云服务" } } }`). A template without them shows the codes. */
  choices?: Partial<Record<'en' | 'zh', Record<string, Record<string, string>>>>;
  /** Help shown below a field, per language: field path → text. When present, it replaces the schema's `description`. */
  help?: Partial<Record<'en' | 'zh', Record<string, string>>>;
  /** Placeholders per language: field path → text. */
  placeholders?: Partial<Record<'en' | 'zh', Record<string, string>>>;
}

const TEXTS = { type: 'object', additionalProperties: { type: 'string', maxLength: 500 } } as const;
const PER_LANGUAGE = (texts: Record<string, unknown>) => ({ type: 'object', additionalProperties: false, properties: { en: texts, zh: texts } }) as const;

/** The industries shipped in `schemas/templates/`. */
export const INDUSTRIES = ['medical-devices', 'enterprise-services', 'software', 'equipment-manufacturing', 'trade'] as const;

/** Fields every template has, under these names, so integrators can rely on them. */
export const COMMON_FIELDS = ['companyName', 'creditCode', 'region', 'address', 'contactName', 'phone', 'email', 'grade', 'intent', 'purchasePlan'] as const;

/** Fields every template must require: what duplicate detection and eligibility read. */
export const REQUIRED_COMMON_FIELDS = ['companyName', 'region', 'contactName', 'phone', 'grade'] as const;

/** The schema of a template definition, for the admin API. */
export const templateDefinitionSchema = {
  type: 'object',
  required: ['title', 'schema', 'uiSchema', 'labels'],
  properties: {
    title: { type: 'object', required: ['en', 'zh'], properties: { en: { type: 'string', minLength: 1 }, zh: { type: 'string', minLength: 1 } } },
    schema: { type: 'object', additionalProperties: true, required: ['type', 'properties'], properties: { type: { const: 'object' }, properties: { type: 'object', additionalProperties: true } } },
    uiSchema: { type: 'object', additionalProperties: true },
    labels: {
      type: 'object',
      required: ['en', 'zh'],
      properties: { en: { type: 'object', additionalProperties: { type: 'string' } }, zh: { type: 'object', additionalProperties: { type: 'string' } } },
    },
    choices: PER_LANGUAGE({ type: 'object', additionalProperties: TEXTS }),
    help: PER_LANGUAGE(TEXTS),
    placeholders: PER_LANGUAGE(TEXTS),
  },
} as const;
