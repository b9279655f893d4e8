import { Alert, Button, ConfigProvider, Result, Spin } from 'antd';
import enUS from 'antd/locale/en_US';
import zhCN from 'antd/locale/zh_CN';
import { useEffect, useMemo, useRef, useState } from 'react';
import { ApiContext } from '../api/ApiContext.js';
import { ApiClient } from '../api/client.js';
import { IndustryForm } from '../components/IndustryForm.js';
import { I18nContext } from '../i18n/I18nContext.js';
import type { I18n } from '../i18n/I18nContext.js';
import { browserLanguage, format } from '../i18n/messages.js';
import type { Template } from '../pages/register/templateForm.js';
import type { RegistrationFormProps, RegistrationResult } from './registrationFormTypes.js';
import { useCssTheme } from './useCssTheme.js';

export type { RegistrationFormProps, RegistrationResult } from './registrationFormTypes.js';

/**
 * The registration form of one industry, for a host's own page: the rep fills
 * in the fields of the industry's template, and `onResult` hears how it
 * ended. Authorised by an embed token the host's server mints with an API key.
 * Styled by the CSS variables `--crm-primary`, `--crm-text`, `--crm-background`,
 * `--crm-radius`, `--crm-font` and `--crm-font-size` set on an element around it.
 */
export function RegistrationForm({ industry, token, onResult, onExpired, baseUrl = '', language: chosen, styleVersion }: RegistrationFormProps & { /** Re-reads the CSS variables when it changes. */ styleVersion?: unknown }) {
  const language = chosen ?? browserLanguage();
  const [expired, setExpired] = useState(false);
  const api = useMemo(() => new ApiClient(token, () => language, baseUrl), [token, baseUrl, language]);
  const i18n = useMemo<I18n>(() => ({ language, setLanguage: () => undefined, t: (key, values) => format(language, key, values) }), [language]);
  const [template, setTemplate] = useState<Template | null>();
  const [result, setResult] = useState<RegistrationResult>();
  const root = useRef<HTMLDivElement>(null);
  const theme = useCssTheme(root, styleVersion);

  useEffect(() => {
    setExpired(false);
    api.onSignedOut = () => {
      setExpired(true);
      onExpired?.();
    };
    api.call<{ templates: Template[] }>('GET', '/api/templates').then(
      (answer) => setTemplate(answer.templates.find((candidate) => candidate.industry === industry) ?? null),
      () => setTemplate(null),
    );
  }, [api, industry, onExpired]);

  const ended = (outcome: RegistrationResult) => {
    setResult(outcome);
    onResult?.(outcome);
  };
  const t = i18n.t;
  let body;
  if (expired) body = <Alert type="warning" title={t('embedExpired')} />;
  else if (template === undefined) body = <Spin />;
  else if (template === null) body = <Alert type="error" title={t('embedUnknownIndustry', { industry })} />;
  else if (result?.type === 'registered') body = <Result status="success" title={t('granted')} subTitle={`${result.claim.customerName} · ${t('grantedUntil', { date: result.claim.expiresAt.slice(0, 10) })}`} extra={<Button onClick={() => setResult(undefined)}>{t('another')}</Button>} />;
  else if (result?.type === 'already-yours') body = <Result status="info" title={t('alreadyYours')} subTitle={t('alreadyYoursDetail', { name: result.customer.customerName, date: result.customer.expiresAt.slice(0, 10) })} extra={<Button onClick={() => setResult(undefined)}>{t('another')}</Button>} />;
  else if (result?.type === 'duplicate') body = <Result status="warning" title={t('taken')} subTitle={t('takenBy', { name: result.holder.name, team: result.holder.team, date: result.holder.expiresAt.slice(0, 10) })} extra={<Button onClick={() => setResult(undefined)}>{t('another')}</Button>} />;
  else {
    body = (
      <>
        <IndustryForm api={api} template={template} onResult={ended} />
      </>
    );
  }
  return (
    <div ref={root} className="crm-policy-registration">
      <ConfigProvider locale={language === 'zh' ? zhCN : enUS} theme={theme}>
        <I18nContext.Provider value={i18n}>
          <ApiContext.Provider value={api}>{body}</ApiContext.Provider>
        </I18nContext.Provider>
      </ConfigProvider>
    </div>
  );
}
