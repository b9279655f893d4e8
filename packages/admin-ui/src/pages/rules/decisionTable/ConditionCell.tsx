import { Button, Popover, Select, Space, Typography } from 'antd';
import { useState } from 'react';
import type { ReactNode } from 'react';
import type { ComparableField } from '@crm-policy/engine/editing';
import { isFactReference, operatorsFor, operatorWords } from '@crm-policy/engine/editing';
import type { Comparison, OperatorName } from '@crm-policy/engine';
import { useI18n } from '../../../i18n/I18nContext.js';
import { ComparisonValue } from '../ComparisonValue.js';
import { valueFor } from '../ruleForm.js';

interface Props {
  /** What the cell holds now: none ("any"), one comparison, or several on the same fact. */
  comparisons: Comparison[];
  /** The fact path of the column. */
  field: ComparableField | undefined;
  column: { fact: string; path?: string };
  fields: readonly ComparableField[];
  /** The cell as people read it. */
  words: string;
  /** Accessible name of the cell's button: the rule and the column. */
  label: string;
  onChange(comparisons: Comparison[]): void;
  /** Cells the in-place editor cannot hold (several comparisons, another fact's value) open the rule editor. */
  onOpenRule(): void;
}

function Editor({ comparison, field, fields, label, onApply, onClear, onCancel }: { comparison: Comparison; field: ComparableField | undefined; fields: readonly ComparableField[]; label: string; onApply(next: Comparison): void; onClear(): void; onCancel(): void }) {
  const { t, language } = useI18n();
  const [draft, setDraft] = useState(comparison);
  return (
    <Space orientation="vertical" data-testid="cell-editor">
      <Select
        aria-label={`${t('operator')} ${label}`}
        virtual={false}
        style={{ minWidth: 160 }}
        value={draft.operator}
        options={operatorsFor(field?.kinds).map((name) => ({ value: name, label: operatorWords(name, language) }))}
        onChange={(operator: OperatorName) => setDraft({ ...draft, operator, value: valueFor(operator, field, draft.value) } as Comparison)}
      />
      <ComparisonValue id={`${t('value')} ${label}`} operator={draft.operator} field={field} fields={fields} value={draft.value} invalid={false} onChange={(value) => setDraft({ ...draft, value } as Comparison)} />
      <Space>
        <Button type="primary" size="small" onClick={() => onApply(draft)}>
          {t('ok')}
        </Button>
        <Button size="small" onClick={onClear}>
          {t('table.anyValue')}
        </Button>
        <Button size="small" type="text" onClick={onCancel}>
          {t('cancel')}
        </Button>
      </Space>
    </Space>
  );
}

/**
 * One condition cell of the decision table: the condition in words, edited in
 * place with the operators and the value widget that fit the column's fact
 * (region picker, choices by name, numbers, dates); emptied, it reads "any".
 */
export function ConditionCell({ comparisons, field, column, fields, words, label, onChange, onOpenRule }: Props): ReactNode {
  const { t } = useI18n();
  const [open, setOpen] = useState(false);
  const simple = comparisons.length <= 1 && !comparisons.some((comparison) => isFactReference(comparison.value));
  const start: Comparison =
    comparisons[0] ??
    ({ fact: column.fact, ...(column.path ? { path: column.path } : {}), operator: operatorsFor(field?.kinds)[0] ?? 'equal', value: valueFor(operatorsFor(field?.kinds)[0] ?? 'equal', field, undefined) } as Comparison);
  const shown = (
    <Button type="text" size="small" aria-label={label} onClick={simple ? undefined : onOpenRule} style={{ whiteSpace: 'normal', textAlign: 'left', height: 'auto' }}>
      {comparisons.length === 0 ? <Typography.Text type="secondary">{t('table.any')}</Typography.Text> : words}
    </Button>
  );
  if (!simple) return shown;
  return (
    <Popover
      trigger="click"
      open={open}
      onOpenChange={setOpen}
      destroyOnHidden
      content={
        <Editor
          comparison={start}
          field={field}
          fields={fields}
          label={label}
          onApply={(next) => {
            onChange([next]);
            setOpen(false);
          }}
          onClear={() => {
            onChange([]);
            setOpen(false);
          }}
          onCancel={() => setOpen(false)}
        />
      }
    >
      {shown}
    </Popover>
  );
}
