import type { PolicyEvent, PolicyKind, RuleFile } from '@crm-policy/engine';
import { createPolicy, describeDecision, POLICY_KINDS, PolicyError, ruleFileSchema } from '@crm-policy/engine';
import { ApiError } from '../http/apiError.js';
import { pageOf } from '../http/paging.js';
import { defineRoute } from '../http/route.js';
import type { Services } from '../services.js';
import type { ChangeCell } from '../domain/policies/simulations.js';

const COMMENT = { type: 'string', minLength: 1, maxLength: 2000 };
const RULE_FILE = { type: 'object' };

function kindOf(params: Record<string, string>): PolicyKind {
  const kind = params['policy'] as PolicyKind;
  if (!POLICY_KINDS.includes(kind)) throw new ApiError('not-found', `No policy ${params['policy']}; the policies are ${POLICY_KINDS.join(', ')}`);
  return kind;
}

function period(sample: { from?: string; to?: string }, now: Date): { from: string; to: string } {
  const to = sample.to ?? now.toISOString();
  const from = sample.from ?? new Date(Date.parse(to) - 90 * 86_400_000).toISOString();
  if (from >= to) throw new ApiError('invalid', 'The sample period ends before it starts', { details: [{ path: '/sample/from', message: 'after sample.to' }] });
  return { from, to };
}

/** The cell of a simulation's report whose records are asked for, from the query; 400 with the query field when it does not read. */
function changeCell(query: Record<string, string | undefined>): ChangeCell {
  const { from, to, param, before, after } = query;
  if (from !== undefined || to !== undefined) {
    if (from === undefined || to === undefined) throw new ApiError('bad-request', 'from and to go together', { details: [{ path: from === undefined ? 'query.from' : 'query.to', message: 'required with the other' }] });
    return { from, to };
  }
  if (param === undefined) return {};
  if (!/^[A-Za-z][A-Za-z0-9_]{0,63}$/.test(param)) throw new ApiError('bad-request', 'param is an outcome parameter name', { details: [{ path: 'query.param', message: 'not a parameter name' }] });
  const json = (text: string | undefined, path: string): unknown => {
    try {
      return text === undefined ? null : (JSON.parse(text) as unknown);
    } catch {
      throw new ApiError('bad-request', `${path} is a JSON value`, { details: [{ path, message: 'not JSON' }] });
    }
  };
  return { param, before: json(before, 'query.before'), after: json(after, 'query.after') };
}

export function policyRoutes(services: Services) {
  const { policyVersions: versions, simulations } = services;
  return [
    defineRoute({
      method: 'get',
      path: '/api/schemas/rule-file',
      summary: 'The JSON Schema (2020-12) of a rule file: what the rule editor builds its form from',
      access: 'signed-in',
      async handler() {
        return { body: ruleFileSchema() };
      },
    }),
    defineRoute({
      method: 'get',
      path: '/api/policies',
      summary: 'Each policy’s published version and its draft, if any',
      access: ['admin'],
      async handler() {
        const policies = await Promise.all(
          POLICY_KINDS.map(async (policy) => {
            const [published, draft] = await Promise.all([versions.published(policy), versions.draft(policy)]);
            const summary = (v: typeof published | null) => (v ? { _id: v._id, version: v.version, status: v.status, comment: v.comment, updatedAt: v.updatedAt } : null);
            return { policy, published: summary(published), draft: summary(draft) };
          }),
        );
        return { body: { policies } };
      },
    }),
    defineRoute({
      method: 'get',
      path: '/api/policies/:policy/versions',
      summary: 'A policy’s versions, newest first (draft, published, retired)',
      access: ['admin'],
      async handler({ params }) {
        return { body: { versions: await versions.list(kindOf(params)) } };
      },
    }),
    defineRoute({
      method: 'get',
      path: '/api/policies/:policy/versions/:id',
      summary: 'One version with its rule file (`published` and `draft` name the current ones)',
      access: ['admin'],
      async handler({ params }) {
        return { body: await versions.get(kindOf(params), params['id']!) };
      },
    }),
    defineRoute({
      method: 'get',
      path: '/api/policies/:policy/draft',
      summary: 'The draft with its static-analysis warnings and test results',
      access: ['admin'],
      async handler({ params, language }) {
        const policy = kindOf(params);
        const draft = await versions.draft(policy);
        if (!draft) throw new ApiError('not-found', `${policy} has no draft`);
        return { body: await versions.report(draft, language) };
      },
    }),
    defineRoute<{ file: RuleFile; comment: string }>({
      method: 'put',
      path: '/api/policies/:policy/draft',
      summary: 'Save the draft (one per policy): validated (422 with JSON Pointers under /file, messages in your language); answers warnings and test results',
      access: ['admin'],
      bodyIsSchema: true,
      body: { type: 'object', required: ['file', 'comment'], properties: { file: RULE_FILE, comment: COMMENT } },
      async handler({ principal, params, body, language }) {
        return { body: await versions.saveDraft(principal, kindOf(params), body.file, body.comment, language) };
      },
    }),
    defineRoute<{ comment: string }>({
      method: 'post',
      path: '/api/policies/:policy/draft/discard',
      summary: 'Throw the draft away',
      access: ['admin'],
      body: { type: 'object', required: ['comment'], properties: { comment: COMMENT } },
      async handler({ principal, params, body }) {
        await versions.discardDraft(principal, kindOf(params), body.comment);
        return { status: 204, body: null };
      },
    }),
    defineRoute<{ simulationId: string; recordId: string; name: string; outcome?: PolicyEvent; comment: string }>({
      method: 'post',
      path: '/api/policies/:policy/draft/tests',
      summary: 'Add a test case to the draft from a simulated record: its facts and time, expecting `outcome` (default: the draft’s own outcome)',
      access: ['admin'],
      body: {
        type: 'object',
        required: ['simulationId', 'recordId', 'name', 'comment'],
        properties: { simulationId: { type: 'string' }, recordId: { type: 'string' }, name: { type: 'string', minLength: 1, maxLength: 200 }, outcome: { type: 'object', required: ['type'], properties: { type: { type: 'string' }, params: { type: 'object' } } }, comment: COMMENT },
      },
      async handler({ principal, params, body, language }) {
        const policy = kindOf(params);
        const draft = await versions.draft(policy);
        if (!draft) throw new ApiError('not-found', `${policy} has no draft to add a test to`);
        const change = await simulations.changes.findOne({ simulationId: body.simulationId, recordId: body.recordId });
        if (!change) throw new ApiError('not-found', 'No such changed record in that simulation', { details: [{ path: '/recordId', message: 'not a changed record of the simulation' }] });
        if ((draft.file.tests ?? []).some((t) => t.name === body.name)) throw new ApiError('invalid', 'A test of that name exists', { details: [{ path: '/name', message: 'taken' }] });
        const test = { name: body.name, ...(change.at ? { now: change.at } : {}), facts: change.facts, expect: { outcome: body.outcome ?? change.draft.outcome } };
        const file = { ...draft.file, tests: [...(draft.file.tests ?? []), test] };
        return { status: 201, body: await versions.saveDraft(principal, policy, file, body.comment, language) };
      },
    }),
    defineRoute<{ facts: Record<string, unknown>; version?: string; now?: string }>({
      method: 'post',
      path: '/api/policies/:policy/try',
      summary: 'Decide one set of facts with a version (default the draft, else the published one) and explain it condition by condition; nothing is recorded',
      access: ['admin'],
      body: { type: 'object', required: ['facts'], properties: { facts: { type: 'object' }, version: { type: 'string', minLength: 1 }, now: { type: 'string', format: 'date-time' } } },
      async handler({ params, body, language }) {
        const policy = kindOf(params);
        const version = body.version ?? ((await versions.draft(policy)) ? 'draft' : 'published');
        const doc = await versions.get(policy, version);
        const compiled = await createPolicy(doc.file, { verify: false });
        let decision;
        try {
          decision = await compiled.decide(body.facts, body.now ? { now: body.now } : {});
        } catch (error) {
          if (!(error instanceof PolicyError)) throw error;
          throw new ApiError('invalid', error.message, { details: error.issues.map((issue) => ({ path: `/facts${issue.pointer}`, message: issue.message[language], code: issue.code })) });
        }
        return { body: { version: { _id: doc._id, version: doc.version, status: doc.status }, decision, words: describeDecision(decision, language, { verbose: true }) } };
      },
    }),
    defineRoute({
      method: 'get',
      path: '/api/policies/:policy/diff',
      summary: 'What changed between two versions (`from`, `to`: ids, or published and draft, the defaults)',
      access: ['admin'],
      query: ['from', 'to'],
      async handler({ params, query }) {
        return { body: await versions.diff(kindOf(params), query['from'] ?? 'published', query['to'] ?? 'draft') };
      },
    }),
    defineRoute<{ comment: string }>({
      method: 'post',
      path: '/api/policies/:policy/publish',
      summary: 'Publish the draft: refused (422 tests-failed) while any of its tests fails or it is invalid; one atomic switch for every process',
      access: ['admin'],
      body: { type: 'object', required: ['comment'], properties: { comment: COMMENT } },
      async handler({ principal, params, body, language }) {
        const policy = kindOf(params);
        const published = await versions.publish(principal, policy, body.comment, language);
        await services.livePolicies.refresh();
        return { body: published };
      },
    }),
    defineRoute<{ versionId: string; comment: string }>({
      method: 'post',
      path: '/api/policies/:policy/rollback',
      summary: 'Publish an earlier (retired) version again, after its tests pass',
      access: ['admin'],
      body: { type: 'object', required: ['versionId', 'comment'], properties: { versionId: { type: 'string', minLength: 1 }, comment: COMMENT } },
      async handler({ principal, params, body, language }) {
        const policy = kindOf(params);
        const published = await versions.rollback(principal, policy, body.versionId, body.comment, language);
        await services.livePolicies.refresh();
        return { body: published };
      },
    }),
    defineRoute<{ draft?: string | RuleFile; sample?: { from?: string; to?: string } }>({
      method: 'post',
      path: '/api/policies/:policy/simulate',
      summary: 'Re-decide the decisions recorded in a period (default the last 90 days) under a draft (`draft`, a version id, or a rule file; default the saved draft) and the published version: 202 with the job',
      access: ['admin'],
      bodyIsSchema: true,
      body: {
        type: 'object',
        properties: { draft: { anyOf: [{ type: 'string', minLength: 1 }, RULE_FILE] }, sample: { type: 'object', properties: { from: { type: 'string', format: 'date-time' }, to: { type: 'string', format: 'date-time' } } } },
      },
      async handler({ principal, params, body }) {
        const policy = kindOf(params);
        const job = await simulations.start(principal, policy, body.draft ?? 'draft', { history: period(body.sample ?? {}, services.clock()) });
        return { status: 202, body: job };
      },
    }),
    defineRoute({
      method: 'post',
      path: '/api/policies/:policy/simulate/upload',
      summary: 'Simulate the records of an uploaded JSON Lines file (`{ "id", "facts", "at" }` per line) under a draft (`?draft=`, default the saved draft): 202 with the job',
      access: ['admin'],
      query: ['draft'],
      upload: { types: { 'application/x-ndjson': 'jsonl', 'application/jsonl': 'jsonl', 'application/jsonlines': 'jsonl' }, maxBytes: 500 * 1024 * 1024 },
      async handler({ principal, params, query, upload }) {
        const policy = kindOf(params);
        const job = await simulations.start(principal, policy, query['draft'] ?? 'draft', { upload: { path: upload!.path, bytes: upload!.bytes } });
        return { status: 202, body: job };
      },
    }),
    defineRoute({
      method: 'get',
      path: '/api/policies/:policy/simulations',
      summary: 'A policy’s simulations, newest first',
      access: ['admin'],
      query: ['limit', 'skip'],
      async handler({ params, query }) {
        const { limit, skip } = pageOf(query, 50);
        return { body: { simulations: await simulations.list(kindOf(params), limit, skip) } };
      },
    }),
    defineRoute({
      method: 'get',
      path: '/api/simulations/:id',
      summary: 'A simulation’s progress (percent, records/s, seconds left) and, when done, its report: changed count, transitions, rule hits',
      access: ['admin'],
      async handler({ params }) {
        const job = await simulations.get(params['id']!);
        const percent = job.total ? Math.min(100, Math.round((job.processed / job.total) * 1000) / 10) : job.status === 'done' ? 100 : null;
        return { body: { ...job, percent } };
      },
    }),
    defineRoute({
      method: 'post',
      path: '/api/simulations/:id/cancel',
      summary: 'Stop a running simulation (it ends as cancelled, with the report so far)',
      access: ['admin'],
      async handler({ principal, params }) {
        return { status: 202, body: await simulations.cancel(principal, params['id']!) };
      },
    }),
    defineRoute({
      method: 'get',
      path: '/api/simulations/:id/changes',
      summary: 'The changed records with both outcomes and explanations (`format=jsonl` downloads them all); `from` and `to` (outcome labels) list one transition-table cell, `param`, `before` and `after` (JSON values) one parameter change; answers `total` too',
      access: ['admin'],
      query: ['limit', 'skip', 'format', 'from', 'to', 'param', 'before', 'after'],
      async handler({ params, query }) {
        const id = params['id']!;
        if (query['format'] === 'jsonl') {
          await simulations.get(id);
          return { body: null, stream: { contentType: 'application/x-ndjson', filename: `simulation-${id}.jsonl`, chunks: simulations.download(id) } };
        }
        if (query['format'] !== undefined && query['format'] !== 'json') throw new ApiError('bad-request', 'format is json or jsonl', { details: [{ path: 'query.format', message: 'json or jsonl' }] });
        const { limit, skip } = pageOf(query, 100);
        return { body: await simulations.changed(id, limit, skip, changeCell(query)) };
      },
    }),
  ];
}
