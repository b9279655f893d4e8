import { ApiProblem } from '../../api/client.js';

/** What went wrong with a call, in the server's words (it answers in the page's language): its message and the policy's reasons. */
export function problemText(error: unknown): string {
  if (!(error instanceof ApiProblem)) return error instanceof Error ? error.message : String(error);
  const reasons = ((error.body['reasons'] as Array<{ message?: string }> | undefined) ?? []).map((reason) => reason.message).filter((text): text is string => Boolean(text));
  return reasons.length > 0 ? reasons.join(' · ') : error.message;
}
