/** A decision as the workflow node hands it to later nodes: plain JSON. */
export interface PolicyDecision {
  policy: string;
  /** The rule file version that decided. */
  version: string;
  /** The winning outcome's type (`assign`, `assess`, `allow`, `deny` …) and its parameters. */
  outcome: string;
  params: Record<string, unknown>;
  /** Every outcome, in priority order. */
  outcomes: Array<{ type: string; params?: Record<string, unknown> }>;
  /** The rules that fired. */
  fired: string[];
  /** Why, in words, in the language of the workflow's settings. */
  explanation: string;
  /** Its record in the server's decision log (server mode). */
  decisionId?: string;
  /** Where it was decided. */
  decidedBy: 'server' | 'in-process';
}

/** The engine's decision (from the server or in process) in the node's shape. */
export function policyDecisionOf(
  policy: string,
  decision: { version?: string; outcome?: { type?: string; params?: Record<string, unknown> }; outcomes?: Array<{ type: string; params?: Record<string, unknown> }>; fired?: string[]; decisionId?: string },
  explanation: string,
  decidedBy: PolicyDecision['decidedBy'],
): PolicyDecision {
  return {
    policy,
    version: decision.version ?? '',
    outcome: decision.outcome?.type ?? 'error',
    params: decision.outcome?.params ?? {},
    outcomes: decision.outcomes ?? [],
    fired: decision.fired ?? [],
    explanation,
    ...(decision.decisionId ? { decisionId: decision.decisionId } : {}),
    decidedBy,
  };
}
