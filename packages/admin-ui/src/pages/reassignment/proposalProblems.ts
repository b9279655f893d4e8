/** The proposal form's fields, each of which a problem can concern. */
export type ProposalField = 'customer' | 'rep' | 'team' | 'regions';

/** The server's JSON Pointers of the proposal's fields. */
const FIELD_OF_PATH: ReadonlyArray<[string, ProposalField]> = [
  ['/customerId', 'customer'],
  ['/repId', 'rep'],
  ['/toTeamId', 'team'],
  ['/teamId', 'team'],
  ['/territories', 'regions'],
];

/**
 * Where each of the server's problems goes: next to the field its path names
 * (the first problem of a field wins), and the rest, with the answer's own
 * message, at the foot of the form (`page`, joined by `separator` — '；' in Chinese —
 * and absent when every problem has a field).
 */
export function placeProblems(message: string, details: ReadonlyArray<{ path: string; message: string }>, separator = '; '): { byField: Partial<Record<ProposalField, string>>; page?: string } {
  const byField: Partial<Record<ProposalField, string>> = {};
  const rest: string[] = [];
  for (const detail of details) {
    const field = FIELD_OF_PATH.find(([path]) => detail.path === path || detail.path.startsWith(`${path}/`))?.[1];
    if (field) byField[field] ??= detail.message;
    else rest.push(detail.message);
  }
  if (Object.keys(byField).length > 0 && rest.length === 0) return { byField };
  return { byField, page: [message, ...rest].join(separator) };
}
