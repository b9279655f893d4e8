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
