import { CrmPolicyClient } from './crmPolicyClient.js';
import { CrmPolicyRefusal } from './crmPolicyRefusal.js';
import { InProcessDecider } from './inProcessDecider.js';
import type { Language } from './messages.js';
import { say } from './messages.js';
import type { PolicyDecision } from './policyDecision.js';
import { policyDecisionOf } from './policyDecision.js';
import type { CrmPolicySettings } from './settings.js';

/**
 * Decides a policy the way the settings say: through the server
 * (`POST /api/policies/:policy/decide`, recorded with the key) or in process.
 * Anything but a decision (bad facts, an error outcome, the server down) is a
 * `CrmPolicyRefusal` naming why.
 */
export class PolicyDecider {
  private readonly inProcess = new InProcessDecider();

  async decide(settings: CrmPolicySettings, policy: string, facts: Record<string, unknown>, language: Language): Promise<PolicyDecision> {
    const decision = settings.mode === 'in-process' ? await this.inProcess.decide(settings, policy, facts, language) : await this.throughServer(settings, policy, facts, language);
    if (decision.outcome === 'error') throw new CrmPolicyRefusal('refused', say('refused', language, { status: 'error', message: decision.explanation }), 500);
    return decision;
  }

  private async throughServer(settings: CrmPolicySettings, policy: string, facts: Record<string, unknown>, language: Language): Promise<PolicyDecision> {
    if (!settings.serverUrl || !settings.apiKey) throw new CrmPolicyRefusal('not-configured', say('notConfigured', language, { what: 'serverUrl, apiKey' }), 500);
    const answer = await new CrmPolicyClient(settings).decide(policy, facts, language);
    const error = answer.body['error'] as { code?: string; message?: string; details?: Array<{ path?: string; message?: string }> } | undefined;
    if (answer.status !== 200 || !answer.body['decision']) {
      const details = (error?.details ?? []).map((detail) => `${detail.path ?? ''}: ${detail.message ?? ''}`).join('; ');
      const message = [error?.message, details].filter(Boolean).join(' — ');
      throw new CrmPolicyRefusal(error?.code === 'invalid' ? 'invalid' : 'refused', say('refused', language, { status: String(answer.status), message }), answer.status, { error: error ?? {} });
    }
    const words = typeof answer.body['words'] === 'string' ? answer.body['words'] : '';
    return policyDecisionOf(policy, answer.body['decision'] as Parameters<typeof policyDecisionOf>[1], words, 'server');
  }
}
