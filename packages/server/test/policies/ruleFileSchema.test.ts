import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createTestApp } from '../testApp.js';
import type { TestApp } from '../testApp.js';
import { assignmentDraft } from './policyHelpers.js';

// The rule editor builds its forms from the served rule-file schema: every label it shows must be there in both languages.
let t: TestApp;
beforeEach(async () => {
  t = await createTestApp();
});
afterEach(async () => {
  await t.store.close();
});

type Schema = { title?: string; 'x-title'?: { zh?: string; en?: string }; properties?: Record<string, Schema>; 'x-choices'?: Record<string, Record<string, string>>; enum?: string[] };

describe('the rule-file schema served to the editor', () => {
  it('titles the file header, the rule and its outcome in Chinese and English, and names the hit policies', async () => {
    const response = await t.http.get('/api/schemas/rule-file').set('authorization', t.admin);
    expect(response.status).toBe(200);
    const schema = response.body as Schema & { $defs: Record<string, Schema> };
    const shown: Array<[string, Schema | undefined]> = [
      ...['version', 'title', 'description', 'hitPolicy'].map((name) => [name, schema.properties?.[name]] as [string, Schema | undefined]),
      ...['name', 'priority', 'description'].map((name) => [`rule.${name}`, schema.$defs['rule']?.properties?.[name]] as [string, Schema | undefined]),
      ['conditions', schema.$defs['topLevelCondition']],
      ['event.type', schema.$defs['event']?.properties?.['type']],
    ];
    for (const [name, property] of shown) {
      expect(property?.['x-title']?.zh, name).toMatch(/[\u4e00-\u9fff]/);
      expect(property?.['x-title']?.en, name).toBeTruthy();
    }
    expect(schema.properties?.['version']?.['x-title']?.zh).toBe('版本号');
    const hitPolicy = schema.properties?.['hitPolicy'];
    for (const language of ['zh', 'en']) expect(Object.keys(hitPolicy?.['x-choices']?.[language] ?? {}).sort()).toEqual([...(hitPolicy?.enum ?? [])].sort());
  });

  it('accepts facts named in both languages, and refuses a bilingual title missing a language on its path', async () => {
    const file = assignmentDraft();
    const saved = await t.http.put('/api/policies/assignment/draft').set('authorization', t.admin).send({ file, comment: 'titles' });
    expect(saved.status, JSON.stringify(saved.body)).toBe(200);
    (file.facts['productLine'] as Record<string, unknown>)['x-title'] = { en: 'Product line' };
    const refused = await t.http.put('/api/policies/assignment/draft').set('authorization', t.admin).send({ file, comment: 'titles' });
    expect(refused.status).toBe(422);
    expect(refused.body.error.details).toEqual(expect.arrayContaining([expect.objectContaining({ path: expect.stringMatching(/^\/file\/facts\/productLine\/x-title/) })]));
  });
});
