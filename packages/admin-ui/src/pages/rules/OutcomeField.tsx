import { Button, Input, InputNumber, Select, Space, Typography } from 'antd';
import type { ErrorSchema, FieldProps } from '@rjsf/utils';
import type { ReactNode } from 'react';
import type { ComparableField } from '@crm-policy/engine/editing';
import { choiceLabel, isFactReference, outcomeTitle, paramLabel } from '@crm-policy/engine/editing';
import type { PolicyEvent } from '@crm-policy/engine';
import { useI18n } from '../../i18n/I18nContext.js';
import { errorsAt } from './ruleForm.js';
import type { RuleFormContext } from './RuleEditor.js';

type Schema = Record<string, unknown>;

const fieldKey = (field: Pick<ComparableField, 'fact' | 'path'>) => `${field.fact}${field.path ?? ''}`;

/** The widget for one outcome param, by its schema: choices by their display names, numbers in bounds, text. */
export function ParamInput({ id, schema, value, invalid, onChange, choiceName = String }: { id: string; schema: Schema; value: unknown; invalid: boolean; onChange(value: unknown): void; choiceName?: (value: unknown) => string }) {
  const status = invalid ? ('error' as const) : undefined;
  if (Array.isArray(schema['enum'])) {
    const options = (schema['enum'] as unknown[]).map((option) => ({ value: String(option), label: choiceName(option) }));
    return <Select id={id} style={{ minWidth: 180 }} allowClear status={status} value={value === undefined ? undefined : String(value)} options={options} onChange={(text?: string) => onChange(text === undefined ? undefined : (schema['enum'] as unknown[]).find((option) => String(option) === text))} />;
  }
  const type = schema['type'];
  if (type === 'integer' || type === 'number') {
    // No min/max here: the input would clamp an out-of-range number on blur (-5 days silently became 1); the schema refuses it on this field instead.
    return <InputNumber id={id} status={status} value={typeof value === 'number' ? value : null} onChange={(next) => onChange(typeof next === 'number' ? next : undefined)} />;
  }
  if (type === 'string') return <Input id={id} status={status} value={typeof value === 'string' ? value : ''} onChange={(event) => onChange(event.target.value === '' ? undefined : event.target.value)} />;
  // Objects and nullable values are rare in outcomes: written as JSON.
  return (
    <Input
      id={id}
      status={status}
      defaultValue={value === undefined ? '' : JSON.stringify(value)}
      onBlur={(event) => {
        try {
          onChange(event.target.value.trim() === '' ? undefined : JSON.parse(event.target.value));
        } catch {
          onChange(event.target.value);
        }
      }}
    />
  );
}

/**
 * A rule's outcome: its type among those the policy understands, and each of
 * that type's params with the widget its schema calls for, or read from a fact.
 */
export function OutcomeField({ formData, errorSchema, onChange, fieldPathId, registry }: FieldProps): ReactNode {
  const { t, language } = useI18n();
  const context = registry.formContext as RuleFormContext;
  const event: PolicyEvent = (formData as PolicyEvent | undefined) ?? { type: Object.keys(context.outcomes)[0] ?? '' };
  const schema = (context.outcomes[event.type] ?? {}) as Schema;
  const properties = (schema['properties'] ?? {}) as Record<string, Schema>;
  const required = new Set((schema['required'] as string[] | undefined) ?? []);
  const params = event.params ?? {};
  const names = [...Object.keys(properties), ...Object.keys(params).filter((name) => !(name in properties))];
  const change = (next: PolicyEvent) => onChange(next, fieldPathId.path);
  // A param keeps its place among the others, so the rule reads (and diffs) as before.
  const setParam = (name: string, value: unknown) => {
    const next = name in params ? Object.entries(params).map(([key, old]) => [key, key === name ? value : old] as const) : [...Object.entries(params), [name, value] as const];
    change({ ...event, params: Object.fromEntries(next.filter(([, kept]) => kept !== undefined)) });
  };
  const errors = errorSchema as ErrorSchema | undefined;
  return (
    <div style={{ marginTop: 12 }}>
      <Typography.Text strong>{t('outcome')}</Typography.Text>
      <Space orientation="vertical" style={{ width: '100%', marginTop: 4 }}>
        <Space wrap>
          <label htmlFor="outcome-type">{t('outcomeType')}</label>
          <Select
            id="outcome-type"
            style={{ minWidth: 160 }}
            value={event.type}
            status={errorsAt(errors, ['type']).length ? 'error' : undefined}
            options={Object.keys(context.outcomes).map((type) => ({ value: type, label: outcomeTitle(context.policy, type, language) }))}
            // Params the new type does not know are dropped; the ones it shares are kept.
            onChange={(type: string) => {
              const known = ((context.outcomes[type] ?? {})['properties'] ?? {}) as Record<string, unknown>;
              change({ type, params: Object.fromEntries(Object.entries(params).filter(([name]) => name in known)) });
            }}
          />
        </Space>
        <Typography.Text type="danger" role="alert">
          {[...errorsAt(errors, ['type']), ...errorsAt(errors, ['params'])].join('; ')}
        </Typography.Text>
        {names.map((name) => {
          const value = params[name];
          const problems = errorsAt(errors, ['params', name]);
          const id = `outcome-${name}`;
          return (
            <div key={name} style={{ display: 'flex', flexWrap: 'wrap', gap: 8, alignItems: 'center' }}>
              <label htmlFor={id} style={{ minWidth: 140 }}>
                {paramLabel(context.policy, event.type, name, language)}
                {required.has(name) ? ' *' : ''}
              </label>
              {isFactReference(value) ? (
                <Select
                  id={id}
                  style={{ minWidth: 220 }}
                  value={fieldKey(value)}
                  options={context.fields.map((field) => ({ value: fieldKey(field), label: `${t('fromFact')} ${field.title}` }))}
                  onChange={(key: string) => {
                    const field = context.fields.find((candidate) => fieldKey(candidate) === key);
                    if (field) setParam(name, { fact: field.fact, ...(field.path ? { path: field.path } : {}) });
                  }}
                />
              ) : (
                <ParamInput id={id} schema={properties[name] ?? {}} value={value} invalid={problems.length > 0} onChange={(next) => setParam(name, next)} choiceName={(option) => choiceLabel(context.policy, event.type, name, option, language)} />
              )}
              <Button size="small" type="link" onClick={() => setParam(name, isFactReference(value) ? undefined : context.fields[0] ? { fact: context.fields[0].fact, ...(context.fields[0].path ? { path: context.fields[0].path } : {}) } : undefined)}>
                {isFactReference(value) ? t('fixedValue') : t('fromFact')}
              </Button>
              {problems.length > 0 && (
                <Typography.Text type="danger" role="alert">
                  {problems.join('; ')}
                </Typography.Text>
              )}
            </div>
          );
        })}
      </Space>
    </div>
  );
}
