import type { PolicyKind } from '@crm-policy/engine';
import { describeDecision, POLICY_KINDS, PolicyError } from '@crm-policy/engine';
import { ROLES } from '../auth/principal.js';
import type { Principal } from '../auth/principal.js';
import { ApiError } from '../http/apiError.js';
import { defineRoute } from '../http/route.js';
import type { Services } from '../services.js';

/** The policy a route names; 404 listing the policies when it names none. */
function kindOf(params: Record<string, string>): PolicyKind {
  const kind = params['policy'] as PolicyKind;
  if (!POLICY_KINDS.includes(kind)) throw new ApiError('not-found', `No policy ${params['policy']}; the policies are ${POLICY_KINDS.join(', ')}`);
  return kind;
}

/** Integrations speak with an API key: a signed-in user has the rule editor and `…/try`. */
function keysOnly(principal: Principal): void {
  if (principal.kind !== 'api-key') throw new ApiError('forbidden', 'Decisions are asked for with an API key (X-API-Key)');
}

/**
 * Decisions asked for by an integration (a workflow node on a low-code
 * platform): API keys only, any role (a registrar key too), the published
 * version decides, and the decision is recorded in the decision log with the key.
 * An integration that decides in its own process reads the published rule file.
 */
export function decisionRoutes(services: Services) {
  return [
    defineRoute({
      method: 'get',
      path: '/api/policies/:policy/published',
      summary: 'The published rule file of a policy and its version, for an API key that decides in its own process',
      access: [...ROLES],
      registrar: true,
      async handler({ params, principal }) {
        keysOnly(principal);
        const doc = await services.policyVersions.published(kindOf(params));
        return { body: { versionId: doc._id, version: doc.version, file: doc.file } };
      },
    }),
    defineRoute<{ facts: Record<string, unknown> }>({
      method: 'post',
      path: '/api/policies/:policy/decide',
      summary: 'Decide one set of facts with the published version, for an API key; recorded in the decision log with the key',
      access: [...ROLES],
      registrar: true,
      // No `now`: a recorded decision is dated by the server (simulations and explanations read the log by that time); `…/try` takes a clock.
      body: { type: 'object', required: ['facts'], additionalProperties: false, properties: { facts: { type: 'object' } } },
      async handler({ params, body, principal, language }) {
        keysOnly(principal);
        const kind = kindOf(params);
        const { policy, versionId } = services.livePolicies.current(kind);
        let decision;
        try {
          decision = await policy.decide(body.facts, { now: services.clock() });
        } catch (error) {
          if (!(error instanceof PolicyError)) throw error;
          throw new ApiError('invalid', error.message, { details: error.issues.map((issue) => ({ path: `/facts${issue.pointer}`, message: issue.message[language], code: issue.code })) });
        }
        const recorded = decision.outcome.type === 'error' ? undefined : await services.decisionLog.record(kind, versionId, body.facts, decision, { kind: principal.kind, id: principal.id, name: principal.displayName });
        const words = describeDecision(decision, language, { verbose: true });
        return { body: { decision: { ...decision, ...(recorded ? { decisionId: recorded } : {}) }, words } };
      },
    }),
  ];
}
