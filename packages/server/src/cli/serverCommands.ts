import { parseArgs } from 'node:util';
import { ExchangeError } from '../store/exchange/exchangeError.js';
import type { CommandIO } from './commandIO.js';
import { CommandError } from './commandIO.js';
import { exportCommand } from './exportCommand.js';
import { importCommand } from './importCommand.js';

export const SERVER_USAGE = `Usage: crm-policy-server [command]

  (no command)            start the server; the environment configures it (docs/deployment.md)
  export --out <dir>      write the embedded store in DATA_DIR as MongoDB Extended JSON, one file per
                          collection, with indexes.json and create-indexes.js (the server stopped)
  import --from <dir>     load such an export into an empty DATA_DIR
  help                    this text

Exit status: 0 success, 1 an unexpected failure, 2 bad usage or input (the message says what to fix).
`;

/** Runs a command of the server's CLI (not the server itself); returns the exit status. */
export async function runServerCommand(argv: readonly string[], io: CommandIO): Promise<number> {
  let parsed;
  try {
    parsed = parseArgs({ args: [...argv], allowPositionals: true, options: { out: { type: 'string' }, from: { type: 'string' }, help: { type: 'boolean', short: 'h' } } });
  } catch (error) {
    io.err(`${(error as Error).message}\n\n${SERVER_USAGE}`);
    return 2;
  }
  const { values, positionals } = parsed;
  const [command, ...extra] = positionals;
  if (values.help || command === 'help') {
    io.out(SERVER_USAGE);
    return 0;
  }
  if (command !== 'export' && command !== 'import') {
    io.err(`${command ? `Unknown command ${command}` : 'Give a command, or no argument at all to start the server'}\n\n${SERVER_USAGE}`);
    return 2;
  }
  try {
    if (extra.length > 0) throw new CommandError(`Unexpected ${extra.join(' ')}`);
    if (command === 'export') {
      if (values.from !== undefined) throw new CommandError('export takes --out <dir>, not --from');
      return await exportCommand(io, { out: values.out });
    }
    if (values.out !== undefined) throw new CommandError('import takes --from <dir>, not --out');
    return await importCommand(io, { from: values.from });
  } catch (error) {
    if (error instanceof CommandError || error instanceof ExchangeError) {
      io.err(`${error.message}\n`);
      return 2;
    }
    throw error;
  }
}
