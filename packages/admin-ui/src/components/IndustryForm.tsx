import Form from '@rjsf/antd';
import type { ErrorSchema, RJSFValidationError } from '@rjsf/utils';
import { Alert, Button } from 'antd';
import { useEffect, useMemo, useRef, useState } from 'react';
import type { ApiClient } from '../api/client.js';
import { ApiProblem } from '../api/client.js';
import { useI18n } from '../i18n/I18nContext.js';
import type { Template } from '../pages/register/templateForm.js';
import { loadDeferredRegExp } from '../pages/register/deferredRegExp.js';
import { creditCodeErrors, fieldErrorMessages } from '../pages/register/fieldErrorMessages.js';
import { formStrings } from '../pages/register/formStrings.js';
import type { ServerProblem } from '../pages/register/problemsOnFields.js';
import { problemsOnFields } from '../pages/register/problemsOnFields.js';
import { localizedSchema, localizedUiSchema } from '../pages/register/templateForm.js';
import { templateValidator } from '../pages/register/templateValidator.js';
import { ChoiceWidget } from './ChoiceWidget.js';
import { CreditCodeWidget } from './CreditCodeWidget.js';
import { FormAddButton } from './FormAddButton.js';
import { FormFieldTemplate } from './FormFieldTemplate.js';
import { FormGroupTitle } from './FormGroupTitle.js';
import { RegionWidget } from './RegionWidget.js';
import { scrollToFirstError } from './scrollToFirstError.js';
import type { RegistrationResult } from '../embed/registrationFormTypes.js';

const WIDGETS = { region: RegionWidget, creditCode: CreditCodeWidget, SelectWidget: ChoiceWidget };
const TEMPLATES = { FieldTemplate: FormFieldTemplate, TitleFieldTemplate: FormGroupTitle, ButtonTemplates: { AddButton: FormAddButton } };
/** The groups' fieldsets without the browser's frame: a group is its title and rule. */
const GROUPS_CSS = '.crm-registration-form fieldset { border: 0; margin: 0; padding: 0; min-width: 0 }';

type Registered = { claim: { _id: string; customerId: string; customerName: string; expiresAt: string } };

/**
 * The registration form of one industry's template: validated in the browser
 * as the server will, every problem on its field in the page's language, all
 * at once, the first scrolled into view; the server's field problems and the
 * policy's refusals land on their fields too. Every other ending is handed to `onResult`.
 */
export function IndustryForm({ api, template, onResult }: { api: ApiClient; template: Template; onResult(result: RegistrationResult): void }) {
  const { t, language } = useI18n();
  const [formData, setFormData] = useState<Record<string, unknown>>({});
  const [extraErrors, setExtraErrors] = useState<ErrorSchema>();
  const [unplaced, setUnplaced] = useState<string[]>([]);
  // Once a submit failed, each field is checked again as it changes, so a fixed one turns back at once.
  const [live, setLive] = useState(false);
  const [showProblems, setShowProblems] = useState(0);
  const [sending, setSending] = useState(false);
  const root = useRef<HTMLDivElement>(null);
  const schema = useMemo(() => localizedSchema(template, language), [template, language]);
  const uiSchema = useMemo(() => localizedUiSchema(template, language), [template, language]);
  // RE2 for the template's patterns: its own chunk, fetched while the rep fills in the form.
  useEffect(() => void loadDeferredRegExp(), []);
  useEffect(() => {
    if (showProblems === 0) return;
    // After antd has drawn the errors.
    const frame = requestAnimationFrame(() => requestAnimationFrame(() => scrollToFirstError(root.current)));
    return () => cancelAnimationFrame(frame);
  }, [showProblems]);

  const refused = (problems: readonly ServerProblem[]) => {
    const placed = problemsOnFields(problems, template, language);
    setExtraErrors(placed.errors);
    setUnplaced(placed.unplaced);
    setShowProblems((n) => n + 1);
  };

  const submit = async (data: Record<string, unknown>) => {
    setExtraErrors(undefined);
    setUnplaced([]);
    setSending(true);
    try {
      const answer = await api.call<Registered>('POST', '/api/registrations', { industry: template.industry, customer: data });
      setFormData({});
      setLive(false);
      onResult({ type: 'registered', claim: { claimId: answer.claim._id, customerId: answer.claim.customerId, customerName: answer.claim.customerName, expiresAt: answer.claim.expiresAt } });
    } catch (error) {
      if (!(error instanceof ApiProblem)) throw error;
      const body = error.body;
      const holder = body['holder'] as { name: string; team: string; expiresAt: string; mine?: boolean } | undefined;
      if (error.code === 'duplicate' && holder?.mine) onResult({ type: 'already-yours', customer: { customerId: String(body['customerId']), customerName: String(body['customerName']), expiresAt: holder.expiresAt } });
      else if (error.code === 'duplicate' && holder) onResult({ type: 'duplicate', holder, collisionId: String(body['collisionId']) });
      else if (error.code === 'not-eligible') {
        const reasons = (body['reasons'] as ServerProblem[] | undefined) ?? [];
        refused(reasons);
        onResult({ type: 'not-eligible', reasons: reasons.map((reason) => reason.message) });
      } else if (error.code === 'invalid') refused(error.details);
      else refused([{ message: error.message }]);
    } finally {
      setSending(false);
    }
  };

  return (
    <div ref={root} className="crm-registration-form">
      <style>{GROUPS_CSS}</style>
      <Form
        schema={schema}
        uiSchema={uiSchema}
        validator={templateValidator(language)}
        widgets={WIDGETS}
        templates={TEMPLATES}
        formData={formData}
        noHtml5Validate
        translateString={formStrings(language)}
        liveValidate={live}
        showErrorList={false}
        transformErrors={(errors: RJSFValidationError[]) => fieldErrorMessages(errors, template, language)}
        customValidate={(data, errors) => creditCodeErrors(data as Record<string, unknown> | undefined, errors, template, language)}
        onError={() => {
          setLive(true);
          setShowProblems((n) => n + 1);
        }}
        onChange={(event) => {
          setFormData(event.formData as Record<string, unknown>);
          // The server's verdict was on the data it saw: once the rep edits, it no longer stands (and must not block a resubmit).
          if (extraErrors || unplaced.length > 0) {
            setExtraErrors(undefined);
            setUnplaced([]);
          }
        }}
        onSubmit={(event) => void submit(event.formData as Record<string, unknown>)}
        {...(extraErrors ? { extraErrors } : {})}
      >
        {unplaced.length > 0 && (
          <Alert data-form-problem type="error" title={t('notEligible')} description={<ul style={{ margin: 0, paddingInlineStart: 20 }}>{unplaced.map((reason) => <li key={reason}>{reason}</li>)}</ul>} style={{ marginBottom: 16 }} />
        )}
        {extraErrors && unplaced.length === 0 && <Alert data-testid="form-refused" type="error" title={t('form.refused')} style={{ marginBottom: 16 }} showIcon />}
        <Button type="primary" htmlType="submit" loading={sending}>
          {t('submit')}
        </Button>
      </Form>
    </div>
  );
}
