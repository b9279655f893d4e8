import type { FieldRow } from './templateDraft.js';

/** A field name: letters, digits and underscores, starting with a letter (it is a key in every registration). */
export const FIELD_NAME = /^[A-Za-z][A-Za-z0-9_]{0,63}$/;

/** What can be wrong with one row, each shown on its own input. */
export type RowProblem = 'name' | 'duplicate' | 'options' | 'labelZh' | 'labelEn' | 'optionCode' | 'optionZh' | 'optionEn' | 'groupEmpty';

/** A row's place: its index, and a group's field's after its group's (`12.0`). */
export type RowKey = string;

/**
 * What is wrong with the rows before they are sent, by row: names, duplicates,
 * choices without options, labels and option names missing in a language, a group without fields.
 */
export function rowProblems(rows: readonly FieldRow[], prefix = ''): Map<RowKey, RowProblem[]> {
  const problems = new Map<RowKey, RowProblem[]>();
  rows.forEach((row, index) => {
    const key = `${prefix}${index}`;
    const found: RowProblem[] = [];
    if (!FIELD_NAME.test(row.name)) found.push('name');
    else if (rows.findIndex((other) => other.name === row.name) !== index) found.push('duplicate');
    if (row.kind === 'choice' && row.options.length === 0) found.push('options');
    if (!row.labels.zh.trim()) found.push('labelZh');
    if (!row.labels.en.trim()) found.push('labelEn');
    if (row.options.some((code, at) => !code.trim() || row.options.indexOf(code) !== at)) found.push('optionCode');
    if (row.options.some((code) => !row.optionNames.zh[code]?.trim())) found.push('optionZh');
    if (row.options.some((code) => !row.optionNames.en[code]?.trim())) found.push('optionEn');
    if (row.kind === 'object' && (row.children ?? []).length === 0) found.push('groupEmpty');
    if (found.length > 0) problems.set(key, found);
    for (const [childKey, childProblems] of rowProblems(row.kind === 'object' ? (row.children ?? []) : [], `${key}.`)) problems.set(childKey, childProblems);
  });
  return problems;
}
