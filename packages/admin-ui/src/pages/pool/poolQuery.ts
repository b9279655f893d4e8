import type { Template } from '../register/templateForm.js';

/** A pool customer as `GET /api/pool` lists it. */
export interface PoolEntry {
  customerId: string;
  name: string;
  industry: string;
  region: string;
  grade: string;
  returnReason: 'expired' | 'released' | 'transferred' | null;
  returnedAt: string | null;
}

/** Why a customer is in the pool, as the server filters it (`new`: nobody ever held it). */
export type PoolReason = 'expired' | 'released' | 'transferred' | 'new';
export const POOL_REASONS: PoolReason[] = ['expired', 'released', 'transferred', 'new'];

/** What the pool table asks the server for: search, one grade, one industry, one reason, order, and the page. */
export interface PoolQuery {
  q?: string;
  grade?: string;
  industry?: string;
  reason?: PoolReason;
  sort?: 'name' | '-name' | 'returnedAt' | '-returnedAt';
  page: number;
  pageSize: number;
}

/** The colour of each reason a customer came back (`new`: nobody ever held it). */
export const REASON_COLOR = { expired: 'red', released: 'orange', transferred: 'purple', new: 'default' } as const;

/** The request for a page of the pool: only the parameters set, paged by `limit` and `skip`. */
export function poolPath(query: PoolQuery): string {
  const params = new URLSearchParams();
  for (const key of ['q', 'grade', 'industry', 'reason', 'sort'] as const) {
    const value = query[key];
    if (value) params.set(key, value);
  }
  params.set('limit', String(query.pageSize));
  params.set('skip', String((query.page - 1) * query.pageSize));
  return `/api/pool?${params.toString()}`;
}

/** The grades the templates offer (their `grade` field's choices), in order; A–D while they load. */
export function gradesOf(templates: readonly Template[] | undefined): string[] {
  const grades = new Set<string>();
  for (const template of templates ?? []) {
    const grade = (template.schema.properties?.['grade'] ?? {}) as { enum?: unknown[] };
    for (const value of grade.enum ?? []) grades.add(String(value));
  }
  return grades.size > 0 ? [...grades].sort() : ['A', 'B', 'C', 'D'];
}
