/** How a registration ended: what the rep's page and an embedding host are told. */
export type RegistrationResult =
  | { type: 'registered'; claim: { claimId: string; customerId: string; customerName: string; expiresAt: string } }
  | { type: 'duplicate'; holder: { name: string; team: string; expiresAt: string }; collisionId: string }
  /** The rep holds this customer already (registered under another spelling): nothing to appeal. */
  | { type: 'already-yours'; customer: { customerId: string; customerName: string; expiresAt: string } }
  /** The policy refused; each reason is also shown on the field it concerns, when it concerns one. */
  | { type: 'not-eligible'; reasons: string[] };

/** The props of `<RegistrationForm>`. */
export interface RegistrationFormProps {
  /** The industry whose template the form shows (`software`, `manufacturing`, …). */
  industry: string;
  /** An embed token, minted by the host's server with an API key (`POST /api/embed/tokens`). */
  token: string;
  /** Called when a registration ends: registered, duplicate, already yours or not eligible. */
  onResult?: (result: RegistrationResult) => void;
  /** Called when the token is refused (expired or revoked): mint a new one. */
  onExpired?: () => void;
  /** Where crm-policy is served, e.g. `https://crm-policy.example.com` (default: this page's origin). */
  baseUrl?: string;
  /** The form's language (default: the browser's). */
  language?: 'zh' | 'en';
}
