import { Alert, Button, Card, Form, Input, Result, Select, Space } from 'antd';
import { useEffect, useState } from 'react';
import type { ApiClient } from '../../api/client.js';
import { IndustryForm } from '../../components/IndustryForm.js';
import { customerHref } from '../../components/customerHref.js';
import type { RegistrationResult } from '../../embed/registrationFormTypes.js';
import { useI18n } from '../../i18n/I18nContext.js';
import { INDUSTRY_NAMES } from '../../i18n/messages.js';
import type { Template } from './templateForm.js';

export function RegisterPage({ api }: { api: ApiClient }) {
  const { t, language } = useI18n();
  const [templates, setTemplates] = useState<Template[]>([]);
  const [industry, setIndustry] = useState<string>();
  const [outcome, setOutcome] = useState<RegistrationResult>();
  const [appeal, setAppeal] = useState({ open: false, reason: '', sent: false });

  useEffect(() => {
    api.call<{ templates: Template[] }>('GET', '/api/templates').then(
      (answer) => setTemplates(answer.templates),
      () => setTemplates([]),
    );
  }, [api]);
  const template = templates.find((candidate) => candidate.industry === industry);
  const again = () => {
    setOutcome(undefined);
    setAppeal({ open: false, reason: '', sent: false });
  };

  if (outcome?.type === 'registered') {
    return <Result status="success" title={t('granted')} subTitle={`${outcome.claim.customerName} · ${t('grantedUntil', { date: outcome.claim.expiresAt.slice(0, 10) })}`} extra={<Button onClick={again}>{t('another')}</Button>} />;
  }
  if (outcome?.type === 'already-yours') {
    // Her own customer under another spelling: where it is, and nothing to appeal.
    return (
      <Result
        status="info"
        title={t('alreadyYours')}
        subTitle={t('alreadyYoursDetail', { name: outcome.customer.customerName, date: outcome.customer.expiresAt.slice(0, 10) })}
        extra={
          <Space wrap>
            <Button type="primary" href={customerHref(outcome.customer.customerId)}>
              {t('openInMyCustomers')}
            </Button>
            <Button onClick={again}>{t('another')}</Button>
          </Space>
        }
      />
    );
  }
  if (outcome?.type === 'duplicate') {
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
      <Space orientation="vertical" style={{ width: '100%' }}>
        {/* Labelled on screen as the template's fields below are: once chosen, the industry reads as a value, not a heading. */}
        <Form layout="vertical" component={false}>
          <Form.Item label={t('industry')} htmlFor="register-industry" required style={{ marginBottom: 0 }}>
            <Select id="register-industry" placeholder={t('chooseIndustry')} style={{ width: '100%' }} value={industry} onChange={(value: string) => { setIndustry(value); setOutcome(undefined); }} options={templates.map((candidate) => ({ value: candidate.industry, label: candidate.title[language] ?? INDUSTRY_NAMES[language][candidate.industry] ?? candidate.industry }))} />
          </Form.Item>
        </Form>
        {template && <IndustryForm key={template.industry} api={api} template={template} onResult={(result) => {
          // A refusal is shown on the form, on the fields it concerns.
          if (result.type !== 'not-eligible') setOutcome(result);
        }} />}
      </Space>
    </Card>
  );
}
