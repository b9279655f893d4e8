import { CrmPolicyRefusal } from './crmPolicyRefusal.js';
import type { Language } from './messages.js';
import { acceptLanguage, say } from './messages.js';

/** Where the crm-policy server is and how long a call may take. */
export interface ServerTarget {
  serverUrl: string;
  /** A registrar key (`POST /api/api-keys { role: "rep", registrar: true }`): registers for a named rep and decides, nothing else. */
  apiKey: string;
  timeoutMs: number;
}

/** An answer of the server: its status and JSON body. */
export interface ServerAnswer {
  status: number;
  body: Record<string, unknown>;
}

/**
 * The crm-policy server as the plugin calls it: with the registrar key, the
 * user's language, and a timeout. A server that is down or too slow is a
 * refusal (`unreachable`), never a pass.
 */
export class CrmPolicyClient {
  constructor(private readonly target: ServerTarget) {}

  /** `POST /api/registrations/on-behalf`: the rep registers the customer (201, 409, 403, 422 as the server answers). */
  registerFor(rep: string, industry: string, customer: Record<string, unknown>, language: Language): Promise<ServerAnswer> {
    return this.post('/api/registrations/on-behalf', { rep, industry, customer }, language);
  }

  /** `POST /api/policies/:policy/decide`: the published version decides, recorded with the key. */
  decide(policy: string, facts: Record<string, unknown>, language: Language): Promise<ServerAnswer> {
    return this.post(`/api/policies/${encodeURIComponent(policy)}/decide`, { facts }, language);
  }

  /** `GET /api/policies/:policy/published`: the published rule file and its version, for in-process decisions. */
  published(policy: string, language: Language): Promise<ServerAnswer> {
    return this.request('GET', `/api/policies/${encodeURIComponent(policy)}/published`, undefined, language);
  }

  private post(path: string, body: unknown, language: Language): Promise<ServerAnswer> {
    return this.request('POST', path, body, language);
  }

  private async request(method: 'GET' | 'POST', path: string, body: unknown, language: Language): Promise<ServerAnswer> {
    const url = new URL(path, this.target.serverUrl).toString();
    let response: Response;
    try {
      response = await fetch(url, {
        method,
        headers: { ...(body === undefined ? {} : { 'content-type': 'application/json' }), 'x-api-key': this.target.apiKey, 'accept-language': acceptLanguage(language) },
        ...(body === undefined ? {} : { body: JSON.stringify(body) }),
        signal: AbortSignal.timeout(this.target.timeoutMs),
        // fetch keeps X-API-Key across a redirect to another host: a redirect is answered as the refusal it is, never followed.
        redirect: 'manual',
      });
    } catch (error) {
      const cause = error instanceof Error && error.name === 'TimeoutError' ? `${this.target.timeoutMs} ms` : causeOf(error);
      throw new CrmPolicyRefusal('unreachable', say('unreachable', language, { url: this.target.serverUrl, cause }), 503);
    }
    const text = await response.text();
    let parsed: unknown;
    try {
      parsed = text ? JSON.parse(text) : {};
    } catch {
      throw new CrmPolicyRefusal('refused', say('refused', language, { status: String(response.status), message: text.slice(0, 200) }), 502);
    }
    return { status: response.status, body: (parsed ?? {}) as Record<string, unknown> };
  }
}

/** The network cause in a few words (`ECONNREFUSED`), not a stack. */
function causeOf(error: unknown): string {
  const cause = (error as { cause?: { code?: string; message?: string } }).cause;
  return cause?.code ?? cause?.message ?? (error instanceof Error ? error.message : String(error));
}
