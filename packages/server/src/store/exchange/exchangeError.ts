/** Why an export or an import could not be made. */
export type ExchangeErrorCode =
  /** The folder to write is not empty. */
  | 'not-empty'
  /** The folder to read holds no export (no `indexes.json`), or is missing. */
  | 'not-an-export'
  /** A line of a collection's file is not an Extended JSON document crm-policy can store. */
  | 'bad-line'
  /** `indexes.json` is not a list of createIndexes commands. */
  | 'bad-indexes'
  /** Two documents share an `_id`, or the documents break a unique index. */
  | 'duplicate-key'
  /** The store is not the embedded one (MongoDB has its own tools). */
  | 'not-embedded'
  /** A collection has a name the export keeps for itself. */
  | 'name-taken';

/** An export or import refused or failed, naming the file and line when one is to blame. */
export class ExchangeError extends Error {
  override readonly name = 'ExchangeError';
  constructor(
    readonly code: ExchangeErrorCode,
    message: string,
    readonly where: { file?: string; line?: number } = {},
  ) {
    super(message);
  }
}
