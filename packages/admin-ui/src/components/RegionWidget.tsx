import type { WidgetProps } from '@rjsf/utils';
import { RegionPicker } from './RegionPicker.js';

/** A template's region field: a district (six-digit GB/T 2260 code, a town of a city without districts recorded as its city's) picked province → city → district or town, or typed by name in Chinese, English or pinyin. */
export function RegionWidget({ id, value, disabled, readonly, rawErrors, onChange, onBlur, onFocus }: WidgetProps) {
  return (
    <RegionPicker
      id={id}
      value={typeof value === 'string' ? value : undefined}
      disabled={disabled || readonly}
      {...(rawErrors?.length ? { status: 'error' as const } : {})}
      onChange={(code) => onChange(code)}
      onBlur={() => onBlur(id, value)}
      onFocus={() => onFocus(id, value)}
    />
  );
}
