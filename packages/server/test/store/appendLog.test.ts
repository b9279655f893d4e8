import { describe, expect, it } from 'vitest';
import { entryLine } from '../../src/store/embedded/appendLog.js';
import type { LogEntry } from '../../src/store/embedded/appendLog.js';

// A log line is written piece by piece into one buffer: it must be the same bytes as the entry's JSON in UTF-8.

const chinese = { _id: 'c1', name: '深圳市星云数据有限公司', note: 'emoji 😀, lone surrogate \ud800 and a quote "' };
const decision = { _id: 'd1', policy: 'claim-eligibility', facts: { customer: { name: '华兴电子' } } };

describe('a log line', () => {
  it('is the entry as JSON in UTF-8 with its newline, parts from their kept JSON included', () => {
    const entry: LogEntry = {
      tx: [
        { c: 'customers', put: [chinese] },
        { c: 'decisions', put: [decision, { ...decision, _id: 'd2' }], putJson: [JSON.stringify(decision), JSON.stringify({ ...decision, _id: 'd2' })] },
        { c: 'workloads', upd: [['rep0', { $inc: { active: 1 } }]] },
        { c: 'claims', del: ['x'] },
      ],
    };
    const line = entryLine(entry);
    const { putJson: _json, ...decisions } = (entry as { tx: LogEntry[] }).tx[1] as { putJson?: string[] };
    const expected = JSON.stringify({ tx: [{ c: 'customers', put: [chinese] }, decisions, { c: 'workloads', upd: [['rep0', { $inc: { active: 1 } }]] }, { c: 'claims', del: ['x'] }] });
    expect(line.equals(Buffer.from(`${expected}\n`))).toBe(true);
    expect(JSON.parse(line.toString('utf8'))).toEqual(JSON.parse(expected));
  });

  it('writes a single part the same way', () => {
    const line = entryLine({ c: 'customers', put: [chinese], putJson: [JSON.stringify(chinese)] });
    expect(line.toString('utf8')).toBe(`${JSON.stringify({ c: 'customers', put: [chinese] })}\n`);
  });
});
