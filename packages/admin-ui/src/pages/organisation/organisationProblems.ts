import type { MessageKey } from '../../i18n/messages.js';

/** A server problem placed on a form: the field's name path (as antd's Form names it) and the message to show there. */
export interface PlacedProblem {
  name: Array<string | number>;
  message: string;
}

// The organisation routes' own field messages (English in every language) and what they say in the page's language.
const KNOWN: ReadonlyArray<[RegExp, string, MessageKey]> = [
  [/^\/username$/, 'already taken', 'org.usernameTaken'],
  [/^\/name$/, 'already taken', 'org.teamNameTaken'],
  [/^\/teams$/, 'at least one team', 'org.teamNeeded'],
  [/^\/teams$/, 'exactly one team for a rep', 'org.oneTeamForRep'],
  [/^\/teams\/\d+$/, 'no such team', 'org.noSuchTeam'],
  [/^\/territories\/\d+\/regions\/\d+$/, '', 'org.notADivision'],
  [/^\/members\/\d+\/userId$/, 'not a member of this team', 'org.notInTeam'],
  [/^\/members\/\d+\/userId$/, 'listed twice', 'org.listedTwice'],
];

// Lists whose items the forms show one by one: a problem inside an item lands on the item's field.
const LISTS = new Set(['territories', 'members']);

/** The form field a JSON Pointer names: `/teams/0` → teams; `/territories/1/regions/3` → territories, 1, regions. */
export function fieldOf(pointer: string): Array<string | number> {
  const segments = pointer.split('/').slice(1).map((segment) => segment.replace(/~1/g, '/').replace(/~0/g, '~'));
  const [first, index, field] = segments;
  if (first === undefined || first === '') return [];
  if (LISTS.has(first) && index !== undefined && /^\d+$/.test(index) && field !== undefined) return [first, Number(index), field];
  return [first];
}

/**
 * Where each of the server's problems goes, and in which words: on the field its
 * path names (the first problem of a field wins), with the organisation routes'
 * own messages said in the page's language and the others (already in the
 * page's language: schema checks, weak passwords) as the server gave them; the
 * rest, and the answer's message when no problem has a field, for the page.
 */
export function placeProblems(
  answer: { message: string; details: ReadonlyArray<{ path: string; message: string; code?: string }> },
  t: (key: MessageKey) => string,
  fields: ReadonlySet<string>,
  separator = '; ',
): { fields: PlacedProblem[]; page?: string } {
  const placed: PlacedProblem[] = [];
  const rest: string[] = [];
  for (const detail of answer.details) {
    const known = KNOWN.find(([path, message]) => path.test(detail.path) && (message === '' || detail.message === message));
    const message = known ? t(known[2]) : detail.message;
    const name = fieldOf(detail.path);
    if (name.length > 0 && fields.has(String(name[0]))) {
      if (!placed.some((problem) => problem.name.join('/') === name.join('/'))) placed.push({ name, message });
    } else rest.push(message);
  }
  if (placed.length > 0 && rest.length === 0) return { fields: placed };
  return { fields: placed, page: [...(placed.length === 0 ? [answer.message] : []), ...rest].join(separator) };
}
