import type { PolicyKind } from '../format/ruleFile.js';
import { assignment } from './assignment.js';
import { claimEligibility } from './claimEligibility.js';
import { creditRisk } from './creditRisk.js';
import type { PolicySpec } from './policySpec.js';

/** Every policy kind; adding one is one entry here, and a half-added kind fails to compile. */
export const policies: Readonly<Record<PolicyKind, PolicySpec>> = {
  assignment,
  'claim-eligibility': claimEligibility,
  'credit-risk': creditRisk,
};

/** The policy kinds: `claim-eligibility`, `assignment` and `credit-risk`. */
export const POLICY_KINDS = Object.keys(policies) as PolicyKind[];
