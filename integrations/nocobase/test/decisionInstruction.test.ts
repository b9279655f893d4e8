import type { MockServer } from '@nocobase/test';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { CrmPolicyServer } from './crmPolicyServer.js';
import { REPO, startCrmPolicyServer } from './crmPolicyServer.js';
import { configure, createNocoBaseApp } from './nocobaseApp.js';

let app: MockServer;
let crm: CrmPolicyServer;
let workflowId: number;
let decideNodeId: number;

beforeAll(async () => {
  crm = await startCrmPolicyServer();
  app = await createNocoBaseApp();
  await configure(app, { serverUrl: crm.url, apiKey: await crm.registrarKey(), timeoutMs: 3000 });
  // New order → "crm-policy decision" (credit risk, facts from the order) → update the order with the decision's tier and limit.
  const workflow = await app.db.getRepository('workflows').create({ values: { title: 'credit check', enabled: true, type: 'collection', config: { mode: 1, collection: 'orders' } } });
  workflowId = workflow.get('id') as number;
  const decide = await workflow.createNode({
    type: 'crm-policy-decision',
    key: 'decide',
    title: 'credit risk',
    config: {
      policy: 'credit-risk',
      locale: 'en-US',
      facts: {
        creditScore: '{{$context.data.creditScore}}',
        yearsInBusiness: '{{$context.data.years}}',
        annualRevenue: '{{$context.data.revenue}}',
        worstDaysPastDue12m: 0,
        sectorRiskIndex: 25,
        requestedLimit: '{{$context.data.requested}}',
      },
    },
  });
  const update = await workflow.createNode({
    type: 'update',
    key: 'write',
    upstreamId: decide.get('id'),
    config: {
      collection: 'orders',
      params: { filter: { id: '{{$context.data.id}}' }, values: { tier: '{{$jobsMapByNodeKey.decide.params.tier}}', creditLimit: '{{$jobsMapByNodeKey.decide.params.creditLimit}}' } },
    },
  });
  decideNodeId = decide.get('id') as number;
  await decide.setDownstream(update);
});
afterAll(async () => {
  await app?.destroy();
  await crm?.close();
});

/** The finished execution of the workflow for the order (collection workflows run after the commit), with its jobs by node key. */
type Row = { get(key: string): unknown };
type Job = { status: number; result: Record<string, unknown> & { explanation?: string; message?: string } };

async function executionFor(orderId: number): Promise<{ status: number; jobs: Record<string, Job> }> {
  for (let attempt = 0; attempt < 200; attempt += 1) {
    const executions: Row[] = await app.db.getRepository('executions').find({ filter: { workflowId }, appends: ['jobs', 'jobs.node'] });
    const mine = executions.find((execution) => (execution.get('context') as { data?: { id?: number } })?.data?.id === orderId && execution.get('status') !== 0 && execution.get('status') !== null);
    if (mine) {
      const jobs = Object.fromEntries((mine.get('jobs') as Row[]).map((job) => [(job.get('node') as Row).get('key') as string, { status: job.get('status') as number, result: job.get('result') as Job['result'] }]));
      return { status: mine.get('status') as number, jobs };
    }
    await new Promise((done) => setTimeout(done, 50));
  }
  throw new Error(`no finished execution for order ${orderId}`);
}

const order = async (values: Record<string, unknown>) => (await app.db.getRepository('orders').create({ values })).get('id') as number;
const LOW_RISK = { company: '深圳市腾飞科技有限公司', creditScore: 800, years: 8, revenue: 20000000, requested: 2000000 };

describe('the "crm-policy decision" workflow node', () => {
  it('decides through the server and a later node writes its result', async () => {
    const id = await order(LOW_RISK);
    const execution = await executionFor(id);
    expect(execution.status).toBe(1);
    expect(execution.jobs['decide']?.result).toMatchObject({ outcome: 'assess', params: { tier: 'low', creditLimit: 2000000 }, fired: ['low-risk'], decidedBy: 'server' });
    expect(execution.jobs['decide']?.result.explanation).toEqual(expect.stringContaining('low-risk'));
    const written = await app.db.getRepository('orders').findOne({ filterByTk: id });
    expect(written?.get('tier')).toBe('low');
    expect(Number(written?.get('creditLimit'))).toBe(2000000);
    expect(execution.jobs['decide']?.result.decisionId).toEqual(expect.any(String));
  });

  it('fails the node with the reason when the facts cannot be decided', async () => {
    const id = await order({ ...LOW_RISK, creditScore: 5000 });
    const execution = await executionFor(id);
    expect(execution.jobs['decide']?.status).toBe(-1);
    expect(execution.jobs['decide']?.result).toMatchObject({ code: 'invalid' });
    expect(execution.jobs['decide']?.result.message).toContain('/facts/creditScore');
    expect(execution.jobs['write']).toBeUndefined();
    expect((await app.db.getRepository('orders').findOne({ filterByTk: id }))?.get('tier')).toBeNull();
  });

  it('decides with the facts as the node form saves them: rows of a name and a value or variable', async () => {
    const rows = [
      { name: 'creditScore', value: '{{$context.data.creditScore}}' },
      { name: 'yearsInBusiness', value: '{{$context.data.years}}' },
      { name: 'annualRevenue', value: '{{$context.data.revenue}}' },
      { name: 'worstDaysPastDue12m', value: 0 },
      { name: 'sectorRiskIndex', value: 25 },
      // A constant where the API-written configuration reads the order: the limit shows which configuration decided.
      { name: 'requestedLimit', value: 1234000 },
      { name: '', value: 'a row left without a name' },
    ];
    // As in the editor: the workflow off, the node saved, the workflow on again (an enabled workflow keeps the nodes it was enabled with).
    const workflows = app.db.getRepository('workflows');
    await workflows.update({ filterByTk: workflowId, values: { enabled: false } });
    await app.db.getRepository('flow_nodes').update({ filterByTk: decideNodeId, values: { config: { policy: 'credit-risk', locale: 'en-US', facts: rows } } });
    await workflows.update({ filterByTk: workflowId, values: { enabled: true } });
    const id = await order(LOW_RISK);
    const execution = await executionFor(id);
    expect(execution.jobs['decide']?.result).toMatchObject({ outcome: 'assess', params: { tier: 'low', creditLimit: 1234000 }, decidedBy: 'server' });
    expect(Number((await app.db.getRepository('orders').findOne({ filterByTk: id }))?.get('creditLimit'))).toBe(1234000);
  });

  it('decides in process from a folder of rule files', async () => {
    await configure(app, { mode: 'in-process', rulesDir: join(REPO, 'rules') });
    const id = await order(LOW_RISK);
    const execution = await executionFor(id);
    expect(execution.jobs['decide']?.result).toMatchObject({ outcome: 'assess', params: { tier: 'low' }, decidedBy: 'in-process' });
    expect((await app.db.getRepository('orders').findOne({ filterByTk: id }))?.get('tier')).toBe('low');
  });

  it('decides in process from the published rule file it fetched, which keeps deciding while the server is down', async () => {
    await configure(app, { mode: 'in-process', rulesDir: '' });
    const published = await crm.admin('GET', '/api/policies/credit-risk/versions/published');
    const first = await executionFor(await order(LOW_RISK));
    expect(first.jobs['decide']?.result).toMatchObject({ outcome: 'assess', decidedBy: 'in-process', version: published.body['version'] });
    await crm.close();
    const offline = await executionFor(await order(LOW_RISK));
    expect(offline.jobs['decide']?.result).toMatchObject({ outcome: 'assess', params: { tier: 'low' }, decidedBy: 'in-process' });
  });

  it('fails the node when the server is down, never passing', async () => {
    await configure(app, { mode: 'server' });
    const id = await order(LOW_RISK);
    const execution = await executionFor(id);
    expect(execution.jobs['decide']?.status).toBe(-1);
    expect(execution.jobs['decide']?.result).toMatchObject({ code: 'unreachable' });
    expect((await app.db.getRepository('orders').findOne({ filterByTk: id }))?.get('tier')).toBeNull();
  });
});
