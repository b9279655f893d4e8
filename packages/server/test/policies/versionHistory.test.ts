import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createTestApp } from '../testApp.js';
import type { TestApp } from '../testApp.js';
import { assignmentDraft } from './policyHelpers.js';

let t: TestApp;
beforeEach(async () => {
  t = await createTestApp();
});
afterEach(async () => {
  await t.store.close();
});

/** What must never change once a version has left the draft: its number, comment, author and rules. */
async function written(): Promise<Map<string, string>> {
  const docs = await t.services.policyVersions.versions.find({ status: { $ne: 'draft' } });
  return new Map(docs.map((doc) => [doc._id, JSON.stringify({ version: doc.version, comment: doc.comment, createdBy: doc.createdBy, file: doc.file })]));
}

describe('policy version history', () => {
  it('is append-only: no route changes a written version’s comment, author or rules, and every version stays', async () => {
    const history = new Map<string, string>();
    const step = async (what: string, request: () => Promise<{ status: number; body: unknown }>, status: number) => {
      t.clock.now = new Date(t.clock.now.getTime() + 60_000);
      const answer = await request();
      expect(answer.status, `${what}: ${JSON.stringify(answer.body)}`).toBe(status);
      const now = await written();
      for (const [id, before] of history) expect(now.get(id), `${what} changed or removed version ${id}`).toBe(before);
      for (const [id, doc] of now) history.set(id, doc);
    };
    const admin = (method: 'put' | 'post', path: string, body: object) => t.http[method](path).set('authorization', t.admin).send(body);
    await step('start', () => Promise.resolve({ status: 200, body: null }), 200);
    const seeded = [...history.keys()].find((id) => history.get(id)!.includes('"assignment"'))!;

    await step('save a draft', () => admin('put', '/api/policies/assignment/draft', { file: assignmentDraft('1.2.0'), comment: 'draft one' }), 200);
    await step('publish it', () => admin('post', '/api/policies/assignment/publish', { comment: 'publish one' }), 200);
    await step('save a draft with a taken version', () => admin('put', '/api/policies/assignment/draft', { file: assignmentDraft('1.1.0'), comment: 'taken' }), 422);
    const failing = assignmentDraft('1.3.0', 'Other Desk');
    failing.tests!.push({ name: 'fails', facts: failing.tests![0]!.facts, expect: { outcome: { type: 'nothing' } } });
    await step('save a draft whose test fails', () => admin('put', '/api/policies/assignment/draft', { file: failing, comment: 'draft two' }), 200);
    await step('publish a failing draft', () => admin('post', '/api/policies/assignment/publish', { comment: 'refused' }), 422);
    await step('roll back to the seeded version', () => admin('post', '/api/policies/assignment/rollback', { versionId: seeded, comment: 'back to the start' }), 200);
    const published = [...history.keys()].find((id) => history.get(id)!.includes('"publish one"'))!;
    await step('roll back to the first publish', () => admin('post', '/api/policies/assignment/rollback', { versionId: published, comment: 'forward again' }), 200);
    await step('roll back to it once more', () => admin('post', '/api/policies/assignment/rollback', { versionId: published, comment: 'twice' }), 200);
    await step('discard the draft', () => admin('post', '/api/policies/assignment/draft/discard', { comment: 'not now' }), 204);

    const versions = (await t.http.get('/api/policies/assignment/versions').set('authorization', t.admin)).body.versions as Array<{ version: string; comment: string; status: string }>;
    expect(versions.map((v) => [v.version, v.comment])).toEqual([
      // The draft held 1.3.0, so the rollbacks take the patches above it.
      ['1.3.3', 'twice'],
      ['1.3.2', 'forward again'],
      ['1.3.1', 'back to the start'],
      ['1.2.0', 'publish one'],
      ['1.1.0', 'Loaded from the rules folder at first start'],
    ]);
    expect(versions.filter((v) => v.status === 'published')).toHaveLength(1);
  });
});
