import Form from '@rjsf/antd';
import type { ErrorSchema } from '@rjsf/utils';
import { Alert } from 'antd';
import { useEffect, useMemo, useState } from 'react';
import type { ApiClient } from '../api/client.js';
import { ApiProblem } from '../api/client.js';
import { useI18n } from '../i18n/I18nContext.js';
import type { Template } from '../pages/register/templateForm.js';
import { loadDeferredRegExp } from '../pages/register/deferredRegExp.js';
import { fieldErrors, localizedSchema, templateValidator, withFormatWidgets, withServerErrors } from '../pages/register/templateForm.js';
import { CreditCodeWidget } from './CreditCodeWidget.js';
import { RegionWidget } from './RegionWidget.js';
import type { RegistrationResult } from '../embed/registrationFormTypes.js';

const WIDGETS = { region: RegionWidget, creditCode: CreditCodeWidget };


/**
 * The registration form of one industry's template: validated in the browser
 * as the server will, submitted, and the server's field problems shown on
 * their fields. Every other ending is handed to `onResult`.
 */
export function IndustryForm({ api, template, onResult }: { api: ApiClient; template: Template; onResult(result: RegistrationResult): void }) {
  const { t, language } = useI18n();
  const [formData, setFormData] = useState<Record<string, unknown>>({});
  const [extraErrors, setExtraErrors] = useState<ErrorSchema>();
  const schema = useMemo(() => localizedSchema(template, language), [template, language]);
  // RE2 for the template's patterns: its own chunk, fetched while the rep fills in the form.
  useEffect(() => void loadDeferredRegExp(), []);

  const submit = async (data: Record<string, unknown>) => {
    setExtraErrors(undefined);
    try {
      const answer = await api.call<{ claim: { _id: string; customerId: string; customerName: string; expiresAt: string } }>('POST', '/api/registrations', { industry: template.industry, customer: data });
      setFormData({});
      onResult({ type: 'registered', claim: { claimId: answer.claim._id, customerId: answer.claim.customerId, customerName: answer.claim.customerName, expiresAt: answer.claim.expiresAt } });
    } catch (error) {
      if (!(error instanceof ApiProblem)) throw error;
      if (error.code === 'duplicate') onResult({ type: 'duplicate', holder: error.body['holder'] as { name: string; team: string; expiresAt: string }, collisionId: String(error.body['collisionId']) });
      else if (error.code === 'not-eligible') onResult({ type: 'not-eligible', reasons: ((error.body['reasons'] as Array<{ message: string }> | undefined) ?? []).map((r) => r.message) });
      else if (error.code === 'invalid') setExtraErrors(fieldErrors(error.details));
      else throw error;
    }
  };

  return (
    <>
      {extraErrors && <Alert type="error" title={t('fixFields')} style={{ marginBottom: 16 }} />}
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
        // Each problem is shown on its field; without a handler rjsf logs them all as a console error.
        onError={() => undefined}
        {...(extraErrors ? { extraErrors } : {})}
      />
    </>
  );
}
