/**
 * Where the embedded store stops being the right home for the data: past any
 * of these, move to MongoDB (docs/deployment.md, "Moving to MongoDB"). The
 * embedded store holds every document in memory and reads the whole folder at
 * start, so start-up time and memory grow with the data.
 *
 * The docs quote these figures; a warning printed by the server should take
 * them from here.
 */
export const EMBEDDED_ADVISED_LIMIT = {
  /** Documents in `customers` (registered customers). */
  customerDocuments: 300_000,
  /** Bytes in the data folder's store files. */
  dataBytes: 2 * 1024 ** 3,
  /** Seconds the store takes to open at start. */
  startSeconds: 30,
} as const;

/** What the embedded store says of itself, as far as the advice goes. */
export interface StoreSize {
  customers: number;
  bytesOnDisk: number;
  openedInMs: number;
}

/** The advice to move to MongoDB when a limit is passed, naming which; undefined below them all. */
export function moveAdvice(size: StoreSize): string | undefined {
  const passed: string[] = [];
  if (size.customers > EMBEDDED_ADVISED_LIMIT.customerDocuments) passed.push(`${size.customers} customers (advised up to ${EMBEDDED_ADVISED_LIMIT.customerDocuments})`);
  if (size.bytesOnDisk > EMBEDDED_ADVISED_LIMIT.dataBytes) passed.push(`${(size.bytesOnDisk / 1024 ** 3).toFixed(1)} GB on disk (advised up to ${EMBEDDED_ADVISED_LIMIT.dataBytes / 1024 ** 3} GB)`);
  if (size.openedInMs > EMBEDDED_ADVISED_LIMIT.startSeconds * 1000) passed.push(`${Math.round(size.openedInMs / 1000)} s to open (advised up to ${EMBEDDED_ADVISED_LIMIT.startSeconds} s)`);
  if (passed.length === 0) return undefined;
  return `The embedded store holds ${passed.join(', ')}: move to MongoDB (docs/deployment.md, "Moving to MongoDB")`;
}
