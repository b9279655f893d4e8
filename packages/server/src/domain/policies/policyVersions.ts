import { newId } from '../../store/newId.js';
import type { Outbox } from '../events/outbox.js';
import { pushing } from '../events/stagedEvents.js';
import type { Policy, PolicyEvent, PolicyKind, RuleFile, RuleTestReport, Warning } from '@crm-policy/engine';
import { analyzeRuleFile, createPolicy, diffRuleFiles, runRuleTests, validateRuleFile } from '@crm-policy/engine';
import { nextVersion } from '@crm-policy/engine/editing';
import type { Principal } from '../../auth/principal.js';
import { DomainError } from '../domainError.js';
import type { Language } from '@crm-policy/engine';
import type { Collection, Doc, Store } from '../../store/collection.js';
import { isDuplicateKey } from '../../store/storeError.js';
import type { AuditLog } from '../audit/auditLog.js';

export type VersionStatus = 'draft' | 'published' | 'retired';

/** One version of a policy's rule file. */
export interface PolicyVersionDoc extends Doc {
  policy: PolicyKind;
  version: string;
  status: VersionStatus;
  file: RuleFile;
  comment: string;
  createdBy: { id: string; name: string };
  createdAt: string;
  updatedAt: string;
  publishedAt?: string;
  publishedBy?: { id: string; name: string };
  retiredAt?: string;
  /** A rollback's copy: the version whose rules it publishes again. */
  rolledBackFrom?: { _id: string; version: string };
  /** Where a version came from when no person wrote it: `rules-folder`, published from the rules folder at the store's first start (its comment and author are then the system's, in English; screens word them in their own language). */
  origin?: VersionOrigin;
}

/** Versions no person wrote: the one seeded from the rules folder at first start. */
export type VersionOrigin = 'rules-folder';

/** The comment and author of a version seeded from the rules folder (stored in English, as before `origin` existed). */
const SEEDED = { comment: 'Loaded from the rules folder at first start', by: { id: 'system', name: 'System' } } as const;

/** Which version of a policy is published: one document per policy, changed by compare-and-set, so a publish is one atomic write. */
export interface PolicyHeadDoc extends Doc {
  publishedId: string;
  version: string;
  serial: number;
  changedAt: string;
}

/** A draft as the API answers it: the version, its static-analysis warnings and its tests. */
export interface DraftReport {
  draft: PolicyVersionDoc;
  warnings: Warning[];
  tests: Pick<RuleTestReport, 'passed' | 'failed'> & {
    failures: Array<{ name: string; message: string }>;
    /** Every test in file order: whether it passed and the outcome the draft decides (absent when the facts were refused). */
    results: Array<{ name: string; passed: boolean; failures: string[]; actual?: PolicyEvent }>;
  };
}

const who = (principal: Principal) => ({ id: principal.id, name: principal.displayName });

/**
 * Policy versions in the store: `draft` → `published` (exactly one per
 * policy, named by its head) → `retired`. Saving a draft validates it;
 * publishing needs it valid with every test passing; rollback republishes an
 * earlier version. Every step is audited with the caller's comment.
 */
export class PolicyVersions {
  readonly versions: Collection<PolicyVersionDoc>;
  readonly heads: Collection<PolicyHeadDoc>;

  constructor(
    store: Store,
    private readonly deps: { audit: AuditLog; outbox: Outbox; clock: () => Date; regions: () => Promise<string[]> },
  ) {
    this.versions = store.collection<PolicyVersionDoc>('policyVersions');
    this.heads = store.collection<PolicyHeadDoc>('policyHeads');
  }

  async createIndexes(): Promise<void> {
    await this.versions.createIndex({ name: 'one_draft_per_policy', keys: { policy: 1 }, unique: true, partialFilterExpression: { status: 'draft' } });
    await this.versions.createIndex({ name: 'versions_by_policy', keys: { policy: 1, createdAt: -1 } });
  }

  /** On a store without a published version of a policy, publishes the given file (the `rules/` folder's). */
  async seed(file: RuleFile): Promise<void> {
    if (await this.heads.findOne({ _id: file.policy })) return;
    const at = this.deps.clock().toISOString();
    const doc: PolicyVersionDoc = { _id: newId(), policy: file.policy, version: file.version, status: 'published', file, comment: SEEDED.comment, createdBy: { ...SEEDED.by }, createdAt: at, updatedAt: at, publishedAt: at, publishedBy: { ...SEEDED.by }, origin: 'rules-folder' };
    try {
      await this.heads.insertOne({ _id: file.policy, publishedId: doc._id, version: doc.version, serial: 1, changedAt: at });
    } catch (error) {
      if (isDuplicateKey(error)) return; // another process seeded it
      throw error;
    }
    await this.versions.insertOne(doc);
  }

  /** Makes statuses agree with the heads (a process stopped between a publish's writes). */
  async reconcile(): Promise<void> {
    for (const head of await this.heads.find({})) {
      await this.versions.updateMany({ policy: head._id as PolicyKind, status: 'published', _id: { $ne: head.publishedId } }, { $set: { status: 'retired', retiredAt: head.changedAt } });
      await this.versions.updateOne({ _id: head.publishedId, status: { $ne: 'published' } }, { $set: { status: 'published', publishedAt: head.changedAt } });
    }
  }

  async published(policy: PolicyKind): Promise<PolicyVersionDoc> {
    const head = await this.heads.findOne({ _id: policy });
    const doc = head ? await this.versions.findOne({ _id: head.publishedId }) : null;
    if (!doc) throw new DomainError('not-found', `No published version of ${policy}`);
    return doc;
  }

  async draft(policy: PolicyKind): Promise<PolicyVersionDoc | null> {
    return this.versions.findOne({ policy, status: 'draft' });
  }

  async get(policy: PolicyKind, id: string): Promise<PolicyVersionDoc> {
    if (id === 'published') return this.published(policy);
    const doc = id === 'draft' ? await this.draft(policy) : await this.versions.findOne({ _id: id, policy });
    if (!doc) throw new DomainError('not-found', id === 'draft' ? `${policy} has no draft` : `No version ${id} of ${policy}`);
    return doc;
  }

  list(policy: PolicyKind): Promise<PolicyVersionDoc[]> {
    return this.versions.find({ policy }, { sort: { createdAt: -1 }, projection: { file: 0 } });
  }

  /** Saves the policy's draft (one per policy), validated; answers its warnings and test results. */
  async saveDraft(principal: Principal, policy: PolicyKind, document: unknown, comment: string, language: Language): Promise<DraftReport> {
    // A version number already taken is said first, on its field, whatever else is wrong with the file.
    const version = (document as { version?: unknown } | null)?.version;
    const clash = typeof version === 'string' ? await this.versions.findOne({ policy, version, status: { $ne: 'draft' } }, { projection: { _id: 1 } }) : null;
    const taken = { path: '/file/version', message: language === 'zh' ? '该版本号已存在，请换一个' : 'this version exists already: choose another' };
    let file: RuleFile;
    try {
      file = this.validated(policy, document, language);
    } catch (error) {
      if (clash && error instanceof DomainError && Array.isArray(error.extra['details'])) throw new DomainError('invalid', error.message, { ...error.extra, details: [taken, ...(error.extra['details'] as unknown[])] });
      throw error;
    }
    if (clash) {
      const message = language === 'zh' ? `${policy} 已有版本 ${file.version}：请给草稿一个新的版本号` : `Version ${file.version} of ${policy} exists already: give the draft a new version`;
      throw new DomainError('invalid', message, { details: [taken] });
    }
    const at = this.deps.clock().toISOString();
    const saved = await this.versions.findOneAndUpdate(
      { policy, status: 'draft' },
      { $set: { version: file.version, file, comment, updatedAt: at, updatedBy: who(principal) }, $setOnInsert: { createdBy: who(principal), createdAt: at } },
      { upsert: true },
    );
    await this.deps.audit.record({ actor: principal, action: 'policy.draft-saved', subject: policy, data: { version: file.version, comment } });
    return this.report(saved!, language);
  }

  async discardDraft(principal: Principal, policy: PolicyKind, comment: string): Promise<void> {
    const { deletedCount } = await this.versions.deleteOne({ policy, status: 'draft' });
    if (deletedCount === 0) throw new DomainError('not-found', `${policy} has no draft`);
    await this.deps.audit.record({ actor: principal, action: 'policy.draft-discarded', subject: policy, data: { comment } });
  }

  /** The draft's warnings and test results, as saving answers them. */
  async report(draft: PolicyVersionDoc, language: Language): Promise<DraftReport> {
    const tests = await this.tests(draft.file, language);
    return { draft, warnings: analyzeRuleFile(draft.file, { regions: await this.deps.regions() }), tests };
  }

  /** Publishes the draft: refused while it is invalid or any of its tests fails; one atomic switch of the head. */
  async publish(principal: Principal, policy: PolicyKind, comment: string, language: Language): Promise<PolicyVersionDoc> {
    const draft = await this.draft(policy);
    if (!draft) throw new DomainError('not-found', `${policy} has no draft to publish`);
    // The draft becomes a version: the publish comment is its comment from now on (never changed again).
    await this.checkPublishable(draft.file, language);
    const named = await this.versions.findOneAndUpdate({ _id: draft._id, status: 'draft' }, { $set: { comment } });
    if (!named) throw new DomainError('conflict', `${policy}'s draft changed meanwhile: look again`);
    return this.switchTo(principal, policy, named, 'policy.published');
  }

  /**
   * Publishes the rules of an earlier (retired) version again, as a NEW
   * version (the next patch above every version, the draft's included) with
   * the caller's comment and name: the earlier version is left as it was.
   */
  async rollback(principal: Principal, policy: PolicyKind, versionId: string, comment: string, language: Language): Promise<PolicyVersionDoc> {
    const target = await this.versions.findOne({ _id: versionId, policy });
    if (!target) throw new DomainError('not-found', `No version ${versionId} of ${policy}`, { details: [{ path: '/versionId', message: 'no such version' }] });
    if (target.status !== 'retired') throw new DomainError('conflict', `Version ${target.version} is ${target.status}: roll back to a retired version`);
    const taken = (await this.versions.find({ policy }, { projection: { version: 1 } })).map((v) => v.version);
    const version = nextVersion(taken, 'patch');
    const at = this.deps.clock().toISOString();
    const copy: PolicyVersionDoc = { _id: newId(), policy, version, status: 'retired', file: { ...target.file, version }, comment, createdBy: who(principal), createdAt: at, updatedAt: at, rolledBackFrom: { _id: target._id, version: target.version } };
    await this.checkPublishable(copy.file, language);
    // Written before the switch (as never published); removed again if the switch loses a race.
    await this.versions.insertOne(copy);
    try {
      return await this.switchTo(principal, policy, copy, 'policy.rolled-back');
    } catch (error) {
      await this.versions.deleteOne({ _id: copy._id, status: 'retired', publishedAt: { $exists: false } });
      throw error;
    }
  }

  async diff(policy: PolicyKind, fromId: string, toId: string) {
    const [from, to] = await Promise.all([this.get(policy, fromId), this.get(policy, toId)]);
    return { from: { _id: from._id, version: from.version, status: from.status }, to: { _id: to._id, version: to.version, status: to.status }, diff: diffRuleFiles(from.file, to.file) };
  }

  /** Refuses (422 tests-failed, naming each failing test) a file any of whose tests fails. */
  private async checkPublishable(file: RuleFile, language: Language): Promise<void> {
    this.validated(file.policy, file, language);
    const tests = await this.tests(file, language);
    if (tests.failed > 0) {
      // Each failing test named as people read it (its title in the caller's language); `tests` keeps the names.
      const titles = new Map((file.tests ?? []).map((test) => [test.name, test.title?.[language] ?? test.name]));
      throw new DomainError('tests-failed', `Not published: ${tests.failed} of the version's tests fail`, { tests, details: tests.failures.map((f) => ({ path: '/file/tests', message: `${titles.get(f.name) ?? f.name}: ${f.message}` })) });
    }
  }

  /** Points the policy's head at `target` (checked publishable), retires the one before; statuses and publication stamps change, never a comment, author or file. */
  private async switchTo(principal: Principal, policy: PolicyKind, target: PolicyVersionDoc, action: string): Promise<PolicyVersionDoc> {
    const comment = target.comment;
    const head = await this.heads.findOne({ _id: policy });
    if (!head) throw new DomainError('not-found', `${policy} has no published version`);
    const at = this.deps.clock().toISOString();
    // The switch itself carries policy.published: the event and the new version are written together.
    const event = this.deps.outbox.stage('policy.published', { policy, version: target.version, versionId: target._id, comment, ...(action === 'policy.rolled-back' ? { rollback: true } : {}) });
    const switched = await this.heads.findOneAndUpdate({ _id: policy, serial: head.serial }, pushing({ $set: { publishedId: target._id, version: target.version, serial: head.serial + 1, changedAt: at } }, [event]));
    if (!switched) throw new DomainError('conflict', `${policy} was published by someone else meanwhile: look again`);
    await this.versions.updateOne({ _id: head.publishedId }, { $set: { status: 'retired', retiredAt: at } });
    const published = await this.versions.findOneAndUpdate({ _id: target._id }, { $set: { status: 'published', publishedAt: at, publishedBy: who(principal) }, $unset: { retiredAt: '' } });
    await this.deps.audit.record({ actor: principal, action, subject: policy, data: { version: target.version, versionId: target._id, previousVersionId: head.publishedId, comment } });
    return published!;
  }

  private validated(policy: PolicyKind, document: unknown, language: Language): RuleFile {
    return this.checked(policy, document, language, '/file');
  }

  /** A rule file of this policy, valid; otherwise 422 with each problem's JSON Pointer under `at` and its message in the caller's language. */
  checked(policy: PolicyKind, document: unknown, language: Language, at: string): RuleFile {
    const result = validateRuleFile(document);
    if (!result.valid) {
      throw new DomainError('invalid', language === 'zh' ? '规则文件无效' : 'The rule file is invalid', { details: result.issues.map((issue) => ({ path: `${at}${issue.pointer}`, message: issue.message[language], code: issue.code })) });
    }
    if (result.ruleFile.policy !== policy) {
      throw new DomainError('invalid', `This is a ${result.ruleFile.policy} file, not ${policy}`, { details: [{ path: `${at}/policy`, message: `must be ${policy}` }] });
    }
    return result.ruleFile;
  }

  private async tests(file: RuleFile, language: Language): Promise<DraftReport['tests']> {
    let policy: Policy;
    try {
      policy = await createPolicy(file, { verify: false });
    } catch (error) {
      return { passed: 0, failed: 1, failures: [{ name: '(compile)', message: (error as Error).message }], results: [] };
    }
    const report = await runRuleTests(policy);
    return {
      passed: report.passed,
      failed: report.failed,
      failures: report.results.filter((r) => !r.passed).map((r) => ({ name: r.name, message: r.failures.join('; ') || (language === 'zh' ? '未通过' : 'failed') })),
      results: report.results.map((r) => ({ name: r.name, passed: r.passed, failures: r.failures, ...(r.decision ? { actual: r.decision.outcome } : {}) })),
    };
  }
}
