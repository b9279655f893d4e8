import { Alert, Button, Card, Input, Result, Select, Space } from 'antd';
import Form from '@rjsf/antd';
import type { ErrorSchema } from '@rjsf/utils';
import { useEffect, useMemo, useState } from 'react';
import type { ApiClient } from '../../api/client.js';
import { ApiProblem } from '../../api/client.js';
import { CreditCodeWidget } from '../../components/CreditCodeWidget.js';
import { RegionWidget } from '../../components/RegionWidget.js';
import { useI18n } from '../../i18n/I18nContext.js';
import { INDUSTRY_NAMES } from '../../i18n/messages.js';
import type { Template } from './templateForm.js';
import { fieldErrors, localizedSchema, templateValidator, withFormatWidgets, withServerErrors } from './templateForm.js';

const WIDGETS = { region: RegionWidget, creditCode: CreditCodeWidget };

type Outcome =
  | { kind: 'granted'; expiresAt: string; customerName: string }
  | { kind: 'taken'; holder: { name: string; team: string; expiresAt: string }; collisionId: string }
  | { kind: 'not-eligible'; reasons: string[] };

export function RegisterPage({ api }: { api: ApiClient }) {
  const { t, language } = useI18n();
  const [templates, setTemplates] = useState<Template[]>([]);
  const [industry, setIndustry] = useState<string>();
  const [formData, setFormData] = useState<Record<string, unknown>>({});
  const [extraErrors, setExtraErrors] = useState<ErrorSchema>();
  const [outcome, setOutcome] = useState<Outcome>();
  const [appeal, setAppeal] = useState({ open: false, reason: '', sent: false });

  useEffect(() => {
    api.call<{ templates: Template[] }>('GET', '/api/templates').then(
      (answer) => setTemplates(answer.templates),
      () => setTemplates([]),
    );
  }, [api]);
  const template = templates.find((candidate) => candidate.industry === industry);
  const schema = useMemo(() => (template ? localizedSchema(template, language) : undefined), [template, language]);

  const submit = async (data: Record<string, unknown>) => {
    setExtraErrors(undefined);
    try {
      const answer = await api.call<{ claim: { expiresAt: string; customerName: string } }>('POST', '/api/registrations', { industry, customer: data });
      setOutcome({ kind: 'granted', expiresAt: answer.claim.expiresAt, customerName: answer.claim.customerName });
    } catch (error) {
      if (!(error instanceof ApiProblem)) throw error;
      if (error.code === 'duplicate') setOutcome({ kind: 'taken', holder: error.body['holder'] as { name: string; team: string; expiresAt: string }, collisionId: String(error.body['collisionId']) });
      else if (error.code === 'not-eligible') setOutcome({ kind: 'not-eligible', reasons: ((error.body['reasons'] as Array<{ message: string }> | undefined) ?? []).map((r) => r.message) });
      else if (error.code === 'invalid') setExtraErrors(fieldErrors(error.details));
      else throw error;
    }
  };
  const again = () => {
    setOutcome(undefined);
    setFormData({});
    setAppeal({ open: false, reason: '', sent: false });
  };

  if (outcome?.kind === 'granted') {
    return <Result status="success" title={t('granted')} subTitle={`${outcome.customerName} · ${t('grantedUntil', { date: outcome.expiresAt.slice(0, 10) })}`} extra={<Button onClick={again}>{t('another')}</Button>} />;
  }
  if (outcome?.kind === 'taken') {
    const sendAppeal = async () => {
      await api.call('POST', '/api/appeals', { collisionId: outcome.collisionId, reason: appeal.reason });
      setAppeal({ ...appeal, sent: true });
    };
    return (
      <Result
        status="warning"
        title={t('taken')}
        subTitle={t('takenBy', { name: outcome.holder.name, team: outcome.holder.team, date: outcome.holder.expiresAt.slice(0, 10) })}
        extra={
          appeal.sent ? (
            <Alert type="success" title={t('appealSent')} />
          ) : appeal.open ? (
            <Space orientation="vertical" style={{ width: '100%', maxWidth: 480 }}>
              <Input.TextArea aria-label={t('appealReason')} placeholder={t('appealReason')} value={appeal.reason} onChange={(e) => setAppeal({ ...appeal, reason: e.target.value })} />
              <Button type="primary" disabled={appeal.reason.trim() === ''} onClick={() => void sendAppeal()}>
                {t('appeal')}
              </Button>
            </Space>
          ) : (
            <Space>
              <Button type="primary" onClick={() => setAppeal({ ...appeal, open: true })}>
                {t('appeal')}
              </Button>
              <Button onClick={again}>{t('another')}</Button>
            </Space>
          )
        }
      />
    );
  }
  return (
    <Card title={t('register')}>
      {outcome?.kind === 'not-eligible' && <Alert type="error" title={t('notEligible')} description={<ul>{outcome.reasons.map((reason) => <li key={reason}>{reason}</li>)}</ul>} style={{ marginBottom: 16 }} />}
      {extraErrors && <Alert type="error" title={t('fixFields')} style={{ marginBottom: 16 }} />}
      <Space orientation="vertical" style={{ width: '100%' }}>
        <Select aria-label={t('industry')} placeholder={t('chooseIndustry')} style={{ width: '100%' }} value={industry} onChange={(value: string) => { setIndustry(value); setFormData({}); }} options={templates.map((candidate) => ({ value: candidate.industry, label: candidate.title[language] ?? INDUSTRY_NAMES[language][candidate.industry] ?? candidate.industry }))} />
        {schema && template && (
          <Form
            schema={schema}
            uiSchema={{ ...withServerErrors(withFormatWidgets(template.schema, template.uiSchema), extraErrors), 'ui:submitButtonOptions': { submitText: t('submit') } }}
            validator={templateValidator}
            widgets={WIDGETS}
            formData={formData}
            onChange={(event) => {
              setFormData(event.formData as Record<string, unknown>);
              // The server's verdict was on the data it saw: once the rep edits, it no longer stands (and must not block a resubmit).
              if (extraErrors) setExtraErrors(undefined);
            }}
            onSubmit={(event) => void submit(event.formData as Record<string, unknown>)}
            showErrorList={false}
            {...(extraErrors ? { extraErrors } : {})}
          />
        )}
      </Space>
    </Card>
  );
}
