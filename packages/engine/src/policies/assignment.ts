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
      'x-title': { zh: '分配', en: 'Assign' },
      required: ['ownership'],
      properties: {
        team: { type: 'string', minLength: 1, 'x-title': { zh: '团队', en: 'Team' } },
        ownership: { enum: ['dedicated', 'shared'], 'x-title': { zh: '归属方式', en: 'Ownership' }, 'x-choices': { zh: { 'dedicated': '专属', 'shared': '共享' }, en: { 'dedicated': 'Dedicated', 'shared': 'Shared' } } },
        strategy: { enum: ['round-robin', 'least-loaded', 'capacity'], 'x-title': { zh: '分配方式', en: 'Strategy' }, 'x-choices': { zh: { 'round-robin': '轮流分配', 'least-loaded': '分给负荷最小者', 'capacity': '按容量' }, en: { 'round-robin': 'Round robin', 'least-loaded': 'Least loaded', 'capacity': 'By capacity' } } },
        coOwners: { type: 'integer', minimum: 1, maximum: 10, 'x-title': { zh: '共同负责人', en: 'Co-owners' }, 'x-unit': { zh: '人', en: 'people' } },
      },
    },
    review: {
      type: 'object',
      'x-title': { zh: '转人工审核', en: 'Send to review' },
      required: ['queue', 'reason'],
      properties: {
        queue: { type: 'string', minLength: 1, 'x-title': { zh: '审核队列', en: 'Review queue' } },
        reason: { type: 'string', 'x-title': { zh: '原因', en: 'Reason' } },
      },
    },
  },
};
