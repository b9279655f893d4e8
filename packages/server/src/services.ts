import type { Policy, PolicyKind } from '@crm-policy/engine';
import type { ApiKeys } from './auth/apiKeys.js';
import type { TokenSigner } from './auth/tokens.js';
import type { AuditLog } from './domain/audit/auditLog.js';
import type { AppealsService } from './domain/claims/appealsService.js';
import type { ClaimsService } from './domain/claims/claimsService.js';
import type { CustomersService } from './domain/claims/customersService.js';
import type { AssignmentService } from './domain/assignment/assignmentService.js';
import type { LeadsService } from './domain/assignment/leadsService.js';
import type { PrioritySettings } from './domain/assignment/priority.js';
import type { Reassignments } from './domain/assignment/reassignment.js';
import type { TeamSetup } from './domain/assignment/teamSetup.js';
import type { Outbox } from './domain/events/outbox.js';
import type { PoolService } from './domain/claims/poolService.js';
import type { DuplicateFinder } from './domain/duplicates/duplicateFinder.js';
import type { DuplicateScan } from './domain/duplicates/duplicateScan.js';
import type { TransferService } from './domain/claims/transferService.js';
import type { RegistrationService } from './domain/registration/registrationService.js';
import type { TemplatesRepository } from './domain/templates/templatesRepository.js';
import type { UsersRepository } from './domain/users/usersRepository.js';
import type { Logger } from './logger.js';
import type { Store } from './store/collection.js';

/** Everything routes use, built once per app by `createApp`. */
export interface Services {
  store: Store;
  users: UsersRepository;
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
  teamSetup: TeamSetup;
  leads: LeadsService;
  reassignments: Reassignments;
  audit: AuditLog;
  policies: Record<PolicyKind, Policy>;
  clock: () => Date;
  logger: Logger;
}
