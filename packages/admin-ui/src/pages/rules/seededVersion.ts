/** The comment the server stores on the version it seeds from the rules folder (in English, whatever the page's language). */
const SEEDED_COMMENT = 'Loaded from the rules folder at first start';

/** What tells a seeded version apart: its origin, or, for one seeded before origins were stored, its author and comment. */
export interface VersionProvenance {
  origin?: string;
  comment: string;
  createdBy?: { id?: string; name: string };
}

/**
 * True for the version the server published from the rules folder at its
 * first start: no person wrote its comment or is its author, so the page
 * words both in its own language.
 */
export function isSeededVersion(version: VersionProvenance): boolean {
  if (version.origin !== undefined) return version.origin === 'rules-folder';
  return version.createdBy?.id === 'system' && version.comment === SEEDED_COMMENT;
}
