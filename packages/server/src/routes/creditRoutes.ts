import { unlink } from 'node:fs/promises';
import { ApiError } from '../http/apiError.js';
import { pageOf } from '../http/paging.js';
import { defineRoute } from '../http/route.js';
import type { Tier } from '../domain/credit/creditDocs.js';
import { TIERS } from '../domain/credit/creditDocs.js';
import { creditReportSchema } from '../domain/credit/creditReport.js';
import type { CreditReport } from '../domain/credit/creditReport.js';
import type { ReceivablesInput } from '../domain/credit/creditAccounts.js';
import { importReceivables } from '../domain/credit/receivablesImport.js';
import { today } from '../domain/credit/sectorRisk.js';
import type { Services } from '../services.js';

const DATE = { type: 'string', format: 'date' };
const RECEIVABLES_BODY = {
  type: 'object',
  required: ['exposure', 'daysPastDue', 'asOf'],
  properties: { exposure: { type: 'number', minimum: 0 }, daysPastDue: { type: 'integer', minimum: 0 }, asOf: DATE },
};

export function creditRoutes(services: Services) {
  const { creditAssessments: assessments, creditAccounts: accounts, creditReviews: reviews } = services;
  return [
    defineRoute<{ requestedLimit: number; report?: CreditReport }>({
      method: 'post',
      path: '/api/customers/:id/credit-assessments',
      summary: 'Assess a customer’s credit: the report (sent, or from the provider), its record and its sector’s index through the credit-risk policy',
      access: ['rep', 'manager', 'finance', 'director', 'admin'],
      body: { type: 'object', required: ['requestedLimit'], properties: { requestedLimit: { type: 'number', minimum: 0, maximum: 1e12 }, report: creditReportSchema() } },
      async handler({ principal, params, body }) {
        const assessment = await assessments.request(principal, params['id']!, body);
        await services.audit.record({ actor: principal, action: 'credit.assessed', subject: assessment.customerId, data: { assessmentId: assessment._id, tier: assessment.tier, creditLimit: assessment.creditLimit, status: assessment.status, policyVersion: assessment.policyVersion }, teams: assessment.team ? [assessment.team] : [] });
        return { status: 201, body: await assessments.get(principal, assessment._id) };
      },
    }),
    defineRoute({
      method: 'get',
      path: '/api/customers/:id/credit-assessments',
      summary: 'A customer’s assessments, newest first (report contents for finance, directors and admins only)',
      access: 'signed-in',
      query: ['limit', 'skip'],
      async handler({ principal, params, query }) {
        const { limit, skip } = pageOf(query, 50);
        return { body: { assessments: await assessments.history(principal, params['id']!, limit, skip) } };
      },
    }),
    defineRoute({
      method: 'get',
      path: '/api/credit-assessments/:id',
      summary: 'One assessment with its decisions',
      access: 'signed-in',
      async handler({ principal, params }) {
        return { body: await assessments.get(principal, params['id']!) };
      },
    }),
    defineRoute<{ approve: boolean; comment: string; limit?: number; tier?: Tier }>({
      method: 'post',
      path: '/api/credit-assessments/:id/decision',
      summary: 'Approve or reject an assessment waiting at your level (a referral is approved with the tier and limit you set; an approval may lower the limit)',
      access: ['manager', 'finance', 'director'],
      body: {
        type: 'object',
        required: ['approve', 'comment'],
        properties: { approve: { type: 'boolean' }, comment: { type: 'string', minLength: 1, maxLength: 2000 }, limit: { type: 'number', minimum: 0 }, tier: { enum: [...TIERS] } },
      },
      async handler({ principal, params, body }) {
        await assessments.decide(principal, params['id']!, body);
        return { body: await assessments.get(principal, params['id']!) };
      },
    }),
    defineRoute({
      method: 'get',
      path: '/api/credit/queue',
      summary: 'Assessments waiting for a decision at your level, oldest first: limits above the automatic ceiling, referrals, and cuts from reviews',
      access: ['manager', 'finance', 'director'],
      query: ['limit', 'skip'],
      async handler({ principal, query }) {
        const { limit, skip } = pageOf(query, 100);
        return { body: { assessments: await assessments.queue(principal, limit, skip) } };
      },
    }),
    defineRoute({
      method: 'get',
      path: '/api/customers/:id/credit',
      summary: 'The customer’s account: tier, limit, next review, and receivables (exposure, days past due, flags)',
      access: 'signed-in',
      async handler({ principal, params }) {
        await services.customers.visible(principal, params['id']!);
        return { body: { account: await accounts.accounts.findOne({ _id: params['id']! }) } };
      },
    }),
    defineRoute<ReceivablesInput>({
      method: 'put',
      path: '/api/customers/:id/receivables',
      summary: 'Record the current exposure and days past due; thresholds from the policy flag the account',
      access: ['finance', 'admin'],
      body: RECEIVABLES_BODY,
      async handler({ principal, params, body }) {
        const id = params['id']!;
        if (!(await accounts.accounts.findOne({ _id: id }))) throw new ApiError('not-found', 'This customer has no credit account: assess it first');
        const account = await accounts.receivables(id, body);
        if (!account) throw new ApiError('conflict', 'Newer receivables are already recorded for this account', { details: [{ path: '/asOf', message: 'older than the receivables recorded' }] });
        await services.audit.record({ actor: principal, action: 'credit.receivables', subject: id, data: { ...body, flags: account.flags } });
        return { body: { account } };
      },
    }),
    defineRoute({
      method: 'post',
      path: '/api/credit/receivables/import',
      summary: 'Import receivables from a CSV file (customerId or creditCode, exposure, daysPastDue, asOf): per-row results; over the row limit refused whole (413)',
      access: ['finance', 'admin'],
      upload: { types: { 'text/csv': 'csv' }, maxBytes: 20 * 1024 * 1024 },
      async handler({ principal, upload }) {
        let result: Awaited<ReturnType<typeof importReceivables>>;
        try {
          result = await importReceivables(upload!.path, { accounts, customers: services.claims.customers, maxRows: services.importLimits.maxRows });
        } finally {
          await unlink(upload!.path).catch(() => undefined);
        }
        await services.audit.record({ actor: principal, action: 'credit.receivables-imported', subject: 'receivables', data: { rows: result.rows, updated: result.updated, problems: result.problems.length } });
        return { body: result };
      },
    }),
    defineRoute({
      method: 'get',
      path: '/api/credit/flagged',
      summary: 'Accounts whose receivables crossed the policy’s thresholds (past due, over limit, high utilisation)',
      access: ['manager', 'finance', 'director', 'admin'],
      query: ['limit', 'skip'],
      async handler({ principal, query }) {
        const { limit, skip } = pageOf(query, 100);
        const scope = principal.role === 'manager' ? { team: { $in: principal.teams } } : {};
        return { body: { accounts: await accounts.accounts.find({ ...scope, 'flags.0': { $exists: true } }, { sort: { daysPastDue: -1 }, limit, skip }) } };
      },
    }),
    defineRoute({
      method: 'get',
      path: '/api/credit/sectors',
      summary: 'The sector risk index per industry (`*`: the default for industries without their own), with history',
      access: ['finance', 'director', 'admin'],
      async handler() {
        return { body: { sectors: await services.sectors.overview() } };
      },
    }),
    defineRoute<{ index: number; effectiveFrom?: string; comment: string }>({
      method: 'put',
      path: '/api/credit/sectors/:industry',
      summary: 'Set an industry’s risk index from a date (default today); a rise re-assesses the sector’s accounts (202 with the job)',
      access: ['admin'],
      body: { type: 'object', required: ['index', 'comment'], properties: { index: { type: 'number', minimum: 0, maximum: 100 }, effectiveFrom: DATE, comment: { type: 'string', minLength: 1, maxLength: 2000 } } },
      async handler({ principal, params, body }) {
        const industry = params['industry']!;
        if (industry !== '*' && !/^[a-z0-9][a-z0-9-]{0,59}$/.test(industry)) {
          throw new ApiError('invalid', 'An industry is a lower-case code such as software, or * for the default', { details: [{ path: 'params.industry', message: 'not an industry code' }] });
        }
        const { entry, previous } = await services.sectors.set(principal, { industry, index: body.index, effectiveFrom: body.effectiveFrom ?? today(services.clock()), comment: body.comment });
        await services.audit.record({ actor: principal, action: 'credit.sector-index', subject: industry, data: { index: body.index, previous, effectiveFrom: entry.effectiveFrom, comment: body.comment } });
        const job = await reviews.sectorChanged(principal, entry, previous);
        return { status: job ? 202 : 200, body: { entry, previous, job } };
      },
    }),
    defineRoute({
      method: 'get',
      path: '/api/credit/sector-jobs',
      summary: 'Sector re-assessments, newest first, with progress and totals',
      access: ['finance', 'director', 'admin'],
      query: ['limit', 'skip'],
      async handler({ query }) {
        const { limit, skip } = pageOf(query, 50);
        return { body: { jobs: await reviews.list(limit, skip) } };
      },
    }),
    defineRoute({
      method: 'get',
      path: '/api/credit/sector-jobs/:id',
      summary: 'A sector re-assessment: progress, totals (limits before and after, exposure) and its proposed cuts',
      access: ['finance', 'director', 'admin'],
      query: ['limit', 'skip'],
      async handler({ params, query }) {
        const { limit, skip } = pageOf(query, 500);
        return { body: await reviews.report(params['id']!, limit, skip) };
      },
    }),
    defineRoute({
      method: 'post',
      path: '/api/jobs/credit-reviews',
      summary: 'Run the scheduled credit reviews now (the server does this every ten minutes): due accounts, and sector changes whose date came',
      access: ['admin'],
      async handler() {
        const reviewed = await reviews.runDueReviews();
        const sectorJobs = await reviews.startScheduledJobs();
        return { body: { ...reviewed, sectorJobsStarted: sectorJobs } };
      },
    }),
  ];
}
