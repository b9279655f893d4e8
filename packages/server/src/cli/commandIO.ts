/** What a server command writes to and reads from; commands never call process.exit. */
export interface CommandIO {
  out(text: string): void;
  err(text: string): void;
  /** The environment (DATA_DIR, MONGODB_URI), as the server reads it. */
  env: Readonly<Record<string, string | undefined>>;
  /** Relative paths are taken from here. */
  cwd: string;
}

/** Bad usage or input the user can fix: the command exits 2 with this message. */
export class CommandError extends Error {
  override readonly name = 'CommandError';
}
