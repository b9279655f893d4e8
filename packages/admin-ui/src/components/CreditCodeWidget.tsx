import { CheckCircleFilled } from '@ant-design/icons';
import { Input, Typography } from 'antd';
import type { WidgetProps } from '@rjsf/utils';
import { creditCodeCheckCharacter, isValidCreditCode } from '@crm-policy/engine/identifiers';
import { useI18n } from '../i18n/I18nContext.js';

/** A unified social credit code, checked as it is typed: the check character is worked out once 17 characters are in. */
export function CreditCodeWidget({ id, value, required, disabled, readonly, onChange, onBlur, onFocus }: WidgetProps) {
  const { t } = useI18n();
  const code = typeof value === 'string' ? value.toUpperCase() : '';
  const expected = code.length >= 17 ? creditCodeCheckCharacter(code.slice(0, 17)) : undefined;
  const complete = code.length === 18;
  const valid = complete && isValidCreditCode(code);
  const problem = complete && !valid ? (expected ? t('creditCodeCheck', { expected }) : t('creditCodeAlphabet')) : code.length > 18 ? t('creditCodeLength') : undefined;
  return (
    <>
      <Input
        id={id}
        name={id}
        value={code}
        required={required}
        disabled={disabled || readonly}
        maxLength={18}
        status={problem ? 'error' : undefined}
        suffix={valid ? <CheckCircleFilled style={{ color: '#52c41a' }} aria-label={t('creditCodeValid')} /> : <span />}
        onChange={(event) => onChange(event.target.value === '' ? undefined : event.target.value.toUpperCase())}
        onBlur={(event) => onBlur(id, event.target.value)}
        onFocus={(event) => onFocus(id, event.target.value)}
      />
      {problem && (
        <Typography.Text type="danger" role="alert">
          {problem}
        </Typography.Text>
      )}
    </>
  );
}
