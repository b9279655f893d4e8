import { Cascader, Input } from 'antd';
import type { ReactNode } from 'react';
import { useI18n } from '../i18n/I18nContext.js';
import type { Division } from './useDivisions.js';
import { divisionPath, useDivisions } from './useDivisions.js';

interface Props {
  id?: string;
  /** One code, or several when `multiple`. */
  value: string | string[] | undefined;
  onChange(value: string | string[] | undefined): void;
  /** Several regions at once (a rule's `inRegion`). */
  multiple?: boolean;
  /** A province or a city may be chosen, not only a district. */
  anyLevel?: boolean;
  disabled?: boolean;
  status?: 'error';
  onBlur?(): void;
  onFocus?(): void;
}

const FIELD_NAMES = { label: 'name', value: 'code', children: 'children' } as const;

// Typing 南山 finds 广东省 / 深圳市 / 南山区: the search matches any level's name or code.
const SEARCH = {
  filter: (input: string, path: Division[]) => path.some((division) => division.name.includes(input) || division.code.startsWith(input)),
  limit: 50,
};

/**
 * Picks a GB/T 2260 region from the bundled dataset: province, then city, then
 * district, or by typing a name. Until the dataset arrives (or if it cannot) a
 * plain code input stands in, so the form stays usable.
 */
export function RegionPicker({ id, value, onChange, multiple, anyLevel, disabled, status, onBlur, onFocus }: Props): ReactNode {
  const { t } = useI18n();
  const divisions = useDivisions();
  if (!divisions) {
    const text = Array.isArray(value) ? value.join(',') : (value ?? '');
    return (
      <Input
        id={id}
        value={text}
        disabled={disabled}
        status={status}
        inputMode="numeric"
        placeholder="440305"
        onChange={(event) => {
          const codes = event.target.value.split(/[,，\s]+/).filter(Boolean);
          onChange(multiple ? codes : (codes[0] ?? undefined));
        }}
        onBlur={onBlur}
        onFocus={onFocus}
      />
    );
  }
  const common = {
    id,
    options: divisions,
    fieldNames: FIELD_NAMES,
    showSearch: SEARCH,
    changeOnSelect: anyLevel ?? false,
    disabled,
    status,
    placeholder: t('pickRegion'),
    style: { width: '100%' },
    onBlur,
    onFocus,
  };
  if (multiple) {
    const codes = Array.isArray(value) ? value : value ? [value] : [];
    return (
      <Cascader
        {...common}
        multiple
        showCheckedStrategy={Cascader.SHOW_PARENT}
        value={codes.map(divisionPath)}
        onChange={(paths) => onChange(paths.map((path) => String(path[path.length - 1])))}
      />
    );
  }
  const code = Array.isArray(value) ? value[0] : value;
  return (
    <Cascader
      {...common}
      value={code ? divisionPath(code) : undefined}
      onChange={(path) => onChange(path && path.length > 0 ? String(path[path.length - 1]) : undefined)}
    />
  );
}
