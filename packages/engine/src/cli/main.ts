import { parseArgs } from 'node:util';
import { evaluateCommand } from './evaluateCommand.js';
import { exportCommand } from './exportCommand.js';
import { simulateCommand } from './simulateCommand.js';
import { testCommand } from './testCommand.js';
import type { CommandIO } from './usageError.js';
import { UsageError } from './usageError.js';
import { validateCommand } from './validateCommand.js';

export const USAGE = `Usage: crm-policy <command> [options]

Commands:
  validate [files...]                 check rule files (default: rules/*.json)
  evaluate <policy> --facts <file|->  decide one facts object, or JSON Lines (one per line)
      [--rules dir] [--now ISO-date] [--json] [--lang en|zh] [--verbose]
  test [files...]                     run the rule files' own tests
  export [policies...] --server <url> write the server's published versions into the rules folder
      (signs in with CRM_POLICY_API_KEY or CRM_POLICY_TOKEN)
  simulate <policy> --draft <file> --records <file.jsonl>
      [--rules dir] [--changes out.jsonl] [--json]
                                      re-decide records under the rules folder's file and a draft: what changes

Options:
  --rules <dir>   folder of rule files (default: ./rules)
  --json          machine-readable output
  --lang en|zh    language of explanations (default en)
  -v, --verbose   explain every evaluated rule in full
  -h, --help      this text

Exit status: 0 success, 1 a validation or a test failed, 2 bad usage or bad input.`;

/** Runs the CLI with the given arguments; returns the exit status. */
export async function runCli(argv: readonly string[], io: CommandIO): Promise<number> {
  let parsed;
  try {
    parsed = parseArgs({
      args: [...argv],
      allowPositionals: true,
      options: {
        facts: { type: 'string' },
        rules: { type: 'string' },
        now: { type: 'string' },
        json: { type: 'boolean' },
        lang: { type: 'string' },
        help: { type: 'boolean', short: 'h' },
        verbose: { type: 'boolean', short: 'v' },
        draft: { type: 'string' },
        records: { type: 'string' },
        changes: { type: 'string' },
        server: { type: 'string' },
      },
    });
  } catch (error) {
    io.err(`${(error as Error).message}\n\n${USAGE}`);
    return 2;
  }
  const { values, positionals } = parsed;
  const [command, ...rest] = positionals;
  if (values.help || command === 'help') {
    io.out(USAGE);
    return 0;
  }
  try {
    if (values.lang !== undefined && values.lang !== 'en' && values.lang !== 'zh') {
      throw new UsageError(`--lang must be en or zh, got "${values.lang}"`);
    }
    const rules = values.rules !== undefined ? { rules: values.rules } : {};
    switch (command) {
      case 'validate':
        return await validateCommand(io, rest, { ...rules, json: values.json ?? false });
      case 'test':
        return await testCommand(io, rest, rules);
      case 'evaluate':
        if (rest.length > 1) throw new UsageError(`evaluate takes one policy, got ${rest.join(' ')}`);
        return await evaluateCommand(io, rest[0], {
          ...rules,
          ...(values.facts !== undefined ? { facts: values.facts } : {}),
          ...(values.now !== undefined ? { now: values.now } : {}),
          json: values.json ?? false,
          verbose: values.verbose ?? false,
          lang: (values.lang as 'en' | 'zh' | undefined) ?? 'en',
        });
      case 'export':
        return await exportCommand(io, rest, { ...rules, ...(values.server !== undefined ? { server: values.server } : {}) });
      case 'simulate':
        if (rest.length > 1) throw new UsageError(`simulate takes one policy, got ${rest.join(' ')}`);
        return await simulateCommand(io, rest[0], {
          ...rules,
          ...(values.draft !== undefined ? { draft: values.draft } : {}),
          ...(values.records !== undefined ? { records: values.records } : {}),
          ...(values.changes !== undefined ? { changes: values.changes } : {}),
          json: values.json ?? false,
        });
      case undefined:
        throw new UsageError('Name a command');
      default:
        throw new UsageError(`Unknown command "${command}"`);
    }
  } catch (error) {
    if (error instanceof UsageError) {
      io.err(`crm-policy: ${error.message}\n\n${USAGE}`);
      return 2;
    }
    throw error;
  }
}

/** The process entry: real standard streams and exit status. */
export async function main(): Promise<void> {
  const io: CommandIO = {
    out: (text) => process.stdout.write(text + '\n'),
    err: (text) => process.stderr.write(text + '\n'),
    readStdin: async () => {
      const chunks: Buffer[] = [];
      for await (const chunk of process.stdin) chunks.push(chunk as Buffer);
      return Buffer.concat(chunks).toString('utf8');
    },
    cwd: process.cwd(),
    env: process.env,
    ...(process.stderr.isTTY ? { progress: (text: string) => void process.stderr.write(`\r${text}\x1b[K`) } : {}),
  };
  try {
    process.exitCode = await runCli(process.argv.slice(2), io);
  } catch (error) {
    process.stderr.write(`crm-policy: internal error: ${(error as Error).stack ?? String(error)}\n`);
    process.exitCode = 1;
  }
}
