/** Bad usage or bad input: the CLI exits 2 with this message. */
export class UsageError extends Error {
  override readonly name = 'UsageError';
}

/** What a command writes and returns; commands never call process.exit. */
export interface CommandIO {
  out(text: string): void;
  err(text: string): void;
  readStdin(): Promise<string>;
  cwd: string;
  /** Environment variables (export reads its credentials there). */
  env?: Readonly<Record<string, string | undefined>>;
  /** Redraws a progress line in place; only when standard error is a terminal. */
  progress?(text: string): void;
}
