import { pino } from 'pino';
import type { Logger as Pino } from 'pino';

/** Where the server writes what operators need to know. */
export interface Logger {
  info(message: string, fields?: Record<string, unknown>): void;
  warn(message: string, fields?: Record<string, unknown>): void;
  error(message: string, fields?: Record<string, unknown>): void;
  /** The pino logger underneath, when there is one: request logs go through it. */
  readonly pino?: Pino;
}

/** A Logger over a pino logger: one JSON object per line, the message under `msg`. */
export function pinoLogger(base: Pino): Logger {
  return {
    pino: base,
    info: (message, fields) => base.info(fields ?? {}, message),
    warn: (message, fields) => base.warn(fields ?? {}, message),
    error: (message, fields) => base.error(fields ?? {}, message),
  };
}

/**
 * JSON lines on standard error at `level` (default `LOG_LEVEL` or info),
 * written synchronously so nothing logged is lost when the process stops.
 */
export function jsonLogger(level = process.env['LOG_LEVEL'] ?? 'info'): Logger {
  return pinoLogger(pino({ level, base: { service: 'crm-policy', pid: process.pid }, timestamp: pino.stdTimeFunctions.isoTime }, pino.destination({ fd: 2, sync: true })));
}

/** The default logger: JSON lines on standard error. */
export const consoleLogger: Logger = jsonLogger();

/** A logger that keeps what it is told, for tests. */
export function memoryLogger(): Logger & { lines: Array<{ level: string; message: string; fields?: Record<string, unknown> }> } {
  const lines: Array<{ level: string; message: string; fields?: Record<string, unknown> }> = [];
  const push = (level: string) => (message: string, fields?: Record<string, unknown>) => void lines.push({ level, message, ...(fields ? { fields } : {}) });
  return { lines, info: push('info'), warn: push('warn'), error: push('error') };
}
