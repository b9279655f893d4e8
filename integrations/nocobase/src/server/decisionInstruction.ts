import { Instruction, JOB_STATUS } from '@nocobase/plugin-workflow';
import type { FlowNodeModel, IJob, InstructionInterface, Processor } from '@nocobase/plugin-workflow';
import type PluginWorkflowServer from '@nocobase/plugin-workflow';
import { CrmPolicyRefusal } from './crmPolicyRefusal.js';
import { languageOfLocale } from './messages.js';
import type { PolicyDecider } from './policyDecider.js';
import type { CrmPolicySettings } from './settings.js';

/** The node's type in workflows. */
export const DECISION_INSTRUCTION = 'crm-policy-decision';

/** One row of the node form's facts list: a fact's name and its value or variable. */
export interface FactRow {
  name?: string;
  value?: unknown;
}

/**
 * The node's configuration: the policy, its facts (each a value or a variable
 * such as `{{$context.data.score}}` or an earlier node's `{{$jobsMapByNodeKey.k.params.tier}}`),
 * and the language of the explanation (`zh-CN` or `en-US`). The facts are an
 * object (`{ "creditScore": "{{…}}" }`, as written through the API) or the
 * rows the node form saves (`[{ "name": "creditScore", "value": "{{…}}" }]`).
 */
export interface DecisionNodeConfig {
  policy: string;
  facts: Record<string, unknown> | FactRow[];
  locale?: string;
}

/** The facts as one object, whichever shape the configuration keeps them in; rows without a name are left out. */
export function factsOf(facts: DecisionNodeConfig['facts'] | undefined): Record<string, unknown> {
  if (!Array.isArray(facts)) return facts ?? {};
  const named = facts.filter((row): row is FactRow & { name: string } => typeof row?.name === 'string' && row.name.trim() !== '');
  return Object.fromEntries(named.map((row) => [row.name.trim(), row.value]));
}

/**
 * "crm-policy decision": decides a policy on facts taken from the trigger and
 * earlier nodes. The decision (outcome, params, fired rules, explanation) is
 * the node's result; a decision that cannot be made fails the node with why.
 */
export function decisionInstruction(deps: { settings(): Promise<CrmPolicySettings>; decider: PolicyDecider }): new (workflow: PluginWorkflowServer) => InstructionInterface {
  return class CrmPolicyDecisionInstruction extends Instruction {
    async run(node: FlowNodeModel, _input: unknown, processor: Processor): Promise<IJob> {
      const config = (node.config ?? {}) as Partial<DecisionNodeConfig>;
      const language = languageOfLocale(config.locale);
      if (!config.policy) return { status: JOB_STATUS.FAILED, result: { code: 'not-configured', message: 'No policy chosen' } };
      const facts = processor.getParsedValue(factsOf(config.facts), node.id) as Record<string, unknown>;
      try {
        const decision = await deps.decider.decide(await deps.settings(), config.policy, facts, language);
        return { status: JOB_STATUS.RESOLVED, result: decision };
      } catch (error) {
        if (!(error instanceof CrmPolicyRefusal)) throw error;
        return { status: JOB_STATUS.FAILED, result: { code: error.code, message: error.message, ...error.details } };
      }
    }
  };
}
