import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createApp } from '../../src/app.js';
import { memoryLogger } from '../../src/logger.js';
import { createTestApp, shippedPolicies } from '../testApp.js';
import type { TestApp } from '../testApp.js';
import { assignmentDraft } from './policyHelpers.js';

let t: TestApp;
beforeEach(async () => {
  t = await createTestApp();
});
afterEach(async () => {
  await t.store.close();
});

const saveDraft = (file: unknown, comment = 'Guangdong SMEs to the new desk', language = 'en') =>
  t.http.put('/api/policies/assignment/draft').set('authorization', t.admin).set('accept-language', language).send({ file, comment });
const publish = (comment = 'go live') => t.http.post('/api/policies/assignment/publish').set('authorization', t.admin).send({ comment });
const smeFacts = { customer: { regionCode: '440305', type: 'company', employees: 40, industry: 'energy' }, productLine: 'crm', territory: { team: null, region: null } };

describe('policy versions', () => {
  it('go from draft to published to retired, and roll back, each step audited with its comment', async () => {
    const start = await t.http.get('/api/policies').set('authorization', t.admin);
    expect(start.body.policies.find((p: { policy: string }) => p.policy === 'assignment')).toMatchObject({ published: { version: '1.1.0', status: 'published' }, draft: null });
    const seeded = start.body.policies.find((p: { policy: string }) => p.policy === 'assignment').published._id as string;

    t.clock.now = new Date(t.clock.now.getTime() + 60_000);
    const saved = await saveDraft(assignmentDraft());
    expect(saved.status, JSON.stringify(saved.body)).toBe(200);
    expect(saved.body).toMatchObject({ draft: { status: 'draft', version: '1.2.0' }, warnings: [], tests: { failed: 0 } });
    expect(saved.body.tests.passed).toBeGreaterThan(40);
    // The draft decides nothing yet.
    expect((await t.services.livePolicies.live('assignment')().decide(smeFacts)).outcome.params?.['team']).toBe('South China SME');

    const published = await publish('深圳新团队上线');
    expect(published.status, JSON.stringify(published.body)).toBe(200);
    expect(published.body).toMatchObject({ version: '1.2.0', status: 'published', comment: '深圳新团队上线' });
    const decision = await t.services.livePolicies.live('assignment')().decide(smeFacts);
    expect(decision).toMatchObject({ version: '1.2.0', outcome: { params: { team: 'Shenzhen Desk' } } });
    const versions = (await t.http.get('/api/policies/assignment/versions').set('authorization', t.admin)).body.versions;
    expect(versions.map((v: { version: string; status: string }) => [v.version, v.status])).toEqual([
      ['1.2.0', 'published'],
      ['1.1.0', 'retired'],
    ]);
    // Saving again with a version that exists is refused.
    expect((await saveDraft(assignmentDraft('1.1.0'))).body.error).toMatchObject({ code: 'invalid', details: [{ path: '/file/version' }] });

    const rolledBack = await t.http.post('/api/policies/assignment/rollback').set('authorization', t.admin).send({ versionId: seeded, comment: '新团队未到岗，回退' });
    expect(rolledBack.status, JSON.stringify(rolledBack.body)).toBe(200);
    // A rollback publishes a new version with 1.1.0's rules and its own comment; 1.1.0 keeps its own.
    expect(rolledBack.body).toMatchObject({ version: '1.2.1', status: 'published', comment: '新团队未到岗，回退', rolledBackFrom: { _id: seeded, version: '1.1.0' }, file: { version: '1.2.1' } });
    expect(rolledBack.body._id).not.toBe(seeded);
    expect((await t.services.livePolicies.live('assignment')().decide(smeFacts))).toMatchObject({ version: '1.2.1', outcome: { params: { team: 'South China SME' } } });
    const seededNow = (await t.http.get(`/api/policies/assignment/versions/${seeded}`).set('authorization', t.admin)).body;
    expect(seededNow).toMatchObject({ status: 'retired', comment: 'Loaded from the rules folder at first start', createdBy: { id: 'system' } });
    expect((await t.http.post('/api/policies/assignment/rollback').set('authorization', t.admin).send({ versionId: rolledBack.body._id, comment: 'again' })).status).toBe(409);

    const audit = (await t.http.get('/api/audit?limit=50').set('authorization', t.admin)).body.entries.filter((e: { action: string }) => e.action.startsWith('policy.'));
    expect(audit.map((e: { action: string; data: { comment: string } }) => [e.action, e.data.comment]).sort()).toEqual([
      ['policy.draft-saved', 'Guangdong SMEs to the new desk'],
      ['policy.published', '深圳新团队上线'],
      ['policy.rolled-back', '新团队未到岗，回退'],
    ]);
    expect(audit.every((e: { actor: { username: string } }) => e.actor.username === 'admin')).toBe(true);
    const events = (await t.http.get('/api/events?type=policy.published').set('authorization', t.admin)).body.events;
    expect(events.map((e: { data: { version: string } }) => e.data.version)).toEqual(['1.2.0', '1.2.1']);
  });

  it('mark the version seeded from the rules folder by its origin, and no version a person wrote', async () => {
    for (const policy of ['assignment', 'claim-eligibility', 'credit-risk']) {
      const published = (await t.http.get(`/api/policies/${policy}/versions/published`).set('authorization', t.admin)).body;
      expect(published, policy).toMatchObject({ origin: 'rules-folder', comment: 'Loaded from the rules folder at first start', createdBy: { id: 'system' } });
    }
    const seeded = (await t.http.get('/api/policies/assignment/versions/published').set('authorization', t.admin)).body._id as string;
    const later = () => (t.clock.now = new Date(t.clock.now.getTime() + 60_000));
    later();
    expect((await saveDraft(assignmentDraft())).status).toBe(200);
    expect((await publish()).status).toBe(200);
    later();
    expect((await t.http.post('/api/policies/assignment/rollback').set('authorization', t.admin).send({ versionId: seeded, comment: 'back' })).status).toBe(200);
    const versions = (await t.http.get('/api/policies/assignment/versions').set('authorization', t.admin)).body.versions as Array<{ _id: string; origin?: string }>;
    expect(versions.map((v) => [v._id === seeded, v.origin ?? null])).toEqual([
      [false, null],
      [false, null],
      [true, 'rules-folder'],
    ]);
  });

  it('name a failing test by its title in the caller’s language when a rollback is refused', async () => {
    const seeded = await t.services.policyVersions.published('assignment');
    const file = structuredClone(seeded.file);
    file.version = '1.0.9';
    file.tests![0]!.expect.outcome = { type: 'assign', params: { team: 'Nobody' } };
    await t.services.policyVersions.versions.insertOne({ ...seeded, _id: 'old-failing', version: '1.0.9', status: 'retired', file, comment: 'an old version' });
    const refused = await t.http.post('/api/policies/assignment/rollback').set('authorization', t.admin).set('accept-language', 'zh').send({ versionId: 'old-failing', comment: '回退' });
    expect(refused.status).toBe(422);
    expect(refused.body.error.code).toBe('tests-failed');
    expect(refused.body.error.details.map((d: { message: string }) => d.message.split(':')[0])).toEqual([file.tests![0]!.title!.zh]);
    expect(refused.body.error.tests.failures.map((f: { name: string }) => f.name)).toEqual([file.tests![0]!.name]);
  });

  it('refuse an invalid draft with JSON Pointers and messages in the caller’s language, a missing comment, and non-admins', async () => {
    const broken = assignmentDraft() as unknown as { rules: Array<{ conditions: { all: Array<{ fact: string }> } }> };
    broken.rules[0]!.conditions.all[0]!.fact = 'customre';
    const zh = await saveDraft(broken, 'typo', 'zh-CN');
    expect(zh.status).toBe(422);
    expect(zh.body.error.details[0]).toMatchObject({ path: '/file/rules/0/conditions/all/0/fact', code: 'fact-undeclared' });
    expect(zh.body.error.details[0].message).toMatch(/[\u4e00-\u9fff]/);
    expect((await saveDraft(broken, 'typo', 'en')).body.error.details[0].message).toMatch(/customre/);
    expect((await t.http.put('/api/policies/assignment/draft').set('authorization', t.admin).send({ file: assignmentDraft() })).body.error.details[0].path).toBe('/comment');
    expect((await t.http.put('/api/policies/claim-eligibility/draft').set('authorization', t.admin).send({ file: assignmentDraft(), comment: 'wrong kind' })).body.error.details[0].path).toBe('/file/policy');
    expect((await t.http.put('/api/policies/pricing/draft').set('authorization', t.admin).send({ file: assignmentDraft(), comment: 'x' })).status).toBe(404);
    const manager = await t.user('mo.jie', 'manager', [await t.team('South')]);
    expect((await t.http.put('/api/policies/assignment/draft').set('authorization', manager.auth).send({ file: assignmentDraft(), comment: 'x' })).status).toBe(403);
    expect(await t.services.policyVersions.versions.countDocuments({ status: 'draft' })).toBe(0);
  });

  it('says a version number is taken first, on its field, even when the file has other problems', async () => {
    const broken = assignmentDraft('1.1.0') as unknown as { rules: Array<{ conditions: { all: Array<{ fact: string }> } }> };
    broken.rules[0]!.conditions.all[0]!.fact = 'customre';
    const refused = await saveDraft(broken, 'typo', 'zh-CN');
    expect(refused.status).toBe(422);
    expect(refused.body.error.details[0]).toMatchObject({ path: '/file/version', message: '该版本号已存在，请换一个' });
    expect(refused.body.error.details.map((d: { path: string }) => d.path)).toContain('/file/rules/0/conditions/all/0/fact');
  });

  it('says a version number is taken in the caller’s language, at the top as on the field', async () => {
    // 1.1.0 is the shipped, published version.
    const refused = await saveDraft(assignmentDraft('1.1.0'), 'again', 'zh-CN');
    expect(refused.status).toBe(422);
    expect(refused.body.error.details).toEqual([{ path: '/file/version', message: '该版本号已存在，请换一个' }]);
    expect(refused.body.error.message).toBe('assignment 已有版本 1.1.0：请给草稿一个新的版本号');
  });

  it('will not publish while one of the draft’s tests fails', async () => {
    const file = assignmentDraft();
    file.tests!.push({ name: 'a Guangdong SME goes to South China SME', facts: smeFacts, expect: { outcome: { type: 'assign', params: { team: 'South China SME' } } } });
    const saved = await saveDraft(file);
    expect(saved.status).toBe(200);
    expect(saved.body.tests).toMatchObject({ failed: 1, failures: [{ name: 'a Guangdong SME goes to South China SME' }] });
    const refused = await publish();
    expect(refused.status).toBe(422);
    expect(refused.body.error).toMatchObject({ code: 'tests-failed', tests: { failed: 1 }, details: [{ path: '/file/tests' }] });
    expect((await t.http.get('/api/policies/assignment/versions/published').set('authorization', t.admin)).body.version).toBe('1.1.0');
  });

  it('shows the diff and the warnings an admin should read before publishing', async () => {
    const file = assignmentDraft();
    file.rules.push({ name: 'both-coasts', priority: 26, conditions: { all: [{ fact: 'customer', path: '$.regionCode', operator: 'inRegion', value: '44' }, { fact: 'customer', path: '$.regionCode', operator: 'inRegion', value: '31' }] }, event: { type: 'assign', params: { team: 'Coasts', ownership: 'dedicated', strategy: 'least-loaded' } } });
    const saved = await saveDraft(file);
    expect(saved.body.warnings.map((w: { code: string; pointer: string }) => [w.code, w.pointer])).toEqual([['rule-contradictory', `/rules/${file.rules.length - 1}`]]);
    const diff = await t.http.get('/api/policies/assignment/diff').set('authorization', t.admin);
    expect(diff.body.diff).toMatchObject({ version: { from: '1.1.0', to: '1.2.0' }, rules: { added: ['sme-guangdong-energy', 'both-coasts'], removed: [], changed: [] } });
  });

  it('switches every decision atomically: each is decided and recorded by one version, under concurrent load', async () => {
    await saveDraft(assignmentDraft());
    const live = t.services.livePolicies.live('assignment');
    const batch = () => Promise.all(Array.from({ length: 20 }, () => live().decide(smeFacts)));
    let published = false;
    const publishing = publish().then((response) => {
      published = response.status === 200;
      return response;
    });
    const made = [...(await batch())];
    while (!published && made.length < 20_000) made.push(...(await batch()));
    expect((await publishing).status).toBe(200);
    made.push(...(await batch()));
    expect((await t.http.get('/api/policies/assignment/versions/published').set('authorization', t.admin)).body.version).toBe('1.2.0');
    const byVersion = new Map<string, Set<unknown>>();
    for (const d of made) byVersion.set(d!.version, (byVersion.get(d!.version) ?? new Set()).add(d!.outcome.params?.['team']));
    expect([...byVersion.keys()].sort()).toEqual(['1.1.0', '1.2.0']);
    for (const [version, teams] of byVersion) expect([...teams], version).toEqual([version === '1.2.0' ? 'Shenzhen Desk' : 'South China SME']);
    const recorded = await t.services.decisionLog.decisions.find({ policy: 'assignment' });
    expect(recorded).toHaveLength(made.length);
    const versionIds = new Map((await t.services.policyVersions.versions.find({ policy: 'assignment' })).map((v) => [v._id, v.version]));
    expect(recorded.every((r) => versionIds.get(r.versionId) === r.version)).toBe(true);
    expect(recorded.every((r) => r.outcome.params?.['team'] === (r.version === '1.2.0' ? 'Shenzhen Desk' : 'South China SME'))).toBe(true);
  });

  it('reaches another server process on the same store at its next refresh', async () => {
    const other = await createApp({ store: t.store, policies: await shippedPolicies(), templates: [], logger: memoryLogger(), config: { tokenSecret: 'another-test-secret-that-is-long-enough' } });
    expect(other.services.livePolicies.current('assignment').policy.ruleFile.version).toBe('1.1.0');
    await saveDraft(assignmentDraft());
    await publish();
    expect(await other.services.livePolicies.refresh()).toEqual(['assignment']);
    expect((await other.services.livePolicies.live('assignment')().decide(smeFacts)).outcome.params?.['team']).toBe('Shenzhen Desk');
  });

  it('tries one set of facts on the draft or the published version, explained, recording nothing', async () => {
    await saveDraft(assignmentDraft());
    const tried = await t.http.post('/api/policies/assignment/try').set('authorization', t.admin).send({ facts: smeFacts });
    expect(tried.status, JSON.stringify(tried.body)).toBe(200);
    expect(tried.body).toMatchObject({ version: { version: '1.2.0', status: 'draft' }, decision: { outcome: { params: { team: 'Shenzhen Desk' } }, fired: ['sme-guangdong-energy'] } });
    expect(tried.body.words).toContain('sme-guangdong-energy');
    const published = await t.http.post('/api/policies/assignment/try').set('authorization', t.admin).send({ facts: smeFacts, version: 'published' });
    expect(published.body.decision.outcome.params.team).toBe('South China SME');
    const bad = await t.http.post('/api/policies/assignment/try').set('authorization', t.admin).set('accept-language', 'zh-CN').send({ facts: { ...smeFacts, customer: { ...smeFacts.customer, employees: 'many' } } });
    expect(bad.status).toBe(422);
    expect(bad.body.error.details[0].path).toBe('/facts/customer/employees');
    expect(await t.services.decisionLog.decisions.countDocuments({})).toBe(0);
  });
});
