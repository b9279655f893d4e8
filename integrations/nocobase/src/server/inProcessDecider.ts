import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { Policy } from '@crm-policy/engine';
import { CrmPolicyClient } from './crmPolicyClient.js';
import { CrmPolicyRefusal } from './crmPolicyRefusal.js';
import type { Language } from './messages.js';
import { say } from './messages.js';
import type { PolicyDecision } from './policyDecision.js';
import { policyDecisionOf } from './policyDecision.js';
import type { CrmPolicySettings } from './settings.js';

const POLICY_NAME = /^[a-z][a-z-]{0,63}$/;

/** How long a rule file fetched from the server is used before the server is asked again for the published version. */
export const RULES_REFRESH_MS = 30_000;

type RuleFile = { version?: string };

/**
 * Pure decisions in this process with `@crm-policy/engine`, from published
 * rule files: fetched from the server (`GET /api/policies/:policy/published`,
 * asked again every `RULES_REFRESH_MS`; while the server is unreachable the
 * last file fetched keeps deciding), or read from `rulesDir` (`<policy>.json`)
 * when the settings name a folder. A policy is compiled once per version.
 * Nothing is recorded: the server stays the source of truth for claims and the decision log.
 */
export class InProcessDecider {
  private readonly compiled = new Map<string, Policy>();
  private readonly fetched = new Map<string, { at: number; file: RuleFile }>();

  constructor(private readonly clock: () => number = Date.now) {}

  async decide(settings: CrmPolicySettings, policy: string, facts: Record<string, unknown>, language: Language): Promise<PolicyDecision> {
    // Loaded on first use: an app deciding through the server does not need the engine installed.
    const { createPolicy, describeDecision, PolicyError } = await import('@crm-policy/engine');
    if (!POLICY_NAME.test(policy)) throw new CrmPolicyRefusal('invalid', say('invalid', language, { problems: `policy: ${policy}` }), 400);
    const file = settings.rulesDir ? await this.fromFolder(settings.rulesDir, policy, language) : await this.fromServer(settings, policy, language);
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
      const problems = error.issues.map((issue) => `/facts${issue.pointer}: ${issue.message[language]}`).join('; ');
      throw new CrmPolicyRefusal('invalid', say('invalid', language, { problems }), 400, { details: error.issues });
    }
  }

  private async fromFolder(rulesDir: string, policy: string, language: Language): Promise<RuleFile> {
    try {
      return JSON.parse(await readFile(join(rulesDir, `${policy}.json`), 'utf8')) as RuleFile;
    } catch (error) {
      throw new CrmPolicyRefusal('not-configured', say('notConfigured', language, { what: `${policy}.json: ${(error as Error).message}` }), 500);
    }
  }

  private async fromServer(settings: CrmPolicySettings, policy: string, language: Language): Promise<RuleFile> {
    const cached = this.fetched.get(policy);
    if (cached && this.clock() - cached.at < RULES_REFRESH_MS) return cached.file;
    if (!settings.serverUrl || !settings.apiKey) throw new CrmPolicyRefusal('not-configured', say('notConfigured', language, { what: 'rulesDir, or serverUrl and apiKey' }), 500);
    try {
      const answer = await new CrmPolicyClient(settings).published(policy, language);
      const error = answer.body['error'] as { message?: string } | undefined;
      if (answer.status !== 200) throw new CrmPolicyRefusal('refused', say('refused', language, { status: String(answer.status), message: error?.message ?? '' }), answer.status);
      const file = answer.body['file'] as RuleFile;
      this.fetched.set(policy, { at: this.clock(), file });
      return file;
    } catch (error) {
      // The server down: the last published file fetched keeps deciding; without one, the decision fails.
      if (cached && error instanceof CrmPolicyRefusal && error.code === 'unreachable') return cached.file;
      throw error;
    }
  }
}
