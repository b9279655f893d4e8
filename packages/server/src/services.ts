import type { ApiKeys } from './auth/apiKeys.js';
import type { PasswordHasher } from './auth/passwordHasher.js';
import type { SignInThrottle } from './auth/signInThrottle.js';
import type { TokenSigner } from './auth/tokens.js';
import type { AuditLog } from './domain/audit/auditLog.js';
import type { AppealsService } from './domain/claims/appealsService.js';
import type { ClaimsService } from './domain/claims/claimsService.js';
import type { CustomersService } from './domain/claims/customersService.js';
import type { AssignmentService } from './domain/assignment/assignmentService.js';
import type { LeadsService } from './domain/assignment/leadsService.js';
import type { PrioritySettings } from './domain/assignment/priority.js';
import type { Reassignments } from './domain/assignment/reassignment.js';
import type { Dashboard } from './domain/dashboard/dashboard.js';
import type { TeamSetup } from './domain/assignment/teamSetup.js';
import type { CreditAccounts } from './domain/credit/creditAccounts.js';
import type { CreditAssessments } from './domain/credit/creditAssessments.js';
import type { CreditReviews } from './domain/credit/creditReviews.js';
import type { SectorRisk } from './domain/credit/sectorRisk.js';
import type { Outbox } from './domain/events/outbox.js';
import type { Leases } from './domain/jobs/leases.js';
import type { Metrics } from './operations/metrics.js';
import type { OutboundGuard } from './outbound/outboundGuard.js';
import type { DecisionExplanations } from './domain/policies/decisionExplanations.js';
import type { DecisionLog } from './domain/policies/decisionLog.js';
import type { LivePolicies } from './domain/policies/livePolicies.js';
import type { PolicyVersions } from './domain/policies/policyVersions.js';
import type { Simulations } from './domain/policies/simulations.js';
import type { WebhookDispatcher } from './domain/events/webhookDispatcher.js';
import type { Webhooks } from './domain/events/webhooks.js';
import type { Inbox } from './domain/notifications/inbox.js';
import type { TeamRobots } from './domain/notifications/teamRobots.js';
import type { PoolService } from './domain/claims/poolService.js';
import type { DuplicateFinder } from './domain/duplicates/duplicateFinder.js';
import type { DuplicateScan } from './domain/duplicates/duplicateScan.js';
import type { ImportLimits } from './domain/imports/importLimits.js';
import type { TransferService } from './domain/claims/transferService.js';
import type { RegistrationService } from './domain/registration/registrationService.js';
import type { TemplatesRepository } from './domain/templates/templatesRepository.js';
import type { UsersRepository } from './domain/users/usersRepository.js';
import type { UserAccounts } from './domain/users/userAccounts.js';
import type { Logger } from './logger.js';
import type { Store } from './store/collection.js';

/** Everything routes use, built once per app by `createApp`. */
export interface Services {
  store: Store;
  users: UsersRepository;
  /** Disabling, passwords, role changes, sign-outs, and the per-request check of a token's user. */
  accounts: UserAccounts;
  /** Password hashing and checks, a bounded number at a time. */
  passwords: PasswordHasher;
  /** Wrong-password counters and locks per account and per address. */
  signIn: SignInThrottle;
  apiKeys: ApiKeys;
  tokens: TokenSigner;
  templates: TemplatesRepository;
  registrations: RegistrationService;
  claims: ClaimsService;
  pool: PoolService;
  appeals: AppealsService;
  transfers: TransferService;
  duplicates: DuplicateFinder;
  duplicateScan: DuplicateScan;
  customers: CustomersService;
  assignment: AssignmentService;
  priority: PrioritySettings;
  outbox: Outbox;
  /** Leases that make scheduled work run on one process at a time. */
  leases: Leases;
  metrics: Metrics;
  /** Set when the process has begun to stop: health reports 503 so a load balancer drains it. */
  lifecycle: { stopping: boolean };
  /** The rule every call to a configured URL goes through (webhooks; later notifications, report providers). */
  outbound: OutboundGuard;
  webhooks: Webhooks;
  webhookDispatcher: WebhookDispatcher;
  /** Each person's notifications (appeals decided or waiting, protection ending, customers assigned, reassignments waiting). */
  inbox: Inbox;
  /** Teams' chat robots (DingTalk, WeCom, Feishu) that notifications are posted to. */
  robots: TeamRobots;
  teamSetup: TeamSetup;
  leads: LeadsService;
  /** What one file import may take (rows, bytes), for every import route. */
  importLimits: ImportLimits;
  reassignments: Reassignments;
  dashboard: Dashboard;
  creditAccounts: CreditAccounts;
  creditAssessments: CreditAssessments;
  creditReviews: CreditReviews;
  sectors: SectorRisk;
  audit: AuditLog;
  policyVersions: PolicyVersions;
  livePolicies: LivePolicies;
  decisionLog: DecisionLog;
  /** Explains recorded decisions again (audit entries name them instead of carrying the explanation). */
  decisionExplanations: DecisionExplanations;
  simulations: Simulations;
  clock: () => Date;
  logger: Logger;
}
