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
}
