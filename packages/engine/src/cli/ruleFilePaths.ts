import { existsSync, readdirSync, statSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { UsageError } from './usageError.js';

/** The rule files a command works on: those named, or every `*.json` in the rules folder. */
export function ruleFilePaths(cwd: string, named: readonly string[], rulesDir = 'rules'): string[] {
  if (named.length > 0) {
    return named.map((path) => {
      const full = resolve(cwd, path);
      if (!existsSync(full)) throw new UsageError(`No such file: ${path}`);
      return full;
    });
  }
  const dir = resolve(cwd, rulesDir);
  if (!existsSync(dir) || !statSync(dir).isDirectory()) {
    throw new UsageError(`No rules folder at ${dir}; name rule files, or pass --rules <dir>`);
  }
  const files = readdirSync(dir)
    .filter((name) => name.endsWith('.json'))
    .sort()
    .map((name) => join(dir, name));
  if (files.length === 0) throw new UsageError(`No *.json rule files in ${dir}`);
  return files;
}
