import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { Policy } from '@crm-policy/engine';
import { CrmPolicyRefusal } from './crmPolicyRefusal.js';
import type { Language } from './messages.js';
import { say } from './messages.js';
import type { PolicyDecision } from './policyDecision.js';
import { policyDecisionOf } from './policyDecision.js';

const POLICY_NAME = /^[a-z][a-z-]{0,63}$/;

/**
 * Pure decisions in this process with `@crm-policy/engine`, from published
 * rule files (`<rulesDir>/<policy>.json`, as `crm-policy export` or the rules
 * folder has them). A compiled policy is kept per policy and version: a file
 * published again under a new version is compiled again, the same version never.
 * Nothing is recorded: the server stays the source of truth for claims and the decision log.
 */
export class InProcessDecider {
  private readonly compiled = new Map<string, Policy>();

  async decide(rulesDir: string, policy: string, facts: Record<string, unknown>, language: Language): Promise<PolicyDecision> {
    // Loaded on first use: an app deciding through the server does not need the engine installed.
    const { createPolicy, describeDecision, PolicyError } = await import('@crm-policy/engine');
    if (!rulesDir) throw new CrmPolicyRefusal('not-configured', say('notConfigured', language, { what: 'rulesDir' }), 500);
    if (!POLICY_NAME.test(policy)) throw new CrmPolicyRefusal('invalid', say('invalid', language, { problems: `policy: ${policy}` }), 400);
    let file: { version?: string };
    try {
      file = JSON.parse(await readFile(join(rulesDir, `${policy}.json`), 'utf8')) as { version?: string };
    } catch (error) {
      throw new CrmPolicyRefusal('not-configured', say('notConfigured', language, { what: `${policy}.json: ${(error as Error).message}` }), 500);
    }
    const key = `${policy}@${file.version ?? ''}`;
    let compiled = this.compiled.get(key);
    if (!compiled) {
      compiled = await createPolicy(file as Parameters<typeof createPolicy>[0]);
      this.compiled.set(key, compiled);
    }
    try {
      const decision = await compiled.decide(facts);
      return policyDecisionOf(policy, decision, describeDecision(decision, language, { verbose: true }), 'in-process');
    } catch (error) {
      if (!(error instanceof PolicyError)) throw error;
      const problems = error.issues.map((issue) => `${issue.pointer}: ${issue.message[language]}`).join('; ');
      throw new CrmPolicyRefusal('invalid', say('invalid', language, { problems }), 400, { details: error.issues });
    }
  }
}
