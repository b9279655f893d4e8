import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import type { RuleDefinition, RuleFile } from '@crm-policy/engine';
import { runOrder, tableOf } from '../src/pages/rules/decisionTable/decisionTable.js';
import { addRow, copyRow, deleteRow, moveRow, setCell, setParam } from '../src/pages/rules/decisionTable/tableEdits.js';

// The decision table: a rule file read as rows in run order and columns per fact path, and every table edit written back to the same file.
const read = (path: string) => JSON.parse(readFileSync(new URL(`../../../${path}`, import.meta.url), 'utf8')) as RuleFile;
const claims = read('rules/claim-eligibility.json');
const assignment = read('rules/assignment.json');
const names = (file: RuleFile) => runOrder(file).map((index) => file.rules[index]!.name);
const rule = (name: string, priority: number | undefined, grade = 'A'): RuleDefinition => ({
  name,
  ...(priority !== undefined ? { priority } : {}),
  conditions: { all: [{ fact: 'customer', path: '$.grade', operator: 'equal', value: grade }] },
  event: { type: 'eligible', params: { protectionDays: 30 } },
});
const small = (rules: RuleDefinition[]) => ({ ...claims, rules }) as RuleFile;

describe('a rule file as a decision table', () => {
  it('has one row per rule, highest priority first and ties in file order', () => {
    const table = tableOf(small([rule('low', 1), rule('high', 50), rule('tie-1', 10), rule('tie-2', 10), rule('default', undefined)]));
    expect(table.rows.map((row) => row.rule.name)).toEqual(['high', 'tie-1', 'tie-2', 'low', 'default']);
    expect(table.rows.map((row) => row.index)).toEqual([1, 2, 3, 0, 4]);
  });

  it('has one column per fact path the flat rules compare, in first-use order, and the outcome params used', () => {
    const table = tableOf(claims);
    expect(table.inputs.slice(0, 3).map((column) => column.key)).toEqual(['existingClaim$.active', 'existingClaim$.holder.repId', 'customer$.blacklisted']);
    expect(new Set(table.inputs.map((column) => column.key)).size).toBe(table.inputs.length);
    expect(table.outcomeParams).toEqual(expect.arrayContaining(['reason', 'limit', 'protectionDays', 'dealDays']));
    const gradeC = table.rows.find((row) => row.rule.name === 'protect-grade-c')!;
    expect(gradeC.cells?.['customer$.grade']).toEqual([{ fact: 'customer', path: '$.grade', operator: 'equal', value: 'C' }]);
  });

  it('shows columns added for facts no rule compares yet after the used ones, once each, and empty in every row', () => {
    const file = small([rule('a', 1), rule('b', 2, 'B')]);
    const industry = { key: 'customer$.industry', fact: 'customer', path: '$.industry' };
    const table = tableOf(file, [industry, { key: 'customer$.grade', fact: 'customer', path: '$.grade' }]);
    expect(table.inputs.map((column) => column.key)).toEqual(['customer$.grade', 'customer$.industry']);
    expect(table.rows.every((row) => row.cells?.['customer$.industry'] === undefined)).toBe(true);
    // Filled in one row, the column is one the file uses: the same table without the added column.
    const filled = setCell(file, 0, industry.key, [{ fact: 'customer', path: '$.industry', operator: 'equal', value: 'software' }]);
    expect(tableOf(filled).inputs.map((column) => column.key)).toEqual(['customer$.grade', 'customer$.industry']);
    expect(filled.rules[0]!.conditions).toEqual({ all: [{ fact: 'customer', path: '$.grade', operator: 'equal', value: 'A' }, { fact: 'customer', path: '$.industry', operator: 'equal', value: 'software' }] });
  });

  it('leaves nested conditions out of the columns: their row has no cells', () => {
    const nested: RuleDefinition = { ...rule('nested', 5), conditions: { any: [{ fact: 'source', operator: 'equal', value: 'pool' }, { fact: 'source', operator: 'equal', value: 'lock' }] } };
    const table = tableOf(small([rule('flat', 1), nested]));
    expect(table.rows[0]!.index).toBe(1);
    expect(table.rows[0]!.cells).toBeUndefined();
    expect(table.inputs.map((column) => column.key)).toEqual(['customer$.grade']);
  });

  it('round-trips: table edits that change nothing leave the file as it was, and a cell edit changes only its comparison', () => {
    for (const file of [claims, assignment]) {
      const table = tableOf(file);
      let same = file;
      for (const row of table.rows) for (const [key, comparisons] of Object.entries(row.cells ?? {})) same = setCell(same, row.index, key, comparisons);
      expect(same).toEqual(file);
    }
    const index = claims.rules.findIndex((r) => r.name === 'protect-grade-c');
    const edited = setParam(claims, index, 'protectionDays', 45);
    expect(edited.rules[index]!.event.params).toEqual({ protectionDays: 45, dealDays: 90, remindDaysBefore: 3 });
    expect(edited.rules.filter((_, at) => at !== index)).toEqual(claims.rules.filter((_, at) => at !== index));
    const regraded = setCell(claims, index, 'customer$.grade', [{ fact: 'customer', path: '$.grade', operator: 'in', value: ['C', 'D'] }]);
    expect(regraded.rules[index]!.conditions).toEqual({ all: [{ fact: 'customer', path: '$.grade', operator: 'in', value: ['C', 'D'] }] });
  });

  it('adds a comparison in a new column at the end and empties a cell by removing its comparisons', () => {
    const file = small([rule('a', 1)]);
    const added = setCell(file, 0, 'source', [{ fact: 'source', operator: 'equal', value: 'pool' }]);
    expect(added.rules[0]!.conditions).toEqual({ all: [{ fact: 'customer', path: '$.grade', operator: 'equal', value: 'A' }, { fact: 'source', operator: 'equal', value: 'pool' }] });
    expect(setCell(added, 0, 'customer$.grade', []).rules[0]!.conditions).toEqual({ all: [{ fact: 'source', operator: 'equal', value: 'pool' }] });
  });

  it('copies a row right below it, named -copy then -copy-2, with the same priority', () => {
    const file = small([rule('a', 10), rule('b', 10), rule('c', 1)]);
    const once = copyRow(file, 0);
    expect(names(once)).toEqual(['a', 'a-copy', 'b', 'c']);
    expect(once.rules.find((r) => r.name === 'a-copy')).toMatchObject({ priority: 10, event: { params: { protectionDays: 30 } } });
    const twice = copyRow(once, 0);
    expect(names(twice)).toEqual(['a', 'a-copy-2', 'a-copy', 'b', 'c']);
    // A deep copy: editing the copy leaves the original alone.
    const copyIndex = twice.rules.findIndex((r) => r.name === 'a-copy-2');
    expect(setParam(twice, copyIndex, 'protectionDays', 99).rules[0]!.event.params).toEqual({ protectionDays: 30 });
  });

  it('reorders rows so that priority follows order, and runs the moved row where it was put', () => {
    const file = small([rule('a', 100), rule('b', 100), rule('c', 90), rule('d', 10)]);
    const up = moveRow(file, 3, 1);
    expect(names(up)).toEqual(['a', 'd', 'b', 'c']);
    expect(up.rules.find((r) => r.name === 'd')!.priority).toBe(100);
    const down = moveRow(file, 0, 2);
    expect(names(down)).toEqual(['b', 'c', 'a', 'd']);
    expect(down.rules.find((r) => r.name === 'a')!.priority).toBe(90);
    const between = moveRow(small([rule('a', 100), rule('b', 50), rule('c', 10)]), 0, 1);
    expect(names(between)).toEqual(['b', 'a', 'c']);
    expect(between.rules.map((r) => r.priority)).toEqual([50, 50, 10]);
    expect(moveRow(file, 0, 0)).toBe(file);
  });

  it('adds a row last and deletes a row', () => {
    const file = small([rule('a', 100), rule('b', 5)]);
    const added = addRow(file, rule('new', 1));
    expect(names(added)).toEqual(['a', 'b', 'new']);
    expect(added.rules.at(-1)!.priority).toBe(5);
    expect(names(deleteRow(added, 0))).toEqual(['b', 'new']);
  });
});
