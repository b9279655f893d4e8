import { describe, expect, it } from 'vitest';
import { choiceName } from '../src/components/useTemplates.js';
import { gradesOf, poolPath } from '../src/pages/pool/poolQuery.js';
import type { Template } from '../src/pages/register/templateForm.js';

// The pool table's search, filters, order and page as the request the server pages.
describe('the pool table’s request', () => {
  it('sends only what is set, and the page as limit and skip', () => {
    expect(poolPath({ page: 1, pageSize: 10 })).toBe('/api/pool?limit=10&skip=0');
    expect(poolPath({ q: '星云', grade: 'A', industry: 'software', sort: '-name', page: 3, pageSize: 10 })).toBe(`/api/pool?q=${encodeURIComponent('星云')}&grade=A&industry=software&sort=-name&limit=10&skip=20`);
    expect(poolPath({ reason: 'expired', sort: '-returnedAt', page: 1, pageSize: 20 })).toBe('/api/pool?reason=expired&sort=-returnedAt&limit=20&skip=0');
  });

  it('offers the grades the templates name, A–D until they arrive', () => {
    expect(gradesOf(undefined)).toEqual(['A', 'B', 'C', 'D']);
    const template = { industry: 'x', title: {}, version: 1, schema: { properties: { grade: { enum: ['B', 'A'] } } } } as Template;
    expect(gradesOf([template])).toEqual(['A', 'B']);
  });
});

describe('a choice by its display name', () => {
  const software = { industry: 'software', title: {}, version: 1, schema: {}, choices: { zh: { grade: { A: 'A 级（重点）' } } } } as unknown as Template;
  const trade = { industry: 'trade', title: {}, version: 1, schema: {} } as Template;
  it('uses the industry’s own name, else any template’s, else the code', () => {
    expect(choiceName([software, trade], 'software', 'grade', 'A', 'zh')).toBe('A 级（重点）');
    expect(choiceName([trade, software], 'trade', 'grade', 'A', 'zh')).toBe('A 级（重点）');
    expect(choiceName([software], 'software', 'grade', 'A', 'en')).toBe('A');
    expect(choiceName(undefined, 'software', 'grade', 'B', 'zh')).toBe('B');
  });
});
