import type { PolicyKind } from '../format/ruleFile.js';
import { policies } from '../policies/policyRegistry.js';

/**
 * The outcome types a policy understands, each with the JSON Schema of its
 * params: what an editor offers for a rule's outcome and the default.
 */
export function outcomeSchemas(kind: PolicyKind): Readonly<Record<string, Record<string, unknown>>> {
  return policies[kind].events;
}
