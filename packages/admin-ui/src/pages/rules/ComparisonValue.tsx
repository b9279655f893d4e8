import { DatePicker, Input, InputNumber, Select, Space, Switch } from 'antd';
import dayjs from 'dayjs';
import type { ReactNode } from 'react';
import type { ComparableField } from '@crm-policy/engine/editing';
import { isFactReference } from '@crm-policy/engine/editing';
import type { OperatorName } from '@crm-policy/engine';
import { RegionPicker } from '../../components/RegionPicker.js';
import { useI18n } from '../../i18n/I18nContext.js';

interface Props {
  id: string;
  operator: OperatorName;
  field: ComparableField | undefined;
  /** The file's comparable fields: a value read from another fact is picked among them by title. */
  fields?: readonly ComparableField[];
  value: unknown;
  invalid: boolean;
  onChange(value: unknown): void;
}

const DAY = 'YYYY-MM-DD';

function DateInput({ id, value, invalid, onChange }: { id: string; value: unknown; invalid: boolean; onChange(value: string): void }) {
  const date = typeof value === 'string' && value !== '' && dayjs(value).isValid() ? dayjs(value) : null;
  return <DatePicker id={id} value={date} status={invalid ? 'error' : undefined} onChange={(picked) => onChange(picked ? picked.format(DAY) : '')} />;
}

/** A number that stays a number: an emptied box is 0, not null, so the value keeps its type. */
function NumberInput({ id, value, invalid, min, onChange, addonAfter }: { id: string; value: unknown; invalid: boolean; min?: number; onChange(value: number): void; addonAfter?: string }) {
  return (
    <Space.Compact>
      <InputNumber id={id} aria-label={id} value={typeof value === 'number' ? value : null} min={min} status={invalid ? 'error' : undefined} onChange={(next) => onChange(typeof next === 'number' ? next : 0)} />
      {addonAfter && <Space.Addon>{addonAfter}</Space.Addon>}
    </Space.Compact>
  );
}

/** The value side of a comparison, with the widget its operator and its fact's type call for. */
export function ComparisonValue({ id, operator, field, fields = [], value, invalid, onChange }: Props): ReactNode {
  const { t } = useI18n();
  const kinds = field?.kinds;
  const isNumber = kinds?.has('number') ?? false;
  const isDate = kinds?.has('date') ?? false;
  const enumValues = Array.isArray(field?.schema['enum']) ? (field?.schema['enum'] as unknown[]) : undefined;
  const status = invalid ? ('error' as const) : undefined;
  const enumOptions = enumValues?.map((option) => ({ value: String(option), label: field?.choices?.[String(option)] ?? String(option) }));
  // Compared with another fact: that fact by its title, never its {fact, path}.
  if (isFactReference(value)) {
    const key = (candidate: { fact: string; path?: string }) => `${candidate.fact}${candidate.path ?? ''}`;
    return (
      <Select
        id={id}
        aria-label={id}
        style={{ minWidth: 220 }}
        status={status}
        value={key(value)}
        options={fields.map((candidate) => ({ value: key(candidate), label: `${t('fromFact')} ${candidate.title}` }))}
        onChange={(picked: string) => {
          const next = fields.find((candidate) => key(candidate) === picked);
          if (next) onChange({ fact: next.fact, ...(next.path ? { path: next.path } : {}) });
        }}
      />
    );
  }

  switch (operator) {
    case 'inRegion':
      return <RegionPicker id={id} multiple anyLevel value={Array.isArray(value) ? (value as string[]) : typeof value === 'string' ? value : undefined} {...(status ? { status } : {})} onChange={(codes) => onChange(codes ?? [])} />;
    case 'in':
    case 'notIn':
    case 'matchesAny': {
      const list = Array.isArray(value) ? value : [];
      return (
        <Select
          id={id}
          aria-label={id}
          mode="tags"
          style={{ minWidth: 220 }}
          status={status}
          value={list.map(String)}
          options={enumOptions}
          placeholder={t('typeAndEnter')}
          onChange={(texts: string[]) => onChange(texts.map((text) => (isNumber && text.trim() !== '' && !Number.isNaN(Number(text)) ? Number(text) : text)))}
        />
      );
    }
    case 'between': {
      const [low, high] = Array.isArray(value) ? value : [];
      if (isDate) {
        const range: [dayjs.Dayjs | null, dayjs.Dayjs | null] = [typeof low === 'string' && low ? dayjs(low) : null, typeof high === 'string' && high ? dayjs(high) : null];
        return <DatePicker.RangePicker id={id} status={status} value={range} onChange={(picked) => onChange([picked?.[0]?.format(DAY) ?? '', picked?.[1]?.format(DAY) ?? ''])} />;
      }
      return (
        <Space>
          <NumberInput id={`${id}-from`} value={low} invalid={invalid} onChange={(next) => onChange([next, high ?? 0])} />
          <NumberInput id={`${id}-to`} value={high} invalid={invalid} onChange={(next) => onChange([low ?? 0, next])} />
        </Space>
      );
    }
    case 'lessThan':
    case 'lessThanInclusive':
    case 'greaterThan':
    case 'greaterThanInclusive':
      return <NumberInput id={id} value={value} invalid={invalid} onChange={onChange} />;
    case 'olderThanDays':
    case 'withinDays':
      return <NumberInput id={id} value={value} invalid={invalid} min={0} onChange={onChange} addonAfter={t('days')} />;
    case 'isBlank':
      return <Switch id={id} aria-label={id} checked={value === true} onChange={onChange} />;
    case 'equal':
    case 'notEqual':
      if (enumOptions) return <Select id={id} aria-label={id} style={{ minWidth: 160 }} status={status} value={value === undefined ? undefined : String(value)} options={enumOptions} onChange={(text: string) => onChange(enumValues?.find((option) => String(option) === text) ?? text)} />;
      if (isDate) return <DateInput id={id} value={value} invalid={invalid} onChange={onChange} />;
      if (isNumber) return <NumberInput id={id} value={value} invalid={invalid} onChange={onChange} />;
      if (kinds?.has('boolean') && !kinds.has('string')) return <Switch id={id} aria-label={id} checked={value === true} onChange={onChange} />;
      return <Input id={id} aria-label={id} status={status} value={typeof value === 'string' ? value : JSON.stringify(value ?? '')} onChange={(event) => onChange(event.target.value)} />;
    default:
      return <Input id={id} aria-label={id} status={status} value={typeof value === 'string' ? value : JSON.stringify(value ?? '')} onChange={(event) => onChange(event.target.value)} />;
  }
}
