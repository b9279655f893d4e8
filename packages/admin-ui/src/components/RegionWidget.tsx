import { Input } from 'antd';
import type { WidgetProps } from '@rjsf/utils';

/** A GB/T 2260 district code (six digits). A cascader over the division names is the next step; the server checks the code either way. */
export function RegionWidget({ id, value, required, disabled, readonly, onChange, onBlur, onFocus, placeholder }: WidgetProps) {
  return (
    <Input
      id={id}
      name={id}
      value={typeof value === 'string' ? value : ''}
      required={required}
      disabled={disabled || readonly}
      inputMode="numeric"
      maxLength={6}
      placeholder={placeholder || '440305'}
      onChange={(event) => onChange(event.target.value === '' ? undefined : event.target.value)}
      onBlur={(event) => onBlur(id, event.target.value)}
      onFocus={(event) => onFocus(id, event.target.value)}
    />
  );
}
