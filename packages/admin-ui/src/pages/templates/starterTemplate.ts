import type { FieldRow, TemplateDraft } from './templateDraft.js';
import { LOCKED_FIELDS, withRows } from './templateDraft.js';

const STARTER: Record<string, [string, string, FieldRow['kind']]> = { companyName: ['公司名称', 'Company name', 'text'], region: ['所在地区', 'Region', 'region'], contactName: ['关键联系人', 'Key person', 'text'], phone: ['联系电话', 'Phone', 'phone'], grade: ['客户等级', 'Grade', 'choice'] };
const GRADES = ['A', 'B', 'C', 'D'];

/** A template for an industry nobody has set up: the fields every template must have, labelled, the grades named, in both languages. */
export function starterTemplate(): TemplateDraft {
  const base: TemplateDraft = { title: { zh: '', en: '' }, schema: { type: 'object', properties: {}, required: [] }, uiSchema: {}, labels: { zh: {}, en: {} } };
  return withRows(
    base,
    LOCKED_FIELDS.map((name) => ({
      name,
      kind: STARTER[name]![2],
      required: true,
      labels: { zh: STARTER[name]![0], en: STARTER[name]![1] },
      options: name === 'grade' ? GRADES : [],
      optionNames: name === 'grade' ? { zh: Object.fromEntries(GRADES.map((grade) => [grade, `${grade} 级`])), en: Object.fromEntries(GRADES.map((grade) => [grade, `Grade ${grade}`])) } : { zh: {}, en: {} },
      locked: true,
    })),
  );
}
