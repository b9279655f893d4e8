import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import type { FieldRow, TemplateDraft } from '../src/pages/templates/templateDraft.js';
import { fieldRows, moveRow, nameFromLabel, withRows } from '../src/pages/templates/templateDraft.js';
import { rowProblems } from '../src/pages/templates/rowProblems.js';
import { templateValidator as validatorIn } from '../src/pages/register/templateValidator.js';

const templateValidator = validatorIn('en');

// The template editor: rows in and out of a template without losing what the editor does not show.
const template = (industry: string) => JSON.parse(readFileSync(new URL(`../../../schemas/templates/${industry}.json`, import.meta.url), 'utf8')) as TemplateDraft & { industry: string };
const software = template('software');
const SHIPPED = ['software', 'medical-devices', 'enterprise-services', 'equipment-manufacturing', 'trade'];

describe('the template editor', () => {
  it('reads the fields in form order with kinds, required, options and both labels', () => {
    const rows = fieldRows(software);
    expect(rows.map((row) => row.name)).toEqual(software.uiSchema['ui:order']);
    const byName = Object.fromEntries(rows.map((row) => [row.name, row]));
    expect(byName['region']).toMatchObject({ kind: 'region', required: true, locked: true, labels: { zh: '所在地区', en: 'Region' } });
    expect(byName['grade']).toMatchObject({ kind: 'choice', options: ['A', 'B', 'C', 'D'], locked: true });
    expect(byName['creditCode']?.kind).toBe('creditCode');
    expect(byName['intent']?.kind).toBe('textarea');
    expect(byName['purchasePlan']?.kind).toBe('object');
    expect(byName['purchasePlan']?.children?.map((child) => child.name)).toEqual(['product', 'timeframe', 'budget']);
    expect(byName['purchasePlan']?.children?.[2]).toMatchObject({ kind: 'number', labels: { zh: software.labels.zh['purchasePlan.budget'], en: software.labels.en['purchasePlan.budget'] } });
    expect(byName['deployment']?.optionNames.zh).toEqual(software.choices?.zh?.['deployment']);
  });

  it('writes every shipped template back unchanged when nothing changed, nested labels and keywords kept', () => {
    for (const industry of SHIPPED) {
      const shipped = template(industry);
      const same = withRows(shipped, fieldRows(shipped));
      expect(same.schema.properties, industry).toEqual(shipped.schema.properties);
      expect(new Set(same.schema.required), industry).toEqual(new Set(shipped.schema.required));
      expect(same.labels, industry).toEqual(shipped.labels);
      expect(same.choices, industry).toEqual(shipped.choices);
      expect(same.uiSchema, industry).toEqual(shipped.uiSchema);
    }
    const again = withRows(software, fieldRows(software));
    expect(again.schema.properties).toEqual(software.schema.properties);
    expect(new Set(again.schema.required)).toEqual(new Set(software.schema.required));
    expect(again.labels.zh).toEqual(software.labels.zh);
    expect(again.uiSchema['ui:order']).toEqual(software.uiSchema['ui:order']);
    expect(again.uiSchema['region']).toEqual({ 'ui:widget': 'region' });
    expect(again.choices).toEqual(software.choices);
    expect(again.help).toEqual(software.help);
  });

  it('drops the display names of a removed option or field, which the server would refuse, and keeps the rest', () => {
    const rows = fieldRows(software)
      .filter((row) => row.name !== 'grade')
      .map((row) => (row.name === 'deployment' ? { ...row, options: ['saas', 'hybrid'] } : row));
    const draft = withRows(software, rows);
    expect(draft.choices?.zh?.['deployment']).toEqual({ saas: 'SaaS 云服务', hybrid: '混合部署' });
    expect(draft.choices?.en?.['grade']).toBeUndefined();
  });

  it('adds, retypes, requires and reorders a field, and the form accepts data for it', () => {
    const rows = fieldRows(software);
    const added: FieldRow = { name: 'fleetSize', kind: 'integer', required: true, labels: { zh: '车队规模', en: 'Fleet size' }, options: [], optionNames: { zh: {}, en: {} }, locked: false };
    const moved = moveRow([...rows, added], rows.length, -1);
    const draft = withRows(software, moved);
    expect(draft.uiSchema['ui:order']?.slice(-2)).toEqual(['fleetSize', 'purchasePlan']);
    expect(draft.schema.properties?.['fleetSize']).toEqual({ type: 'integer', title: 'Fleet size' });
    expect(draft.schema.required).toContain('fleetSize');
    expect(draft.labels.zh['fleetSize']).toBe('车队规模');
    const data = { companyName: '深圳市星云数据有限公司', region: '440305', contactName: '张总', phone: '+86 138-0013-8000', grade: 'C', deployment: 'saas' };
    expect(templateValidator.validateFormData({ ...data, fleetSize: 12 }, draft.schema).errors).toEqual([]);
    expect(templateValidator.validateFormData(data, draft.schema).errors.map((e) => e.property)).toEqual(['fleetSize']);
    // Retyped to a choice: its options are the enumeration.
    const choice = withRows(draft, fieldRows(draft).map((row) => (row.name === 'fleetSize' ? { ...row, kind: 'choice', options: ['<10', '10+'] } : row)));
    expect(choice.schema.properties?.['fleetSize']).toEqual({ type: 'string', title: 'Fleet size', enum: ['<10', '10+'] });
  });

  it('names each row’s problems, each for its own input: a bad or repeated name, a choice without options, a label or an option name missing in one language', () => {
    const rows = fieldRows(software);
    const bad: FieldRow[] = [
      ...rows,
      { name: '2x', kind: 'choice', required: false, labels: { zh: '', en: 'x' }, options: [], optionNames: { zh: {}, en: {} }, locked: false },
      { ...rows[0]!, locked: false },
      { name: 'fleet', kind: 'choice', required: false, labels: { zh: '车队', en: '' }, options: ['small', 'large'], optionNames: { zh: { small: '小型', large: '大型' }, en: { small: 'Small' } }, locked: false },
    ];
    const problems = rowProblems(bad);
    expect(problems.get(String(rows.length))).toEqual(['name', 'options', 'labelZh']);
    expect(problems.get(String(rows.length + 1))).toEqual(['duplicate']);
    expect(problems.get(String(rows.length + 2))).toEqual(['labelEn', 'optionEn']);
    expect(problems.size).toBe(3);
  });

  it('finds problems in a group’s own fields, keyed under the group', () => {
    const rows = fieldRows(software);
    const at = rows.findIndex((row) => row.name === 'purchasePlan');
    const broken = rows.map((row, index) => (index === at ? { ...row, children: row.children!.map((child, i) => (i === 1 ? { ...child, labels: { ...child.labels, en: ' ' } } : child)) } : row));
    expect([...rowProblems(broken)]).toEqual([[`${at}.1`, ['labelEn']]]);
    expect(rowProblems(rows.map((row, index) => (index === at ? { ...row, children: [] } : row))).get(String(at))).toEqual(['groupEmpty']);
  });

  it('writes a choice’s option names per language and a group’s new field, with their labels', () => {
    const rows = fieldRows(software);
    const fleet: FieldRow = { name: 'fleet', kind: 'choice', required: true, labels: { zh: '车队规模', en: 'Fleet' }, options: ['small', 'large'], optionNames: { zh: { small: '小型', large: '大型' }, en: { small: 'Small', large: 'Large' } }, locked: false };
    const grown = rows.map((row) => (row.name === 'purchasePlan' ? { ...row, children: [...row.children!, { ...fleet, name: 'seats', kind: 'integer' as const, options: [], optionNames: { zh: {}, en: {} }, labels: { zh: '席位数', en: 'Seats' } }] } : row));
    const draft = withRows(software, [...grown, fleet]);
    expect(draft.schema.properties?.['fleet']).toEqual({ type: 'string', title: 'Fleet', enum: ['small', 'large'] });
    expect(draft.choices?.zh?.['fleet']).toEqual({ small: '小型', large: '大型' });
    expect(draft.choices?.en?.['fleet']).toEqual({ small: 'Small', large: 'Large' });
    expect(draft.choices?.zh?.['deployment']).toEqual(software.choices?.zh?.['deployment']);
    const plan = draft.schema.properties?.['purchasePlan'] as { properties: Record<string, unknown>; additionalProperties: boolean };
    expect(plan.properties['seats']).toEqual({ type: 'integer', title: 'Seats' });
    expect(plan.additionalProperties).toBe(false);
    expect(draft.labels.zh['purchasePlan.seats']).toBe('席位数');
    expect(draft.labels.en['purchasePlan.budget']).toBe(software.labels.en['purchasePlan.budget']);
  });

  it('proposes a field name from the English label', () => {
    expect(nameFromLabel('Fleet size')).toBe('fleetSize');
    expect(nameFromLabel('  Budget (CNY) 2027 ')).toBe('budgetCny2027');
    expect(nameFromLabel('车队')).toBe('');
    expect(nameFromLabel('2nd contact')).toBe('');
  });
});
