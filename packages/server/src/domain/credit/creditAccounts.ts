import type { Collection, Store } from '../../store/collection.js';
import type { AssessmentDoc, CreditAccountDoc, Tier } from './creditDocs.js';
import { receivableFlags } from './creditDocs.js';

export interface ReceivablesInput {
  exposure: number;
  daysPastDue: number;
  asOf: string;
}

/** Customers' revolving accounts: the assessment in force, and receivables against it. */
export class CreditAccounts {
  readonly accounts: Collection<CreditAccountDoc>;

  constructor(
    store: Store,
    private readonly clock: () => Date,
  ) {
    this.accounts = store.collection<CreditAccountDoc>('creditAccounts');
  }

  async createIndexes(): Promise<void> {
    await this.accounts.createIndex({ name: 'accounts_by_industry', keys: { industry: 1 } });
    await this.accounts.createIndex({ name: 'accounts_by_review', keys: { nextReviewDate: 1 } });
    await this.accounts.createIndex({ name: 'accounts_flagged', keys: { flags: 1 } });
  }

  /** Puts an assessment in force with its final limit and tier; the receivables stay and are re-flagged. */
  async apply(assessment: AssessmentDoc, limit: number, tier: Tier): Promise<CreditAccountDoc> {
    const now = this.clock().toISOString();
    const updated = await this.accounts.findOneAndUpdate(
      { _id: assessment.customerId },
      {
        $set: {
          customerName: assessment.customerName,
          industry: assessment.industry,
          team: assessment.team,
          tier,
          limit,
          requestedLimit: assessment.requestedLimit,
          assessmentId: assessment._id,
          assessedAt: assessment.at,
          nextReviewDate: assessment.nextReviewDate ?? now.slice(0, 10),
          flagDaysPastDue: assessment.flagDaysPastDue,
          flagUtilisation: assessment.flagUtilisation,
          updatedAt: now,
        },
        $unset: { pendingAssessment: '', reviewRetryAt: '', lastReviewError: '' },
        $setOnInsert: { exposure: 0, daysPastDue: 0, receivablesAsOf: null, flags: [] },
      },
      { upsert: true },
    );
    return this.reflag(updated!);
  }

  /** Notes that a re-assessment of the account waits for a decision (so the scheduler leaves it alone). */
  async markPending(customerId: string, assessmentId: string): Promise<void> {
    await this.accounts.updateOne({ _id: customerId }, { $set: { pendingAssessment: assessmentId } });
  }

  async clearPending(customerId: string, assessmentId: string): Promise<void> {
    await this.accounts.updateOne({ _id: customerId, pendingAssessment: assessmentId }, { $unset: { pendingAssessment: '' } });
  }

  /** Records exposure and days past due; the account's thresholds (from its policy outcome) set the flags. Null without an account. */
  async receivables(customerId: string, input: ReceivablesInput): Promise<CreditAccountDoc | null> {
    const updated = await this.accounts.findOneAndUpdate(
      { _id: customerId, $or: [{ receivablesAsOf: null }, { receivablesAsOf: { $lte: input.asOf } }] },
      { $set: { exposure: input.exposure, daysPastDue: input.daysPastDue, receivablesAsOf: input.asOf, updatedAt: this.clock().toISOString() } },
    );
    if (!updated) return null;
    return this.reflag(updated);
  }

  private async reflag(account: CreditAccountDoc): Promise<CreditAccountDoc> {
    const flags = receivableFlags(account);
    if (flags.join() === account.flags.join()) return account;
    await this.accounts.updateOne({ _id: account._id }, { $set: { flags } });
    return { ...account, flags };
  }
}
