import type { PolicySpec } from './policySpec.js';

/**
 * assignment: which team owns a customer, and under which ownership model.
 * An `assign` without `team` goes to the team whose territory covers the customer (the `territory` fact).
 */
export const assignment: PolicySpec = {
  kind: 'assignment',
  recommendedHitPolicy: 'first',
  events: {
    assign: {
      type: 'object',
      required: ['ownership'],
      properties: {
        team: { type: 'string', minLength: 1 },
        ownership: { enum: ['dedicated', 'shared'] },
        strategy: { enum: ['round-robin', 'least-loaded', 'capacity'] },
        coOwners: { type: 'integer', minimum: 1, maximum: 10 },
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
