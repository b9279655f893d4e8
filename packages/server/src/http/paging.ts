/** `limit` (1–500, default given) and `skip` (≥ 0) from a query; anything unreadable falls back to the defaults. */
export function pageOf(query: Record<string, string | undefined>, defaultLimit: number): { limit: number; skip: number } {
  const limit = Math.min(Math.max(Number(query['limit'] ?? defaultLimit) || defaultLimit, 1), 500);
  const skip = Math.max(Number(query['skip'] ?? 0) || 0, 0);
  return { limit, skip };
}
