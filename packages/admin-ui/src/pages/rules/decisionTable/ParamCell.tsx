import { Button, Input, InputNumber, Select, Space, Typography } from 'antd';
import { useState } from 'react';
import type { ReactNode } from 'react';
import { isFactReference } from '@crm-policy/engine/editing';
import { useI18n } from '../../../i18n/I18nContext.js';

type Schema = Record<string, unknown>;

interface Props {
  /** The param's schema under the rule's outcome type; undefined when that type has no such param. */
  schema: Schema | undefined;
  value: unknown;
  words: string;
  unit: string | undefined;
  label: string;
  choiceName(value: unknown): string;
  onChange(value: unknown): void;
  onOpenRule(): void;
}

/**
 * One outcome param of a row, edited in place: a number with its unit, a
 * choice by its display name, text. A value read from a fact, or an object,
 * opens the rule editor.
 */
export function ParamCell({ schema, value, words, unit, label, choiceName, onChange, onOpenRule }: Props): ReactNode {
  const { t } = useI18n();
  const [editing, setEditing] = useState(false);
  if (!schema) return value === undefined ? null : <Typography.Text type="secondary">{words}</Typography.Text>;
  const type = schema['type'];
  const choices = Array.isArray(schema['enum']) ? (schema['enum'] as unknown[]) : undefined;
  const editable = !isFactReference(value) && (choices !== undefined || type === 'integer' || type === 'number' || type === 'string');
  if (!editing || !editable) {
    return (
      <Button type="text" size="small" aria-label={label} onClick={() => (editable ? setEditing(true) : onOpenRule())} style={{ whiteSpace: 'normal', textAlign: 'left', height: 'auto' }}>
        {value === undefined ? <Typography.Text type="secondary" aria-label={t('table.notSet')}>—</Typography.Text> : words}
      </Button>
    );
  }
  if (choices) {
    return (
      <Select
        aria-label={label}
        autoFocus
        defaultOpen
        allowClear
        style={{ minWidth: 140 }}
        value={value === undefined ? undefined : String(value)}
        options={choices.map((choice) => ({ value: String(choice), label: choiceName(choice) }))}
        onChange={(text?: string) => {
          onChange(text === undefined ? undefined : choices.find((choice) => String(choice) === text));
          setEditing(false);
        }}
        onBlur={() => setEditing(false)}
      />
    );
  }
  if (type === 'integer' || type === 'number') {
    const commit = (text: string) => {
      const number = text.trim() === '' ? undefined : Number(text);
      if (number === undefined || !Number.isNaN(number)) onChange(number);
      setEditing(false);
    };
    return (
      <Space.Compact>
        <InputNumber
          aria-label={label}
          autoFocus
          defaultValue={typeof value === 'number' ? value : undefined}
          style={{ width: 100 }}
          onBlur={(event) => commit(event.target.value)}
          onPressEnter={(event) => commit((event.target as HTMLInputElement).value)}
        />
        {unit && <Space.Addon>{unit}</Space.Addon>}
      </Space.Compact>
    );
  }
  return (
    <Input
      aria-label={label}
      autoFocus
      defaultValue={typeof value === 'string' ? value : ''}
      style={{ minWidth: 140 }}
      onBlur={(event) => {
        onChange(event.target.value === '' ? undefined : event.target.value);
        setEditing(false);
      }}
      onPressEnter={(event) => (event.target as HTMLInputElement).blur()}
    />
  );
}
