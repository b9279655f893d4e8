import { CrmPolicyClient } from './crmPolicyClient.js';
import { CrmPolicyRefusal } from './crmPolicyRefusal.js';
import type { Language } from './messages.js';
import { languageOfLocale, say } from './messages.js';
import type { CrmPolicySettings } from './settings.js';

/** What the guard reads of a record being created and of the request that creates it. */
export interface GuardedSave {
  /** The record's values (a Sequelize model: `get`/`set`). */
  record: { get(key: string): unknown; set(key: string, value: unknown): void };
  /** The NocoBase user creating it, when the save comes from a request. */
  user: Record<string, unknown> | undefined;
  /** NocoBase's locale of the request (`zh-CN`, `en-US`). */
  locale: string | undefined;
}

/**
 * Registration enforced on a NocoBase collection: before a record is created,
 * its mapped fields go to crm-policy as the user's rep. Granted: it saves,
 * with the protection end date written to the mapped field. Anything else
 * (duplicate, not eligible, bad field, unmapped user, server down) refuses
 * the save with a message in the user's language.
 */
export async function guardRegistration(settings: CrmPolicySettings, save: GuardedSave): Promise<void> {
  const language = languageOfLocale(save.locale);
  if (!settings.serverUrl || !settings.apiKey || !settings.industry) {
    throw new CrmPolicyRefusal('not-configured', say('notConfigured', language, { what: 'serverUrl, apiKey, industry' }), 500);
  }
  const repValue = save.user?.[settings.userField];
  const rep = typeof repValue === 'string' ? repValue.trim() : '';
  if (!rep) throw new CrmPolicyRefusal('unmapped', say('unmapped', language, { field: settings.userField }), 403);

  const customer: Record<string, unknown> = {};
  for (const [formField, recordField] of Object.entries(settings.fieldMap)) {
    const value = save.record.get(recordField);
    if (value !== undefined && value !== null && value !== '') customer[formField] = value;
  }
  const answer = await new CrmPolicyClient(settings).registerFor(rep, settings.industry, customer, language);
  if (answer.status === 201) {
    const claim = answer.body['claim'] as { expiresAt?: string } | undefined;
    if (settings.protectedUntilField && claim?.expiresAt) save.record.set(settings.protectedUntilField, claim.expiresAt);
    return;
  }
  throw refusalOf(answer.status, (answer.body['error'] ?? {}) as ServerError, rep, settings.fieldMap, language);
}

interface ServerError {
  code?: string;
  message?: string;
  holder?: { name?: string; team?: string; expiresAt?: string; mine?: boolean };
  reasons?: Array<{ reason?: string; message?: string }>;
  details?: Array<{ path?: string; message?: string; label?: string }>;
}

/** The server's answer as the user reads it, in their language; bad fields named by the collection's field. */
function refusalOf(status: number, error: ServerError, rep: string, fieldMap: Record<string, string>, language: Language): CrmPolicyRefusal {
  if (error.code === 'duplicate' && error.holder) {
    const until = (error.holder.expiresAt ?? '').slice(0, 10);
    const message = error.holder.mine ? say('duplicateMine', language, { until }) : say('duplicate', language, { name: error.holder.name ?? '', team: error.holder.team ?? '', until });
    return new CrmPolicyRefusal('duplicate', message, 409, { holder: error.holder });
  }
  if (error.code === 'not-eligible') {
    const reasons = (error.reasons ?? []).map((reason) => reason.message ?? reason.reason ?? '').filter(Boolean);
    return new CrmPolicyRefusal('not-eligible', say('notEligible', language, { reasons: reasons.join(language === 'zh' ? '；' : '; ') }), 403, { reasons: error.reasons ?? [] });
  }
  if (error.code === 'invalid' && (error.details ?? []).some((detail) => detail.path === '/rep')) {
    return new CrmPolicyRefusal('not-a-rep', say('notARep', language, { rep }), 403);
  }
  if (error.code === 'invalid') {
    const fieldOf = (path: string) => {
      const formField = path.replace(/^\/customer\//, '').split('/')[0] ?? '';
      return fieldMap[formField] ?? formField;
    };
    const problems = (error.details ?? []).map((detail) => `${fieldOf(detail.path ?? '')}: ${detail.message ?? ''}`);
    return new CrmPolicyRefusal('invalid', say('invalid', language, { problems: problems.join('; ') }), 400, { details: error.details ?? [] });
  }
  return new CrmPolicyRefusal('refused', say('refused', language, { status: String(status), message: error.message ?? '' }), status >= 500 ? 502 : 400);
}
