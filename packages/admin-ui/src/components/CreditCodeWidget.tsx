import { CheckCircleFilled } from '@ant-design/icons';
import { Input, Typography } from 'antd';
import type { WidgetProps } from '@rjsf/utils';
import { isValidCreditCode } from '@crm-policy/engine/identifiers';
import { useI18n } from '../i18n/I18nContext.js';
import { creditCodeProblem } from './creditCodeProblem.js';

/**
 * A unified social credit code, checked as it is typed: the check character
 * is worked out once 17 characters are in. Once the form shows the field's
 * errors (after a submit), they say the same and the widget keeps quiet.
 */
export function CreditCodeWidget({ id, value, disabled, readonly, rawErrors, onChange, onBlur, onFocus }: WidgetProps) {
  const { t } = useI18n();
  const code = typeof value === 'string' ? value.toUpperCase() : '';
  const valid = code.length === 18 && isValidCreditCode(code);
  const found = creditCodeProblem(code);
  const problem = found ? t(found.key, found.values) : undefined;
  const shownByForm = (rawErrors?.length ?? 0) > 0;
  return (
    <>
      <Input
        id={id}
        name={id}
        value={code}
        disabled={disabled || readonly}
        maxLength={18}
        status={problem || shownByForm ? 'error' : undefined}
        suffix={valid ? <CheckCircleFilled style={{ color: '#52c41a' }} aria-label={t('creditCodeValid')} /> : <span />}
        onChange={(event) => onChange(event.target.value === '' ? undefined : event.target.value.toUpperCase())}
        onBlur={(event) => onBlur(id, event.target.value)}
        onFocus={(event) => onFocus(id, event.target.value)}
      />
      {problem && !shownByForm && (
        <Typography.Text type="danger" role="alert">
          {problem}
        </Typography.Text>
      )}
    </>
  );
}
