/** Why crm-policy (or the plugin) refused: the closed set of codes a save refusal or a failed node carries. */
export type RefusalCode = 'unmapped' | 'not-a-rep' | 'duplicate' | 'not-eligible' | 'invalid' | 'unreachable' | 'refused' | 'not-configured';

/**
 * A refusal shown to the NocoBase user: thrown from a save hook it stops the
 * save, and `expose` lets NocoBase's Koa send its message (in the user's
 * language) with the HTTP `status`.
 */
export class CrmPolicyRefusal extends Error {
  readonly expose = true;

  constructor(
    readonly code: RefusalCode,
    message: string,
    readonly status: number,
    readonly details: Readonly<Record<string, unknown>> = {},
  ) {
    super(message);
    this.name = 'CrmPolicyRefusal';
  }
}
