import { newId } from '../../store/newId.js';
import { unlink } from 'node:fs/promises';
import type { ValidateFunction } from 'ajv';
import type { ErrorObject } from 'ajv';
import type { Principal } from '../../auth/principal.js';
import { DomainError } from '../domainError.js';
import type { FieldProblem } from '../../validation/fieldProblem.js';
import type { Language } from '@crm-policy/engine';
import type { RequestValidator } from '../../validation/requestValidator.js';
import { validationProblems } from '../../validation/validationProblems.js';
import type { Logger } from '../../logger.js';
import type { Collection, Doc, Store } from '../../store/collection.js';
import { isDuplicateKey } from '../../store/storeError.js';
import type { ImportLimits } from '../imports/importLimits.js';
import { countRows, spreadsheetRows } from '../imports/spreadsheetRows.js';
import type { AuditLog } from '../audit/auditLog.js';
import type { ClaimsService } from '../claims/claimsService.js';
import { CUSTOMER_IDENTITY_INDEXES } from '../claims/claimsService.js';
import { newCustomer } from '../claims/newCustomer.js';
import { profileOf, withMatchingData } from '../duplicates/companyProfile.js';
import type { DuplicateFinder } from '../duplicates/duplicateFinder.js';
import { legalIdentity } from '../duplicates/legalIdentity.js';
import type { AssignmentService, AssignResult } from './assignmentService.js';
import { isDivision } from './divisions.js';
import type { PrioritySettings } from './priority.js';
import { priorityOf } from './priority.js';

/** A lead as an integrator or an import sends it. */
export interface Lead {
  companyName: string;
  region: string;
  type: 'company' | 'individual';
  employees: number;
  industry: string;
  productLine?: string;
  grade?: 'A' | 'B' | 'C' | 'D';
  contactName?: string;
  phone?: string;
  email?: string;
  website?: string;
  creditCode?: string;
  timeframe?: string;
  potentialValue?: number;
  priorOrders?: number;
  yearsAsCustomer?: number;
}

const INDUSTRIES = ['manufacturing', 'finance', 'government', 'retail', 'technology', 'healthcare', 'education', 'logistics', 'energy', 'other'];

/** The JSON Schema of a lead (the body of `POST /api/leads`, and each row of an import). */
export const LEAD_SCHEMA = {
  type: 'object',
  required: ['companyName', 'region', 'type', 'employees', 'industry'],
  properties: {
    companyName: { type: 'string', minLength: 2, maxLength: 200 },
    region: { type: 'string', pattern: '^[1-9][0-9]{5}$', description: 'GB/T 2260 district code' },
    type: { enum: ['company', 'individual'] },
    employees: { type: 'integer', minimum: 0, maximum: 10_000_000 },
    industry: { enum: INDUSTRIES },
    productLine: { enum: ['crm', 'erp', 'iot', 'analytics'] },
    grade: { enum: ['A', 'B', 'C', 'D'] },
    contactName: { type: 'string', maxLength: 100 },
    phone: { type: 'string', maxLength: 40 },
    email: { type: 'string', maxLength: 200 },
    website: { type: 'string', maxLength: 200 },
    creditCode: { type: 'string', pattern: '^[0-9A-HJ-NPQRTUWXY]{18}$' },
    timeframe: { enum: ['immediate', '1m', '3m', '6m', '12m', 'none'] },
    potentialValue: { type: 'number', minimum: 0 },
    priorOrders: { type: 'integer', minimum: 0 },
    yearsAsCustomer: { type: 'number', minimum: 0 },
  },
} as const;

const NUMERIC = new Set(['employees', 'potentialValue', 'priorOrders', 'yearsAsCustomer']);

/** Column headers an import accepts besides the field names (Chinese spreadsheets). */
const HEADER_ALIASES: Record<string, string> = {
  公司名称: 'companyName',
  客户名称: 'companyName',
  地区: 'region',
  地区代码: 'region',
  类型: 'type',
  员工数: 'employees',
  行业: 'industry',
  产品线: 'productLine',
  等级: 'grade',
  联系人: 'contactName',
  电话: 'phone',
  邮箱: 'email',
  网站: 'website',
  统一社会信用代码: 'creditCode',
  采购时间: 'timeframe',
  潜在金额: 'potentialValue',
  历史订单数: 'priorOrders',
  合作年限: 'yearsAsCustomer',
};

export type LeadResult = { customerId: string; assignment: AssignResult };

/** One row of an import that did not go in. */
export interface RowProblem {
  line: number;
  code: 'invalid' | 'duplicate' | 'failed';
  reason: string;
  details?: FieldProblem[];
}

export interface ImportDoc extends Doc {
  status: 'running' | 'done' | 'failed' | 'interrupted';
  format: 'csv' | 'xlsx';
  by: string;
  startedAt: string;
  finishedAt?: string;
  /** Data rows in the file, counted before the first is imported. */
  total?: number;
  rows: number;
  created: number;
  assigned: number;
  queued: number;
  rejected: number;
  /** The first 1,000 rejected rows, with their line and reason. */
  problems: RowProblem[];
  error?: string;
}

const PROBLEMS_KEPT = 1000;

/** Rows of an import processed at once. */
const IMPORT_CONCURRENCY = 8;

/**
 * Leads: customers that arrive without an owner. Each is validated, checked
 * for duplicates, stored, and routed by the assignment service. An import
 * streams a CSV or XLSX file row by row in the background; every row goes in
 * whole or is reported with its line and reason. A file over the import
 * limits is refused before any row goes in, and each user runs one import at a time.
 */
export class LeadsService {
  readonly imports: Collection<ImportDoc>;
  private readonly validateLead: ValidateFunction;
  private readonly running = new Set<Promise<void>>();

  constructor(
    store: Store,
    private readonly deps: {
      claims: ClaimsService;
      duplicates: DuplicateFinder;
      assignment: AssignmentService;
      priority: PrioritySettings;
      audit: AuditLog;
      validator: RequestValidator;
      limits: ImportLimits;
      clock: () => Date;
      logger: Logger;
    },
  ) {
    this.imports = store.collection<ImportDoc>('leadImports');
    this.validateLead = deps.validator.compile(LEAD_SCHEMA);
  }

  /** The one-running-import-per-user index, and imports a stopped process left running marked as interrupted. */
  async prepare(): Promise<void> {
    await this.imports.updateMany({ status: 'running' }, { $set: { status: 'interrupted', finishedAt: this.deps.clock().toISOString() } });
    await this.imports.createIndex({ name: 'one_running_import_per_user', keys: { by: 1 }, unique: true, partialFilterExpression: { status: 'running' } });
  }

  /** Problems with a lead beyond its schema: a region the division dataset does not know. */
  private check(lead: unknown, language: Language): FieldProblem[] {
    if (!this.validateLead(lead)) return validationProblems(this.validateLead.errors as ErrorObject[], language);
    const { region } = lead as Lead;
    return isDivision(region) ? [] : [{ path: '/region', message: language === 'zh' ? '不是有效的行政区划代码' : 'is not a GB/T 2260 district code', code: 'division' }];
  }

  /** Creates one lead and routes it; 422 for a bad lead, 409 for a duplicate of a stored customer. */
  async create(principal: Principal, lead: Lead, language: Language): Promise<LeadResult> {
    const problems = this.check(lead, language);
    if (problems.length > 0) throw new DomainError('invalid', language === 'zh' ? '线索内容有误' : 'The lead has invalid fields', { details: problems });
    return this.store(principal, lead, 'lead');
  }

  private async store(principal: Principal, lead: Lead, origin: 'lead' | 'import'): Promise<LeadResult> {
    const form = { ...lead, grade: lead.grade ?? 'C' } as Record<string, unknown>;
    const profile = withMatchingData(profileOf(form));
    const duplicate = await this.deps.duplicates.duplicateOf(profile);
    if (duplicate) throw new DomainError('duplicate', 'This company is a stored customer already', { matches: [{ score: duplicate.match.score, reasons: duplicate.match.reasons }] });
    const priority = priorityOf({ ...lead, grade: String(form['grade']) }, await this.deps.priority.get());
    const { nameKey } = await legalIdentity(this.deps.claims.customers, profile);
    const customer = {
      ...newCustomer({ form, industry: lead.industry, templateVersion: 0, createdBy: principal.id, now: this.deps.clock().toISOString(), profile, nameKey }),
      origin,
      routing: { region: lead.region, type: lead.type, employees: lead.employees, industry: lead.industry, productLine: lead.productLine ?? 'crm' },
      priority: priority.score,
    };
    let assignment: AssignResult;
    try {
      // The customer is stored with its claim or its place in the review queue, in one write: never one without the other.
      assignment = await this.deps.assignment.assign(principal, customer, 'assignment', [{ collection: this.deps.claims.customers.name, insertOne: { document: customer } }]);
    } catch (error) {
      if (isDuplicateKey(error) && CUSTOMER_IDENTITY_INDEXES.includes(error.detail.index ?? '')) {
        throw new DomainError('duplicate', 'This company is a stored customer already', { matches: [{ score: 1, reasons: ['same name or credit code'] }] });
      }
      throw error;
    }
    await this.deps.audit.record({ actor: principal, action: 'lead.created', subject: customer._id, data: { name: customer.name, origin, priority: priority.score, assignment: assignment.status } });
    return { customerId: customer._id, assignment };
  }

  /**
   * Starts importing a file already saved at `path` (deleted when done) and
   * returns the import's record at once; its progress is read with `get`.
   * Refused, with nothing imported, while the caller has an import running
   * (409 `conflict` with its `importId`) and when the file breaks a limit
   * (413 `too-many-rows`, `unpacked-too-large`) or cannot be read (422): the
   * whole file is read once before the first row goes in.
   */
  async startImport(principal: Principal, path: string, format: 'csv' | 'xlsx'): Promise<ImportDoc> {
    const doc: ImportDoc = { _id: newId(), status: 'running', format, by: principal.id, startedAt: this.deps.clock().toISOString(), rows: 0, created: 0, assigned: 0, queued: 0, rejected: 0, problems: [] };
    try {
      await this.imports.insertOne(doc);
    } catch (error) {
      if (!isDuplicateKey(error)) throw error;
      const running = await this.imports.findOne({ by: principal.id, status: 'running' });
      // (It may have finished in between: the caller sends the file again.)
      const which = running ? `Your import ${running._id} is` : 'Another import of yours was';
      throw new DomainError('conflict', `${which} still running: one import at a time per user; follow it at GET /api/leads/imports/:id`, { importId: running?._id });
    }
    try {
      doc.total = await countRows(format, path, this.deps.limits);
      await this.imports.updateOne({ _id: doc._id }, { $set: { total: doc.total } });
    } catch (error) {
      await this.imports.deleteOne({ _id: doc._id });
      throw error;
    }
    const job = this.runImport(principal, doc, path).finally(() => {
      this.running.delete(job);
      void unlink(path).catch(() => undefined);
    });
    this.running.add(job);
    return doc;
  }

  /** Resolves when this process's imports have finished. */
  async idle(): Promise<void> {
    await Promise.all([...this.running]);
  }

  async get(id: string): Promise<ImportDoc> {
    const doc = await this.imports.findOne({ _id: id });
    if (!doc) throw new DomainError('not-found', 'No such import');
    return doc;
  }

  private async runImport(principal: Principal, doc: ImportDoc, path: string): Promise<void> {
    const counts = { rows: 0, created: 0, assigned: 0, queued: 0, rejected: 0 };
    const problems: RowProblem[] = [];
    const reject = (problem: RowProblem) => {
      counts.rejected += 1;
      if (problems.length < PROBLEMS_KEPT) problems.push(problem);
    };
    const progress = () => this.imports.updateOne({ _id: doc._id }, { $set: { ...counts, problems } });
    const row = async (line: number, record: Record<string, unknown>) => {
      const lead = leadOf(record);
      const rowProblems = this.check(lead, 'en');
      if (rowProblems.length > 0) {
        reject({ line, code: 'invalid', reason: rowProblems.map((p) => `${p.path.slice(1)} ${p.message}`).join('; '), details: rowProblems });
        return;
      }
      try {
        const result = await this.store(principal, lead as unknown as Lead, 'import');
        counts.created += 1;
        if (result.assignment.status === 'assigned') counts.assigned += 1;
        else counts.queued += 1;
      } catch (error) {
        if (error instanceof DomainError && error.code === 'duplicate') reject({ line, code: 'duplicate', reason: error.message });
        else reject({ line, code: 'failed', reason: (error as Error).message });
      }
    };
    try {
      // A few rows in flight at once: their writes share the store's flushes. Each row goes in whole or not at all.
      const inFlight = new Set<Promise<void>>();
      for await (const { line, record } of spreadsheetRows(doc.format, path, this.deps.limits)) {
        counts.rows += 1;
        const job: Promise<void> = row(line, record).finally(() => inFlight.delete(job));
        inFlight.add(job);
        if (inFlight.size >= IMPORT_CONCURRENCY) await Promise.race(inFlight);
        if (counts.rows % 500 === 0) await progress();
      }
      await Promise.all(inFlight);
      problems.sort((a, b) => a.line - b.line);
      await this.imports.updateOne({ _id: doc._id }, { $set: { ...counts, problems, status: 'done', finishedAt: this.deps.clock().toISOString() } });
      await this.deps.audit.record({ actor: principal, action: 'lead.imported', subject: doc._id, data: { ...counts } });
    } catch (error) {
      this.deps.logger.error('lead import failed', { importId: doc._id, error: (error as Error).message });
      await this.imports
        .updateOne({ _id: doc._id }, { $set: { ...counts, problems, status: 'failed', error: (error as Error).message, finishedAt: this.deps.clock().toISOString() } })
        .catch(() => undefined);
    }
  }
}

/** A row's cells as a lead: headers mapped to fields, numbers read, blanks left out. */
function leadOf(record: Record<string, unknown>): Record<string, unknown> {
  const lead: Record<string, unknown> = {};
  for (const [header, raw] of Object.entries(record)) {
    const field = HEADER_ALIASES[header.trim()] ?? header.trim();
    const value = typeof raw === 'string' ? raw.trim() : raw;
    if (value === '' || value === null || value === undefined) continue;
    lead[field] = NUMERIC.has(field) && typeof value === 'string' && /^-?\d+(\.\d+)?$/.test(value) ? Number(value) : typeof value === 'number' && !NUMERIC.has(field) ? String(value) : value;
  }
  return lead;
}
