import { DeleteOutlined, PlusOutlined } from '@ant-design/icons';
import { Button, Card, Select, Space, Typography } from 'antd';
import type { ErrorSchema, FieldProps } from '@rjsf/utils';
import type { ReactNode } from 'react';
import type { ComparableField } from '@crm-policy/engine/editing';
import { operatorsFor, operatorWords } from '@crm-policy/engine/editing';
import type { Comparison, Condition, TopLevelCondition } from '@crm-policy/engine';
import { useI18n } from '../../i18n/I18nContext.js';
import { ComparisonValue } from './ComparisonValue.js';
import type { ConditionPath } from './ruleForm.js';
import { errorsAt, fieldOf, groupKind, memberPath, members, newComparison, regroup, valueFor } from './ruleForm.js';
import type { RuleFormContext } from './RuleEditor.js';

interface NodeProps<C> {
  condition: C;
  /** Where the node sits under `conditions`, for its errors and its controls' names. */
  path: ConditionPath;
  fields: readonly ComparableField[];
  errors: ErrorSchema | undefined;
  onChange(next: C): void;
  onRemove?: () => void;
}

function Problems({ messages }: { messages: string[] }) {
  if (messages.length === 0) return null;
  return (
    <Typography.Text type="danger" role="alert" style={{ display: 'block' }}>
      {messages.join('; ')}
    </Typography.Text>
  );
}

const fieldKey = (field: Pick<ComparableField, 'fact' | 'path'>) => `${field.fact}${field.path ?? ''}`;

function ComparisonRow({ condition, path, fields, errors, onChange, onRemove }: NodeProps<Comparison>) {
  const { t, language } = useI18n();
  const field = fieldOf(condition, fields);
  const id = `condition-${path.join('-')}`;
  const factErrors = errorsAt(errors, [...path, 'fact']).concat(errorsAt(errors, [...path, 'path']));
  const operatorErrors = errorsAt(errors, [...path, 'operator']);
  const valueErrors = errorsAt(errors, [...path, 'value']);
  const operators = operatorsFor(field?.kinds);
  return (
    <div data-testid={id} style={{ display: 'flex', flexWrap: 'wrap', gap: 8, alignItems: 'flex-start', padding: '4px 0' }}>
      <div>
        <Select
          aria-label={`${t('fact')} ${path.join('.')}`}
          style={{ minWidth: 220 }}
          status={factErrors.length ? 'error' : undefined}
          value={field ? fieldKey(field) : fieldKey(condition)}
          options={fields.map((candidate) => ({ value: fieldKey(candidate), label: candidate.title }))}
          onChange={(key: string) => {
            const next = fields.find((candidate) => fieldKey(candidate) === key);
            if (!next) return;
            const fitting = operatorsFor(next.kinds);
            const operator = fitting.includes(condition.operator) ? condition.operator : fitting[0]!;
            const { path: _path, ...rest } = condition;
            onChange({ ...rest, fact: next.fact, ...(next.path ? { path: next.path } : {}), operator, value: valueFor(operator, next, fact(condition.value)) });
          }}
        />
        <Problems messages={factErrors} />
      </div>
      <div>
        <Select
          aria-label={`${t('operator')} ${path.join('.')}`}
          virtual={false}
          style={{ minWidth: 150 }}
          status={operatorErrors.length ? 'error' : undefined}
          value={condition.operator}
          options={operators.map((name) => ({ value: name, label: operatorWords(name, language) }))}
          onChange={(operator: Comparison['operator']) => onChange({ ...condition, operator, value: valueFor(operator, field, condition.value) })}
        />
        <Problems messages={operatorErrors} />
      </div>
      <div>
        <ComparisonValue id={`${t('value')} ${path.join('.')}`} operator={condition.operator} field={field} fields={fields} value={condition.value} invalid={valueErrors.length > 0} onChange={(value) => onChange({ ...condition, value })} />
        <Problems messages={valueErrors} />
      </div>
      {onRemove && <Button aria-label={`${t('removeCondition')} ${path.join('.')}`} icon={<DeleteOutlined />} type="text" onClick={onRemove} />}
    </div>
  );
}

// A value kept while the fact changes, unless it was another fact's reference.
function fact(value: unknown): unknown {
  return typeof value === 'object' && value !== null && !Array.isArray(value) ? undefined : value;
}

function GroupNode<C extends Condition | TopLevelCondition>({ condition, path, fields, errors, onChange, onRemove }: NodeProps<C>) {
  const { t } = useI18n();
  const kind = groupKind(condition)!;
  const list = members(condition);
  const replace = (next: Condition[]) => onChange(regroup(next, kind) as C);
  const first = fields[0];
  const add = (member: Condition) => replace(kind === 'not' ? [member] : [...list, member]);
  return (
    <Card size="small" style={{ marginBottom: 4, borderLeft: '3px solid #1677ff' }} styles={{ body: { padding: 8 } }}>
      <Space wrap style={{ marginBottom: 4 }}>
        <Select
          aria-label={`${t('groupKind')} ${path.join('.') || 'root'}`}
          value={kind}
          style={{ minWidth: 140 }}
          options={(['all', 'any', 'not'] as const).map((value) => ({ value, label: t(`group.${value}`) }))}
          onChange={(next: 'all' | 'any' | 'not') => onChange(regroup(list, next) as C)}
        />
        {kind !== 'not' && (
          <>
            <Button size="small" icon={<PlusOutlined />} onClick={() => add(newComparison(first, operatorsFor(first?.kinds)[0] ?? 'equal'))}>
              {t('addCondition')}
            </Button>
            <Button size="small" icon={<PlusOutlined />} onClick={() => add({ any: [newComparison(first, operatorsFor(first?.kinds)[0] ?? 'equal')] })}>
              {t('addGroup')}
            </Button>
          </>
        )}
        {onRemove && <Button size="small" type="text" danger icon={<DeleteOutlined />} aria-label={`${t('removeGroup')} ${path.join('.')}`} onClick={onRemove} />}
      </Space>
      <Problems messages={errorsAt(errors, path).concat(kind === 'not' ? [] : errorsAt(errors, [...path, kind]))} />
      {list.map((member, index) => {
        const childPath = [...path, ...memberPath(condition, index)];
        const change = (next: Condition) => replace(list.map((old, at) => (at === index ? next : old)));
        const remove = list.length > 1 || path.length > 0 ? () => (list.length > 1 ? replace(list.filter((_, at) => at !== index)) : onRemove?.()) : undefined;
        const props = { path: childPath, fields, errors, onChange: change, ...(remove ? { onRemove: remove } : {}) };
        return groupKind(member) ? <GroupNode key={index} condition={member} {...props} /> : <ComparisonRow key={index} condition={member as Comparison} {...props} />;
      })}
    </Card>
  );
}

/**
 * The rule's conditions as nested groups (all / any / not) of comparisons: the
 * facts the file declares on the left, only the operators that fit each one,
 * and a value widget chosen by operator and type. Errors from the schema and
 * from the server appear on the control they belong to.
 */
export function ConditionTreeField({ formData, errorSchema, onChange, fieldPathId, registry }: FieldProps): ReactNode {
  const { t } = useI18n();
  const context = registry.formContext as RuleFormContext;
  const condition: TopLevelCondition = formData && groupKind(formData as TopLevelCondition) ? (formData as TopLevelCondition) : { all: [] };
  return (
    <div>
      <Typography.Text strong>{t('conditions')}</Typography.Text>
      <GroupNode condition={condition} path={[]} fields={context.fields} errors={errorSchema as ErrorSchema | undefined} onChange={(next) => onChange(next, fieldPathId.path)} />
    </div>
  );
}
