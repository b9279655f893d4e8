import type { Doc } from '../../store/collection.js';
import type { CompanyProfile } from '../duplicates/companyProfile.js';
import type { StoredProfile } from '../duplicates/storedProfile.js';
import type { RoutingFacts } from '../assignment/territory.js';

export type ClaimStatus = 'active' | 'expired' | 'released' | 'converted' | 'transferred';

/** A registered customer: the form as submitted, and the keys duplicate detection matches on. */
export interface CustomerDoc extends Doc {
  industry: string;
  templateVersion: number;
  fields: Record<string, unknown>;
  name: string;
  /** The legal identity's key (`legalIdentity`): the name in its place, and a credit code beside another's; unique, so one company is stored once. */
  nameKey: string;
  creditCode?: string;
  phoneKey?: string;
  /** What duplicate detection compares (without the fields the document holds: read it whole with `profileOfCustomer`), and the blocking keys that find this customer as a candidate. */
  profile: StoredProfile;
  dedupKeys: string[];
  /** Customers an admin ruled to be other companies: never reported as duplicates of this one. */
  distinctFrom?: string[];
  /** Names of customers merged into this one. */
  aliases?: string[];
  /** Blocking keys of customers merged into this one: their spellings keep finding it after a rename. */
  mergedKeys?: string[];
  /** Profiles of customers merged into this one: a check scores against the closest of these and its own. */
  aliasProfiles?: CompanyProfile[];
  region: string;
  grade: string;
  blacklisted: boolean;
  createdAt: string;
  createdBy: string;
  updatedAt?: string;
  updatedBy?: string;
  /** How the customer arrived. */
  origin?: 'registration' | 'lead' | 'import';
  /** What routing reads (leads carry it; for registrations it is derived from the form). */
  routing?: RoutingFacts;
  /** Priority score 0–100 (importance, urgency, history). */
  priority?: number;
}

/** An owner of a claim: inside and field sales for a dedicated customer, co-owners for a shared one, the holder for a registration. */
export interface Owner {
  repId: string;
  repName: string;
  role: 'inside' | 'field' | 'co-owner' | 'holder';
}

export interface FollowUp {
  at: string;
  by: string;
  note: string;
}

/** A rep's protected ownership of a customer. At most one is active per customer (a unique partial index). */
export interface ClaimDoc extends Doc {
  customerId: string;
  customerName: string;
  repId: string;
  repName: string;
  /** The holder's team id, and its name as shown to others. */
  team: string;
  teamName: string;
  grade: string;
  status: ClaimStatus;
  /** Set while the claim holds the customer (active or converted): one per customer, by a unique partial index. */
  holding?: true;
  /** How the claim began. */
  source: 'registration' | 'pool' | 'appeal' | 'transfer' | 'assignment' | 'reassignment';
  /** Everyone who owns the customer through this claim, with their role; `repId` is the first of them. */
  owners?: Owner[];
  /** The owners' ids (every claim has them: a registration's is the registrant), indexed for each owner's list. */
  ownerIds?: string[];
  /** What the claim weighs in each owner's load (by grade). */
  weight?: number;
  /** The customer's priority score when the claim was granted: orders each owner's list. */
  priority?: number;
  /** How assignment chose the owners. */
  assignment?: { strategy: string; ownership: 'dedicated' | 'shared'; turns?: number[]; policyVersion: string };
  protectionDays: number;
  grantedAt: string;
  /** Protection ends here unless a follow-up renews it. */
  expiresAt: string;
  /** Without a deal the claim lapses here, follow-ups or not (the policy's dealDays). */
  dealDeadline?: string;
  /** Remind the holder this many days before the claim lapses. */
  remindDaysBefore?: number;
  /** The lapse date a reminder was last sent for. */
  remindedFor?: string;
  /** Customers this one resembles, below the duplicate threshold: a manager should look. */
  review?: { matches: Array<{ customerId: string; customerName: string; score: number; reasons: string[] }>; resolved?: boolean };
  /** An open deal or contract: the claim does not lapse. */
  locked?: boolean;
  convertedAt?: string;
  endedAt?: string;
  followUps: FollowUp[];
  policyVersion: string;
  templateVersion: number;
}

/** A registration that met an active claim: kept so the registrant can appeal. */
export interface CollisionDoc extends Doc {
  at: string;
  customerId: string;
  claimId: string;
  holderRepId: string;
  holderTeam: string;
  registrantId: string;
  registrantTeam: string;
  matches: Array<{ score: number; reasons: string[] }>;
  /** What the registrant submitted (their own data), for an appeal. */
  submission: { industry: string; customer: Record<string, unknown> };
}

export type AppealVerdict = 'uphold' | 'grant' | 'different-companies';

/** A registrant's appeal against a duplicate verdict, decided by the holder's manager or an admin. */
export interface AppealDoc extends Doc {
  collisionId: string;
  customerId: string;
  claimId: string;
  appellantId: string;
  appellantName: string;
  appellantTeam: string;
  holderRepId: string;
  holderTeam: string;
  reason: string;
  status: 'open' | 'decided';
  createdAt: string;
  verdict?: AppealVerdict;
  comment?: string;
  decidedBy?: string;
  decidedAt?: string;
  /** The claim the appellant received, when the verdict gave them one. */
  grantedClaimId?: string;
}
