import { ApiProblem } from '../../api/client.js';
import type { MessageKey } from '../../i18n/messages.js';

type Translate = (key: MessageKey, values?: Record<string, string>) => string;

// What each refusal means for the person acting, in the page's language (the server's own message may be in English).
const BY_CODE: Partial<Record<string, MessageKey>> = {
  forbidden: 'lists.problem.forbidden',
  'not-found': 'lists.problem.notFound',
  conflict: 'lists.problem.conflict',
  duplicate: 'lists.problem.conflict',
  'store-unavailable': 'lists.problem.unavailable',
};

/** Why an action was refused: the policy's reasons when it gives them (the server words them in the page's language), else what the error code means. */
export function problemText(error: unknown, t: Translate): string {
  if (!(error instanceof ApiProblem)) return t('lists.problem.network');
  const reasons = ((error.body['reasons'] as Array<{ message?: string }> | undefined) ?? []).map((reason) => reason.message).filter((text): text is string => Boolean(text));
  if (reasons.length > 0) return reasons.join(' · ');
  const key = BY_CODE[error.code];
  return key ? t(key) : t('lists.problem.other');
}
