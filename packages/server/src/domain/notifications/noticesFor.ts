import type { Owner } from '../claims/claimDocs.js';
import type { OwnershipSide } from '../assignment/assignmentChanged.js';
import type { EventDoc } from '../events/outbox.js';
import type { Notice } from './notice.js';
import { readableDate } from './notice.js';

/** Who holds which role, as notices need it. */
export interface Directory {
  /** Active managers of any of the teams. */
  managersOf(teams: readonly string[]): Promise<string[]>;
  /** Active managers of every one of the teams. */
  managersOfEvery(teams: readonly string[]): Promise<string[]>;
  /** Active admins. */
  admins(): Promise<string[]>;
}

/** The event types that tell someone something; every other event tells no one. */
export const NOTIFYING_EVENTS = ['appeal.decided', 'appeal.filed', 'claim.expiring', 'claim.created', 'assignment.changed', 'reassignment.proposed'] as const;

/** The verdict in words, said by whoever decided. */
const VERDICT = {
  uphold: { zh: (who: string) => `${who}维持原判，客户仍归原持有人`, en: (who: string) => `${who} upheld the verdict: the customer stays with its holder` },
  grant: { zh: (who: string) => `${who}支持你的申诉，客户已转到你名下`, en: (who: string) => `${who} granted your appeal: the customer is now yours` },
  'different-companies': { zh: (who: string) => `${who}判定为两家不同的公司，你的登记已作为新客户归你`, en: (who: string) => `${who} ruled them two different companies: your registration is now a customer of yours` },
} as const;

const PROPOSAL = {
  customer: (d: ProposalData) => ({ zh: `客户「${d.customerName ?? ''}」转到${teams(d, 'zh')}`, en: `customer “${d.customerName ?? ''}” to ${teams(d, 'en')}` }),
  book: (d: ProposalData) => ({ zh: `${d.repName ?? ''}名下 ${d.customers} 个客户转到${teams(d, 'zh')}`, en: `${d.customers} customers of ${d.repName ?? ''} to ${teams(d, 'en')}` }),
  territory: (d: ProposalData) => ({ zh: `${d.teamName ?? ''}的辖区调整，涉及 ${d.customers} 个客户`, en: `a new territory for ${d.teamName ?? ''}, moving ${d.customers} customers` }),
} as const;

interface ProposalData {
  proposalId: string;
  kind: keyof typeof PROPOSAL;
  proposedBy: { id: string; name: string };
  receivingTeams: Array<{ team: string; teamName: string }>;
  customers: number;
  customerName?: string;
  repName?: string;
  teamName?: string;
}

function teams(d: ProposalData, language: 'zh' | 'en'): string {
  const names = d.receivingTeams.map((t) => t.teamName);
  if (names.length === 0) return language === 'zh' ? '待分配队列' : 'the unassigned queue';
  return names.join(language === 'zh' ? '、' : ', ');
}

/**
 * The notifications an event raises, with their recipients and text in both
 * languages: a rep hears of her appeal's verdict, of a protection about to end
 * and of a customer assigned or moved to her; a manager of an appeal or a
 * reassignment waiting for them. Names only, never ids or codes.
 */
export async function noticesFor(event: EventDoc, directory: Directory): Promise<Notice[]> {
  const data = event.data;
  switch (event.type) {
    case 'appeal.decided': {
      const d = data as { appealId: string; customerName?: string; verdict: keyof typeof VERDICT; comment?: string; decidedBy: { name: string }; appellant: { repId: string; team: string } };
      const verdict = VERDICT[d.verdict] ?? VERDICT.uphold;
      const customer = d.customerName ?? '';
      const comment = { zh: d.comment ? `（${d.comment}）` : '', en: d.comment ? ` (${d.comment})` : '' };
      return [{
        kind: 'appeal-decided',
        recipients: [d.appellant.repId],
        teams: [d.appellant.team],
        subject: { type: 'appeal', id: d.appealId },
        text: {
          zh: { title: `你对「${customer}」的申诉已裁决`, body: `${verdict.zh(d.decidedBy.name)}${comment.zh}。` },
          en: { title: `Your appeal for “${customer}” was decided`, body: `${verdict.en(d.decidedBy.name)}${comment.en}.` },
        },
      }];
    }
    case 'appeal.filed': {
      const d = data as { appealId: string; customerName: string; reason: string; appellant: { repId: string; repName: string; teamName: string }; holder: { repId: string; team: string } };
      const managers = await directory.managersOf([d.holder.team]);
      const recipients = (managers.length > 0 ? managers : await directory.admins()).filter((id) => id !== d.appellant.repId && id !== d.holder.repId);
      return [{
        kind: 'appeal-waiting',
        recipients,
        teams: [d.holder.team],
        subject: { type: 'appeal', id: d.appealId },
        text: {
          zh: { title: `「${d.customerName}」的申诉等待你裁决`, body: `${d.appellant.repName}（${d.appellant.teamName}）提出申诉：${d.reason}` },
          en: { title: `An appeal for “${d.customerName}” waits for you`, body: `${d.appellant.repName} (${d.appellant.teamName}) appeals: ${d.reason}` },
        },
      }];
    }
    case 'claim.expiring': {
      const d = data as { customerId: string; customerName: string; lapsesAt: string; holder: { repId: string; team: string }; owners: Owner[] };
      const owners = d.owners.length > 0 ? d.owners.map((o) => o.repId) : [d.holder.repId];
      return [{
        kind: 'protection-ending',
        recipients: [...new Set(owners)],
        teams: [d.holder.team],
        subject: { type: 'customer', id: d.customerId },
        text: {
          zh: { title: `「${d.customerName}」的保护期即将结束`, body: `保护期至 ${readableDate(d.lapsesAt, 'zh')}，到期后客户将回到公海。请及时跟进或成交。` },
          en: { title: `Protection of “${d.customerName}” ends soon`, body: `Protected until ${readableDate(d.lapsesAt, 'en')}; after that the customer returns to the pool. Follow up or close the deal.` },
        },
      }];
    }
    case 'assignment.changed': {
      const d = data as { customerId: string; customerName: string; from: OwnershipSide | null; to: OwnershipSide | null };
      if (!d.to) return [];
      const before = new Set((d.from?.owners ?? []).map((o) => o.repId));
      const recipients = d.to.owners.map((o) => o.repId).filter((id) => !before.has(id));
      if (recipients.length === 0) return [];
      const from = d.from ? { zh: `${d.from.owners.map((o) => o.repName).join('、')}（${d.from.teamName}）`, en: `${d.from.owners.map((o) => o.repName).join(', ')} (${d.from.teamName})` } : undefined;
      return [{
        kind: 'customer-assigned',
        recipients,
        teams: [d.to.team],
        subject: { type: 'customer', id: d.customerId },
        text: from
          ? {
              zh: { title: `客户「${d.customerName}」已转给你`, body: `客户从${from.zh}转到你名下（${d.to.teamName}）。` },
              en: { title: `Customer “${d.customerName}” moved to you`, body: `The customer moved from ${from.en} to you (${d.to.teamName}).` },
            }
          : {
              zh: { title: `新客户「${d.customerName}」分配给你`, body: `客户已分配到你名下（${d.to.teamName}）。` },
              en: { title: `New customer “${d.customerName}” assigned to you`, body: `The customer is now yours (${d.to.teamName}).` },
            },
      }];
    }
    case 'claim.created': {
      // A manager's transfer to one rep (assignment and reassignment tell through `assignment.changed`; a rep's own registration or pool claim tells no one).
      const d = data as { customerId: string; customerName: string; source: string; holder: { repId: string; team: string; teamName: string } };
      if (d.source !== 'transfer') return [];
      return [{
        kind: 'customer-assigned',
        recipients: [d.holder.repId],
        teams: [d.holder.team],
        subject: { type: 'customer', id: d.customerId },
        text: {
          zh: { title: `客户「${d.customerName}」已转给你`, body: `经理把客户转到了你名下（${d.holder.teamName}）。` },
          en: { title: `Customer “${d.customerName}” moved to you`, body: `A manager moved the customer to you (${d.holder.teamName}).` },
        },
      }];
    }
    case 'reassignment.proposed': {
      const d = data as unknown as ProposalData;
      const receiving = d.receivingTeams.map((t) => t.team);
      // Told are those who may decide it (see `deciderProblem`): a manager of every receiving team; an admin for a territory redraw, or a proposal no team receives.
      const deciders = d.kind === 'territory' || receiving.length === 0 ? await directory.admins() : await directory.managersOfEvery(receiving);
      const what = (PROPOSAL[d.kind] ?? PROPOSAL.customer)(d);
      return [{
        kind: 'reassignment-waiting',
        recipients: deciders.filter((id) => id !== d.proposedBy.id),
        teams: receiving,
        subject: { type: 'proposal', id: d.proposalId },
        text: {
          zh: { title: '一项重新分配等待你审批', body: `${d.proposedBy.name}提议：${what.zh}。` },
          en: { title: 'A reassignment waits for your decision', body: `${d.proposedBy.name} proposes ${what.en}.` },
        },
      }];
    }
    default:
      return [];
  }
}
