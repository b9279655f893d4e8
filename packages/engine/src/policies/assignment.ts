import type { PolicySpec } from './policySpec.js';

/** assignment: which team owns a customer, and under which ownership model. */
export const assignment: PolicySpec = {
  kind: 'assignment',
  recommendedHitPolicy: 'first',
  events: {
    assign: {
      type: 'object',
      required: ['team', 'ownership'],
      properties: {
        team: { type: 'string', minLength: 1 },
        ownership: { enum: ['dedicated', 'shared'] },
        strategy: { enum: ['round-robin', 'least-loaded', 'capacity'] },
      },
    },
    review: {
      type: 'object',
      required: ['queue', 'reason'],
      properties: {
        queue: { type: 'string', minLength: 1 },
        reason: { type: 'string' },
      },
    },
  },
};
