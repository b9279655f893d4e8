/** Where the server writes what operators need to know. */
export interface Logger {
  info(message: string, fields?: Record<string, unknown>): void;
  warn(message: string, fields?: Record<string, unknown>): void;
  error(message: string, fields?: Record<string, unknown>): void;
}

/** One JSON line per event on standard error. */
export const consoleLogger: Logger = {
  info: (message, fields) => process.stderr.write(JSON.stringify({ level: 'info', message, ...fields }) + '\n'),
  warn: (message, fields) => process.stderr.write(JSON.stringify({ level: 'warn', message, ...fields }) + '\n'),
  error: (message, fields) => process.stderr.write(JSON.stringify({ level: 'error', message, ...fields }) + '\n'),
};

/** A logger that keeps what it is told, for tests. */
export function memoryLogger(): Logger & { lines: Array<{ level: string; message: string; fields?: Record<string, unknown> }> } {
  const lines: Array<{ level: string; message: string; fields?: Record<string, unknown> }> = [];
  const push = (level: string) => (message: string, fields?: Record<string, unknown>) => void lines.push({ level, message, ...(fields ? { fields } : {}) });
  return { lines, info: push('info'), warn: push('warn'), error: push('error') };
}
