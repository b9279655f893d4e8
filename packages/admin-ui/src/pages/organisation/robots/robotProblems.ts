import type { MessageKey } from '../../../i18n/messages.js';
import { placeProblems } from '../organisationProblems.js';
import type { PlacedProblem } from '../organisationProblems.js';

// The robot route's field codes (teamRobots.ts on the server) and what they say in the page's language.
const FIELD_CODES: Readonly<Record<string, MessageKey>> = {
  'not-a-url': 'robots.problem.notAUrl',
  'not-http': 'robots.problem.notHttp',
  'credentials-in-url': 'robots.problem.credentialsInUrl',
  'no-key': 'robots.problem.noKey',
  'no-access-token': 'robots.problem.noAccessToken',
  'address-not-allowed': 'robots.problem.addressNotAllowed',
  'not-used': 'robots.problem.secretNotUsed',
};

// What a refusal of no field means to the admin, by the answer's code.
const PAGE_CODES: Readonly<Record<string, MessageKey>> = {
  'not-found': 'robots.problem.teamGone',
  forbidden: 'robots.problem.forbidden',
};

/** The fields of the robot form a problem may land on. */
const ROBOT_FIELDS: ReadonlySet<string> = new Set(['url', 'secret']);

/**
 * Where each of the server's problems with a robot goes, and in which words:
 * a known code on its field (`/url`, `/secret`) in the page's language, schema
 * checks (already in the page's language) as given, and what belongs to no
 * field said for the page by the answer's code, never the server's English.
 */
export function placeRobotProblems(
  answer: { code: string; message: string; details: ReadonlyArray<{ path: string; message: string; code?: string }> },
  t: (key: MessageKey) => string,
  separator = '; ',
): { fields: PlacedProblem[]; page?: string } {
  const details = answer.details.map((detail) => {
    const key = detail.code === undefined ? undefined : FIELD_CODES[detail.code];
    return key ? { ...detail, message: t(key) } : detail;
  });
  return placeProblems({ message: t(PAGE_CODES[answer.code] ?? 'robots.problem.notSaved'), details }, t, ROBOT_FIELDS, separator);
}
