import { describe, expect, it } from 'vitest';
import { matchOutput } from './matchOutput.js';
import { shellBlocks } from './shellBlocks.js';

// The comparison the docs tests rest on: a stale sample output must fail, values that vary at each run must not.
describe('matchOutput', () => {
  it('accepts the output as shown, ignoring trailing spaces and final newlines', () => {
    expect(matchOutput('tier: medium\nstatus: pending-approval', 'tier: medium  \nstatus: pending-approval\n\n')).toBe(true);
  });

  it('fails a stale sample: another version, a missing parameter, a line more or less', () => {
    const printed = 'assignment 1.1.0: assign {"team":"South China SME","ownership":"shared","strategy":"round-robin","coOwners":2}\nfired: sme-south';
    expect(matchOutput('assignment 1.0.0: assign {"team":"South China SME","ownership":"shared","strategy":"round-robin","coOwners":2}\nfired: sme-south', printed)).toBe(false);
    expect(matchOutput('assignment 1.1.0: assign {"team":"South China SME","ownership":"shared","strategy":"round-robin"}\nfired: sme-south', printed)).toBe(false);
    expect(matchOutput('assignment 1.1.0: assign {"team":"South China SME","ownership":"shared","strategy":"round-robin","coOwners":2}', printed)).toBe(false);
    expect(matchOutput(`${printed}\nfired: sme-north`, printed)).toBe(false);
  });

  it('lets … inside a line stand for any text on that line, and no more', () => {
    expect(matchOutput('{"_id":"…","status":"approved"}', '{"_id":"5c004c5e-838c","status":"approved"}')).toBe(true);
    expect(matchOutput('{"_id":"…","status":"approved"}', '{"_id":"5c004c5e-838c","status":"pending-approval"}')).toBe(false);
    expect(matchOutput('a … c', 'a b\nc')).toBe(false);
    // Regular-expression characters in the sample are text.
    expect(matchOutput('6 records in … s (2 changed)', '6 records in 0.0 s (2 changed)')).toBe(true);
    expect(matchOutput('a.c', 'abc')).toBe(false);
  });

  it('lets a line of … stand for any number of whole lines, none included', () => {
    const expected = 'rules that did not fire:\n  ✗ first\n  …\n  ✗ last';
    expect(matchOutput(expected, 'rules that did not fire:\n  ✗ first\n  ✗ last')).toBe(true);
    expect(matchOutput(expected, 'rules that did not fire:\n  ✗ first\n  ✗ a\n  ✗ b\n  ✗ last')).toBe(true);
    expect(matchOutput(expected, 'rules that did not fire:\n  ✗ first\n  ✗ a')).toBe(false);
    expect(matchOutput('head\n…', 'head\nmore\nlines')).toBe(true);
    expect(matchOutput('head\n…', 'header')).toBe(false);
    expect(matchOutput('…', 'anything\nat all')).toBe(true);
  });
});

describe('shellBlocks', () => {
  const page = [
    '<!-- not run: needs MongoDB -->',
    '```sh',
    'mongosh',
    '```',
    '',
    '```bash',
    'echo hi',
    '```',
    '',
    '```text output',
    'hi',
    '```',
    '<!-- run with the server stopped -->',
    '```sh',
    'npx crm-policy-server export --out ./export',
    '```',
    '```json',
    '{}',
    '```',
    '```console',
    '$ echo one',
    'one',
    '```',
  ].join('\n');

  it('finds each shell block with its marker and the output shown under it', () => {
    expect(shellBlocks(page)).toEqual([
      { line: 2, language: 'sh', code: 'mongosh', notRun: 'needs MongoDB', serverStopped: false },
      { line: 6, language: 'bash', code: 'echo hi', serverStopped: false, expectedOutput: 'hi' },
      { line: 14, language: 'sh', code: 'npx crm-policy-server export --out ./export', serverStopped: true },
      { line: 20, language: 'console', code: 'echo one', serverStopped: false },
    ]);
  });
});
