import type { WidgetProps } from '@rjsf/utils';
import { Select } from 'antd';
import { useI18n } from '../i18n/I18nContext.js';

/**
 * A template's choice: each option under its display name (the template's
 * `choices`, through `ui:enumNames`), its code sent. A required choice has no
 * blank option to pick (@rjsf/antd's adds one to every list); an optional one
 * can be cleared. Several choices for a list of them.
 */
export function ChoiceWidget({ id, options, value, required, disabled, readonly, multiple, placeholder, rawErrors, onChange, onBlur, onFocus }: WidgetProps) {
  const { t } = useI18n();
  const choices = (options.enumOptions ?? []).map((option) => ({ value: String(option.value), label: option.label, code: option.value as unknown }));
  const codeOf = (shown: string) => choices.find((choice) => choice.value === shown)?.code ?? shown;
  const shown = multiple ? (Array.isArray(value) ? value.map(String) : []) : value === undefined || value === null || value === '' ? undefined : String(value);
  return (
    <Select
      id={id}
      mode={multiple ? 'multiple' : undefined}
      style={{ width: '100%' }}
      value={shown}
      options={choices.map(({ value: code, label }) => ({ value: code, label }))}
      placeholder={placeholder || t('form.choose')}
      disabled={disabled || readonly}
      allowClear={!required || multiple}
      showSearch={{ optionFilterProp: 'label' }}
      status={rawErrors?.length ? 'error' : undefined}
      onChange={(next: string | string[] | undefined) => onChange(Array.isArray(next) ? next.map(codeOf) : next === undefined ? undefined : codeOf(next))}
      onBlur={() => onBlur(id, value)}
      onFocus={() => onFocus(id, value)}
    />
  );
}
