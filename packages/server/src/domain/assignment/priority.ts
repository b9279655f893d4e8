import type { Collection, Doc, Store } from '../../store/collection.js';
import { sizeOf } from './territory.js';

/** How much each part counts in a customer's priority; the admin sets them. */
export interface PriorityWeights {
  importance: number;
  urgency: number;
  history: number;
  /** A potential value at or above this counts fully (CNY). */
  fullValue: number;
}

export const DEFAULT_PRIORITY_WEIGHTS: PriorityWeights = { importance: 0.5, urgency: 0.3, history: 0.2, fullValue: 1_000_000 };

/** What a priority reads of a customer. */
export interface PriorityFacts {
  type: 'company' | 'individual';
  employees: number;
  grade?: string;
  potentialValue?: number;
  timeframe?: string;
  priorOrders?: number;
  yearsAsCustomer?: number;
}

const SIZE_SCORE = { large: 1, sme: 0.5, individual: 0.2 } as const;
const GRADE_SCORE: Record<string, number> = { A: 1, B: 2 / 3, C: 1 / 3, D: 0 };
const TIMEFRAME_SCORE: Record<string, number> = { immediate: 1, '1m': 1, '3m': 0.7, '6m': 0.4, '12m': 0.2, none: 0 };

/**
 * A customer's priority, 0–100: importance (size, grade, potential value),
 * urgency (the stated timeframe) and relationship history (prior orders,
 * years as a customer), each 0–1, averaged with the admin's weights.
 */
export function priorityOf(facts: PriorityFacts, weights: PriorityWeights): { score: number; parts: { importance: number; urgency: number; history: number } } {
  const importance = (SIZE_SCORE[sizeOf(facts)] + (GRADE_SCORE[facts.grade ?? 'C'] ?? 1 / 3) + Math.min(1, (facts.potentialValue ?? 0) / weights.fullValue)) / 3;
  const urgency = TIMEFRAME_SCORE[facts.timeframe ?? 'none'] ?? 0;
  const history = (Math.min(1, (facts.priorOrders ?? 0) / 10) + Math.min(1, (facts.yearsAsCustomer ?? 0) / 5)) / 2;
  const total = weights.importance + weights.urgency + weights.history;
  const score = total === 0 ? 0 : (100 * (weights.importance * importance + weights.urgency * urgency + weights.history * history)) / total;
  const round = (n: number) => Math.round(n * 100) / 100;
  return { score: round(score), parts: { importance: round(importance), urgency: round(urgency), history: round(history) } };
}

interface PriorityDoc extends Doc, PriorityWeights {}

/** The admin's priority weights, in the settings collection. */
export class PrioritySettings {
  private readonly settings: Collection<PriorityDoc>;

  constructor(store: Store) {
    this.settings = store.collection<PriorityDoc>('settings');
  }

  async get(): Promise<PriorityWeights> {
    const stored = await this.settings.findOne({ _id: 'priority' });
    return stored ? { importance: stored.importance, urgency: stored.urgency, history: stored.history, fullValue: stored.fullValue } : DEFAULT_PRIORITY_WEIGHTS;
  }

  async save(weights: PriorityWeights): Promise<PriorityWeights> {
    await this.settings.updateOne({ _id: 'priority' }, { $set: { ...weights } }, { upsert: true });
    return weights;
  }
}
