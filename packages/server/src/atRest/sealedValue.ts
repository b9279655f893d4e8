/** The tag of a value encrypted at rest (AES-256-GCM); a plain value never carries it. */
export const SEALED = 'aes-256-gcm';

/**
 * A value encrypted at rest, as the store keeps it: the JSON of the value,
 * encrypted with AES-256-GCM under the data key named by `kid`, with a random
 * `iv` and the authentication `tag` (all base64). A small tagged object, so a
 * reader tells it from a plain value and a query can find either.
 */
export interface SealedValue {
  enc: typeof SEALED;
  /** Identifies the data key (not the key itself): a wrong key is named as such, not taken for tampering. */
  kid: string;
  iv: string;
  tag: string;
  data: string;
}

/** A field that is sealed when a data key is configured, plain otherwise. */
export type AtRest<T> = T | SealedValue;

/** Whether a stored value is sealed. */
export function isSealed(value: unknown): value is SealedValue {
  return typeof value === 'object' && value !== null && (value as { enc?: unknown }).enc === SEALED && typeof (value as { data?: unknown }).data === 'string';
}

/** A field kept sealed: its collection and its dotted path in the documents. */
export interface SealedField {
  collection: string;
  path: string;
}

/** Every field the server seals: webhook signing secrets, team chat robots' URLs and secrets, and the contents of stored credit reports. */
export const SEALED_FIELDS = {
  webhookSecret: { collection: 'webhooks', path: 'secret' },
  robotCredentials: { collection: 'teamRobots', path: 'credentials' },
  creditReport: { collection: 'creditAssessments', path: 'report.content' },
} as const satisfies Record<string, SealedField>;
