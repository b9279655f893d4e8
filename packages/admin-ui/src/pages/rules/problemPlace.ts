import type { RJSFSchema } from '@rjsf/utils';
import type { RuleFile } from '@crm-policy/engine';
import type { Language } from '../../i18n/messages.js';
import { format } from '../../i18n/messages.js';

/** The title a (localised) schema gives one of its properties, if any. */
function titleOf(schema: RJSFSchema | undefined, property: string | undefined): string | undefined {
  if (!schema || property === undefined) return undefined;
  const sub = schema.properties?.[property];
  return typeof sub === 'object' && typeof sub.title === 'string' && sub.title !== '' ? sub.title : undefined;
}

/**
 * Where in the draft a server problem is, in words ("规则 protect-grade-c › 优先级",
 * "标题", "测试 grade C …"), from its JSON Pointer (`/file/rules/3/priority`);
 * the pointer itself when it names nothing the page knows.
 */
export function problemPlace(path: string, file: RuleFile | undefined, fileSchema: RJSFSchema | undefined, language: Language): string {
  const [root, section, index, field] = path.split('/').slice(1);
  if (root === 'comment') return format(language, 'lc.comment');
  if (root !== 'file') return path;
  if (section === 'rules' && index !== undefined) {
    const rule = file?.rules[Number(index)];
    const ruleSchema = (fileSchema?.$defs as Record<string, RJSFSchema> | undefined)?.['rule'];
    const name = `${format(language, 'table.rule')} ${rule?.name ?? Number(index) + 1}`;
    const part = titleOf(ruleSchema, field);
    return part ? `${name} › ${part}` : name;
  }
  if (section === 'tests' && index !== undefined) return `${format(language, 'rules.placeTest')} ${file?.tests?.[Number(index)]?.name ?? Number(index) + 1}`;
  return titleOf(fileSchema, section) ?? path;
}

/** A problem's message without the pointer the engine puts in front of it (the place is shown beside it, in words). */
export const withoutPointer = (message: string): string => message.replace(/^\/\S*\s+/, '');
