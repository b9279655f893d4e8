import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEMO_DIRECTOR, DEMO_PASSWORD, DEMO_TEAMS, loadDemoOrganisation } from '../../src/demo/demoOrganisation.js';
import { createTestApp } from '../testApp.js';
import type { TestApp } from '../testApp.js';

// The demo organisation (what `npm run seed:demo` loads) against the shipped assignment rules: a leaving rep's book moves to named people.
const ROOT = fileURLToPath(new URL('../../../../', import.meta.url));
const shippedRules = JSON.parse(readFileSync(join(ROOT, 'rules/assignment.json'), 'utf8')) as { rules: Array<{ name: string; event: { params?: { team?: string } } }> };

let t: TestApp;
const auth: Record<string, string> = {};
const teamId: Record<string, string> = {};
beforeAll(async () => {
  t = await createTestApp();
  await loadDemoOrganisation(t.services, { customersPerRep: 6 });
  for (const username of ['zhou.min', 'sun.hao', 'li.na', DEMO_DIRECTOR.username]) auth[username] = await t.login(username, DEMO_PASSWORD);
  for (const team of await t.services.users.teams.find({})) teamId[team.name] = team._id;
}, 30_000);
afterAll(async () => {
  await t.store.close();
});

const userId = async (username: string) => (await t.services.users.users.findOne({ username }))!._id;

describe('the demo organisation and the shipped assignment rules', () => {
  it('has every team a shipped assignment rule names', () => {
    const named = shippedRules.rules.map((rule) => rule.event.params?.team).filter((team): team is string => typeof team === 'string');
    expect(named.length).toBeGreaterThan(10);
    expect(named.filter((team) => !(team in teamId))).toEqual([]);
  });

  it('routes a new Shenzhen SME to the staffed South China SME team', async () => {
    const created = await t.http.post('/api/leads').set('authorization', t.admin).send({ companyName: '深圳市示例路由科技有限公司', region: '440305', type: 'company', employees: 120, industry: 'technology' });
    expect(created.status).toBe(201);
    expect(created.body.assignment).toMatchObject({ status: 'assigned', team: 'South China SME' });
  });

  it('moves a leaving rep’s whole book to named colleagues: the team’s manager proposes, the director decides', async () => {
    const leaving = await userId('li.na');
    const held = await t.services.claims.claims.countDocuments({ status: 'active', ownerIds: leaving });
    expect(held).toBeGreaterThan(0);
    const proposed = await t.http.post('/api/reassignments').set('authorization', auth['zhou.min']!).set('accept-language', 'zh-CN').send({ kind: 'book', repId: leaving });
    expect(proposed.status).toBe(201);
    expect(proposed.body.impact.customers).toBe(held);
    expect(proposed.body.impact.moves.filter((move: { to: unknown }) => move.to === null)).toEqual([]);
    expect(proposed.body.mayDecide).toBe(false);
    expect(proposed.body.deciders).toEqual([DEMO_DIRECTOR.displayName]);
    expect(proposed.body.subject).toBe('李娜');

    const decided = await t.http.post(`/api/reassignments/${proposed.body._id}/decision`).set('authorization', auth[DEMO_DIRECTOR.username]!).send({ approve: true, comment: '李娜离职' });
    expect(decided.status).toBe(200);
    expect(decided.body.result).toMatchObject({ moved: held, queued: 0 });
    const staying = DEMO_TEAMS[0]!.reps.filter((rep) => rep.username !== 'li.na').map((rep) => rep.displayName);
    for (const outcome of decided.body.result.outcomes) {
      expect(outcome).toMatchObject({ status: 'moved', teamName: 'South China SME' });
      for (const owner of outcome.owners) expect(staying).toContain(owner);
    }
    expect(await t.services.claims.claims.countDocuments({ status: 'active', ownerIds: leaving })).toBe(0);
    expect(await t.services.assignment.queue.countDocuments({})).toBe(0);
  });
});

describe('why a customer is not routed, in the caller’s language', () => {
  it('names the team without members and who adds them, in the impact and in the queue', async () => {
    // Guangzhou Enterprise exists (a rule names it) but nobody works in it yet.
    const book = await t.http.post('/api/reassignments').set('authorization', t.admin).set('accept-language', 'zh-CN').send({ kind: 'book', repId: await userId('he.xin'), toTeamId: teamId['Guangzhou Enterprise'] });
    expect(book.status).toBe(201);
    const [move] = book.body.impact.moves;
    expect(move.to).toBeNull();
    expect(move.why).toMatchObject({ code: 'no-members', team: 'Guangzhou Enterprise', role: 'inside' });
    expect(move.reasonText).toContain('团队“Guangzhou Enterprise”没有可分配的内勤销售');
    expect(move.reasonText).toContain('经理');

    const lead = await t.http.post('/api/leads').set('authorization', t.admin).send({ companyName: '广州市大型示例集团有限公司', region: '440106', type: 'company', employees: 5000, industry: 'retail' });
    expect(lead.body.assignment).toMatchObject({ status: 'queued', why: { code: 'no-members', team: 'Guangzhou Enterprise' } });
    const en = await t.http.get('/api/assignment/queue').set('authorization', auth['zhou.min']!).set('accept-language', 'en');
    const entry = en.body.queue.find((q: { customerId: string }) => q.customerId === lead.body.customerId);
    expect(entry.reasonText).toMatch(/^Team "Guangzhou Enterprise" has no available inside-sales members\. The team's manager adds/);
    const retried = await t.http.post(`/api/assignment/queue/${lead.body.customerId}/retry`).set('authorization', t.admin).set('accept-language', 'zh-CN');
    expect(retried.body).toMatchObject({ status: 'queued', why: { code: 'no-members' } });
    expect(retried.body.reasonText).toContain('Guangzhou Enterprise');
  });

  it('names the rule and the missing team, and where an admin fixes it', async () => {
    const bare = await createTestApp();
    try {
      const lead = await bare.http.post('/api/leads').set('authorization', bare.admin).send({ companyName: '深圳市无团队示例有限公司', region: '440305', type: 'company', employees: 80, industry: 'retail' });
      expect(lead.body.assignment).toMatchObject({ status: 'queued', why: { code: 'missing-team', rule: 'sme-south', team: 'South China SME' } });
      const zh = await bare.http.get('/api/assignment/queue').set('authorization', bare.admin).set('accept-language', 'zh-CN');
      expect(zh.body.queue[0].reasonText).toBe('分配规则“sme-south”把客户分给团队“South China SME”，但组织中没有这个团队。请管理员新建团队“South China SME”，或在“规则”页修改这条分配规则。');
      const en = await bare.http.get('/api/assignment/queue').set('authorization', bare.admin).set('accept-language', 'en');
      expect(en.body.queue[0].reasonText).toContain('Assignment rule "sme-south" sends this customer to team "South China SME", which does not exist');
    } finally {
      await bare.store.close();
    }
  });

  it('says no rule matches the customer’s region, industry and size when the policy’s default answers', async () => {
    const { createPolicy } = await import('@crm-policy/engine');
    const file = JSON.parse(readFileSync(join(ROOT, 'rules/assignment.json'), 'utf8'));
    const onlySouth = await createPolicy({ ...file, rules: file.rules.filter((rule: { name: string }) => rule.name === 'sme-south'), tests: [] }, { verify: false });
    const narrow = await createTestApp({ policies: { assignment: onlySouth } });
    try {
      const lead = await narrow.http.post('/api/leads').set('authorization', narrow.admin).send({ companyName: '北京市规则外示例有限公司', region: '110108', type: 'company', employees: 2000, industry: 'finance' });
      expect(lead.body.assignment).toMatchObject({ status: 'queued', why: { code: 'no-rule', region: '110108', industry: 'finance', size: 'large' } });
      const zh = await narrow.http.get('/api/assignment/queue').set('authorization', narrow.admin).set('accept-language', 'zh-CN');
      expect(zh.body.queue[0].reasonText).toContain('没有分配规则匹配此客户（地区：北京市 · 海淀区，行业：金融，规模：大型企业');
    } finally {
      await narrow.store.close();
    }
  });
});

describe('finding a customer to move by name', () => {
  interface Found {
    customerId: string;
    name: string;
    regionName: string;
    teamName: string;
    owners: string[];
  }

  it('finds a manager’s own teams’ customers by part of the name, with region name and owners', async () => {
    const found = await t.http.get('/api/customers/search').query({ q: '深圳' }).set('authorization', auth['zhou.min']!);
    expect(found.status).toBe(200);
    const customers = found.body.customers as Found[];
    expect(customers.length).toBeGreaterThan(0);
    for (const customer of customers) {
      expect(customer.name).toContain('深圳');
      expect(customer.teamName).toBe('South China SME');
      expect(customer.regionName).toMatch(/^广东省 · 深圳市 · /);
      expect(customer.owners.length).toBeGreaterThan(0);
    }
  });

  it('finds nothing of another team’s, and refuses in the caller’s language to move it', async () => {
    const south = (await t.http.get('/api/customers/search').query({ q: '深圳' }).set('authorization', t.admin)).body.customers as Found[];
    expect(south.length).toBeGreaterThan(0);
    const east = await t.http.get('/api/customers/search').query({ q: '深圳' }).set('authorization', auth['sun.hao']!);
    expect(east.body.customers).toEqual([]);
    const refused = await t.http.post('/api/reassignments').set('authorization', auth['sun.hao']!).set('accept-language', 'zh-CN').send({ kind: 'customer', customerId: south[0]!.customerId, toTeamId: teamId['East China SME'] });
    expect(refused.status).toBe(403);
    expect(refused.body.error).toMatchObject({ code: 'forbidden', reason: 'not-your-team' });
    expect(refused.body.error.message).toMatch(/^您只能调整自己团队的客户/);
  });

  it('takes the typed text literally', async () => {
    const odd = await t.http.get('/api/customers/search').query({ q: '.*(' }).set('authorization', t.admin);
    expect(odd.status).toBe(200);
    expect(odd.body.customers).toEqual([]);
  });

  it('refuses a blank or over-long name with the parameter’s path, and a rep', async () => {
    for (const q of ['', '   ', 'x'.repeat(51)]) {
      const answer = await t.http.get('/api/customers/search').query({ q }).set('authorization', t.admin).set('accept-language', 'zh-CN');
      expect(answer.status, q).toBe(400);
      expect(answer.body.error).toMatchObject({ code: 'bad-request', details: [{ path: 'query.q' }] });
    }
    expect((await t.http.get('/api/customers/search').set('authorization', t.admin)).status).toBe(400);
    expect((await t.http.get('/api/customers/search').query({ q: '深圳' }).set('authorization', auth['li.na']!)).status).toBe(403);
  });
});
