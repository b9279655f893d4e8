import { randomBytes } from 'node:crypto';
import { resolve } from 'node:path';
import express from 'express';
import type { Express } from 'express';
import { POLICY_KINDS } from '@crm-policy/engine';
import type { Policy, PolicyKind } from '@crm-policy/engine';
import { AtRestCipher } from './atRest/atRestCipher.js';
import { prepareSealedFields } from './atRest/prepareSealedFields.js';
import { ApiKeys } from './auth/apiKeys.js';
import { createAuthenticator } from './auth/authenticator.js';
import { DEFAULT_PASSWORD_CHECK_LIMITS, PasswordHasher } from './auth/passwordHasher.js';
import type { PasswordCheckLimits } from './auth/passwordHasher.js';
import { passwordProblems } from './auth/passwordPolicy.js';
import { DEFAULT_SIGN_IN_LIMITS, SignInThrottle } from './auth/signInThrottle.js';
import type { SignInLimits } from './auth/signInThrottle.js';
import { TokenSigner } from './auth/tokens.js';
import { AuditLog } from './domain/audit/auditLog.js';
import { AppealsService } from './domain/claims/appealsService.js';
import { ClaimsService } from './domain/claims/claimsService.js';
import { PoolService } from './domain/claims/poolService.js';
import { TransferService } from './domain/claims/transferService.js';
import { RegistrationService } from './domain/registration/registrationService.js';
import type { TemplateDefinition } from './domain/templates/templateDefinition.js';
import { DuplicateFinder } from './domain/duplicates/duplicateFinder.js';
import { migrateIdentityKeys } from './domain/duplicates/identityKeyMigration.js';
import { CustomersService } from './domain/claims/customersService.js';
import { AssignmentService } from './domain/assignment/assignmentService.js';
import { Balancer } from './domain/assignment/balancer.js';
import { LeadsService } from './domain/assignment/leadsService.js';
import { PrioritySettings } from './domain/assignment/priority.js';
import { Dashboard } from './domain/dashboard/dashboard.js';
import { Reassignments } from './domain/assignment/reassignment.js';
import { TeamSetup } from './domain/assignment/teamSetup.js';
import { Workloads } from './domain/assignment/workloads.js';
import { CreditAccounts } from './domain/credit/creditAccounts.js';
import { CreditAssessments } from './domain/credit/creditAssessments.js';
import { creditReportSchema } from './domain/credit/creditReport.js';
import { FileReportProvider } from './domain/credit/creditReportProvider.js';
import type { CreditReportProvider } from './domain/credit/creditReportProvider.js';
import { CreditReviews } from './domain/credit/creditReviews.js';
import { SectorRisk } from './domain/credit/sectorRisk.js';
import { Outbox } from './domain/events/outbox.js';
import { Leases } from './domain/jobs/leases.js';
import { HAS_STAGED_EVENTS, STAGED_EVENTS } from './domain/events/stagedEvents.js';
import { DecisionExplanations } from './domain/policies/decisionExplanations.js';
import { DecisionLog } from './domain/policies/decisionLog.js';
import { LivePolicies } from './domain/policies/livePolicies.js';
import { PolicyVersions } from './domain/policies/policyVersions.js';
import { Simulations } from './domain/policies/simulations.js';
import { WebhookDispatcher } from './domain/events/webhookDispatcher.js';
import type { DispatcherOptions } from './domain/events/webhookDispatcher.js';
import { Webhooks } from './domain/events/webhooks.js';
import { Inbox } from './domain/notifications/inbox.js';
import { Notifier } from './domain/notifications/notifier.js';
import { TeamRobots } from './domain/notifications/teamRobots.js';
import { DuplicateScan } from './domain/duplicates/duplicateScan.js';
import { DEFAULT_IMPORT_LIMITS } from './domain/imports/importLimits.js';
import type { ImportLimits } from './domain/imports/importLimits.js';
import { TemplatesRepository } from './domain/templates/templatesRepository.js';
import { UsersRepository } from './domain/users/usersRepository.js';
import { UserAccounts } from './domain/users/userAccounts.js';
import { DEFAULT_USER_CACHE } from './domain/users/userCache.js';
import { ApiError } from './http/apiError.js';
import { DomainError } from './domain/domainError.js';
import { errorHandler } from './http/errorHandler.js';
import { securityHeaders } from './http/securityHeaders.js';
import { serveWebApp } from './http/webAppFiles.js';
import { RequestValidator } from './validation/requestValidator.js';
import { openApiDocument } from './http/openApi.js';
import { defineRoute, mountRoutes } from './http/route.js';
import { prepareUploadFolder } from './http/uploadFolder.js';
import type { RouteSpec } from './http/route.js';
import type { Logger } from './logger.js';
import { consoleLogger } from './logger.js';
import { Metrics } from './operations/metrics.js';
import { OutboundGuard } from './outbound/outboundGuard.js';
import type { OutboundOptions } from './outbound/outboundGuard.js';
import { requestLogging } from './http/requestLogging.js';
import { metricsEndpoint } from './routes/metricsEndpoint.js';
import { notificationRoutes } from './routes/notificationRoutes.js';
import { authRoutes } from './routes/authRoutes.js';
import { accountRoutes } from './routes/accountRoutes.js';
import { adminRoutes } from './routes/adminRoutes.js';
import { assignmentRoutes } from './routes/assignmentRoutes.js';
import { creditRoutes } from './routes/creditRoutes.js';
import { customerRoutes } from './routes/customerRoutes.js';
import { duplicateRoutes } from './routes/duplicateRoutes.js';
import { eventRoutes } from './routes/eventRoutes.js';
import { organisationRoutes } from './routes/organisationRoutes.js';
import { integrationRoutes } from './routes/integrationRoutes.js';
import { poolRoutes } from './routes/poolRoutes.js';
import { dashboardRoutes } from './routes/dashboardRoutes.js';
import { decisionRoutes } from './routes/decisionRoutes.js';
import { registrarRoutes } from './routes/registrarRoutes.js';
import { policyRoutes } from './routes/policyRoutes.js';
import { registrationRoutes } from './routes/registrationRoutes.js';
import { templateRoutes } from './routes/templateRoutes.js';
import type { Services } from './services.js';
import type { Store } from './store/collection.js';
import { isDuplicateKey } from './store/storeError.js';

/** The collections whose documents carry staged events (see Outbox). */
const EVENT_CARRIERS = ['claims', 'appeals', 'reassignments', 'creditAssessments', 'policyHeads'];

export interface AppOptions {
  store: Store;
  /** The rules folder's policies: published into the store for policies it has no version of (first start); afterwards the store's published versions decide. */
  policies: Record<PolicyKind, Policy>;
  /** The shipped industry templates, loaded into the store for industries that have none. */
  templates: readonly TemplateDefinition[];
  clock?: () => Date;
  logger?: Logger;
  /** Where the app counts what it does (default: a registry of its own). */
  metrics?: Metrics;
  config: {
    /** Signs login tokens; at least 32 characters. */
    tokenSecret: string;
    tokenLifetimeSeconds?: number;
    /** The first admin's password; random (and returned) when not given. It must pass the password rule (12 characters, not a common password). */
    adminPassword?: string | undefined;
    /** Express's `trust proxy`: which proxies' `X-Forwarded-For` names the client (default none: the connection's address). */
    trustProxy?: boolean | number | string;
    /** Wrong passwords allowed per account and per address, and the locks after them (see SignInThrottle). */
    signIn?: Partial<SignInLimits>;
    /** Password hashes at once, and waiting (see PasswordHasher). */
    passwordChecks?: Partial<PasswordCheckLimits>;
    /** How long this process trusts what it read of a user for the check on every request (default 2000 ms). */
    userCacheMs?: number;
    /** Largest accepted request body (default 256kb). */
    bodyLimit?: string;
    /** The built web app (`packages/admin-ui/dist`), served at `/` when given. */
    uiDir?: string;
    /** A bearer token Prometheus sends to read `GET /metrics`; without it only an admin may read them. */
    metricsToken?: string | undefined;
    /** Start the worker thread simulations decide in with the server, compiled with the published versions, so a simulation starts deciding at once (default off; the server's `start` turns it on). */
    warmSimulationWorker?: boolean;
    /** Where uploaded files wait while they are read; emptied of earlier uploads at start (default: a new temporary folder). */
    uploadDir?: string;
    /** Where `POST /api/admin/export` writes its folders (`EXPORT_DIR`; default `./exports`). */
    exportDir?: string;
    /** Limits of a file import (each defaults to `DEFAULT_IMPORT_LIMITS`'s). */
    imports?: Partial<ImportLimits>;
    /** How long the dashboard's figures are reused for the same scope (default 30 s; 0 keeps none, though identical requests at once still share one computation). */
    dashboardCacheMs?: number;
    /** Webhook delivery timing (timeout, backoff, how long to retry). */
    webhooks?: DispatcherOptions;
    /** The data key (`DATA_KEY`: 32 bytes as 64 hex digits or base64) sealing webhook secrets and credit reports at rest; without it they are kept plain. */
    dataKey?: string | undefined;
    /** The outbound rule's allow-list (`OUTBOUND_ALLOW`): hosts and ranges reachable although not public. */
    outbound?: OutboundOptions;
    credit?: {
      /** Where credit reports come from; default: JSON files in `reportsDir`. */
      provider?: CreditReportProvider;
      /** The file provider's folder (default `./credit-reports`). */
      reportsDir?: string;
      /** How long a provider has to answer (default 10 s). */
      providerTimeoutMs?: number;
    };
  };
}

export interface CreatedApp {
  app: Express;
  services: Services;
  /** Set when this start created the first admin with a random password: show it once. */
  generatedAdminPassword?: string;
  routes: readonly RouteSpec<never>[];
}

/**
 * Builds the API on a store: creates indexes, loads templates, creates the
 * first admin on an empty store, and returns an Express app that is not yet listening.
 */
export async function createApp(options: AppOptions): Promise<CreatedApp> {
  if (options.config.tokenSecret.length < 32) throw new Error('The token secret must be at least 32 characters');
  const clock = options.clock ?? (() => new Date());
  const logger = options.logger ?? consoleLogger;
  const metrics = options.metrics ?? new Metrics().watchStore(options.store);
  const { store } = options;
  // Before anything else touches the store: a start that cannot read the sealed fields writes nothing.
  const cipher = new AtRestCipher(options.config.dataKey);
  await prepareSealedFields(store, cipher, logger);
  const passwords = new PasswordHasher({ ...DEFAULT_PASSWORD_CHECK_LIMITS, ...options.config.passwordChecks });
  const users = new UsersRepository(store, clock, passwords);
  const audit = new AuditLog(store, clock);
  const templates = new TemplatesRepository(store, clock);
  const workloads = new Workloads(store);
  const leases = new Leases(store, clock);
  const outbox = new Outbox(store, EVENT_CARRIERS, { clock, leases });
  const claims = new ClaimsService(store, audit, clock, workloads, outbox);
  const decisionLog = new DecisionLog(store);
  const policyVersions = new PolicyVersions(store, { audit, outbox, clock, regions: () => territoryRegions(users) });
  const live = new LivePolicies({ versions: policyVersions, log: decisionLog, logger, metrics });
  const validator = new RequestValidator();
  const nameOf = async (userId: string) => (await users.users.findOne({ _id: userId }, { projection: { displayName: 1 } }))?.displayName ?? userId;
  const assignment = new AssignmentService(store, {
    claims,
    users,
    balancer: new Balancer(store, workloads, nameOf),
    policy: live.live('assignment'),
    audit,
    outbox,
    clock,
  });
  const priority = new PrioritySettings(store);
  const outbound = new OutboundGuard(options.config.outbound);
  const webhooks = new Webhooks(store, clock, outbound, cipher);
  const inbox = new Inbox(store, clock);
  const robots = new TeamRobots(store, { clock, outbound, cipher });
  const notifier = new Notifier({ inbox, robots, users });
  const duplicates = new DuplicateFinder(store, claims.customers);
  const queuedAmong = (ids: readonly string[]) => assignment.queuedAmong(ids);
  const customers = new CustomersService({ claims, templates, duplicates, audit, queuedAmong, clock });
  const sectors = new SectorRisk(store, clock);
  const creditAccounts = new CreditAccounts(store, clock);
  const credit = options.config.credit ?? {};
  const creditAssessments = new CreditAssessments(store, {
    claims,
    customers,
    accounts: creditAccounts,
    sectors,
    provider: credit.provider ?? new FileReportProvider(credit.reportsDir ?? 'credit-reports', validator.compile(creditReportSchema())),
    providerTimeoutMs: credit.providerTimeoutMs ?? 10_000,
    policy: live.live('credit-risk'),
    audit,
    outbox,
    cipher,
    clock,
  });
  const teamName = async (teamId: string) => (await users.teams.findOne({ _id: teamId }))?.name ?? teamId;
  const importLimits: ImportLimits = { ...DEFAULT_IMPORT_LIMITS, ...options.config.imports };
  const services: Services = {
    store,
    users,
    accounts: new UserAccounts(users, passwords, clock, { ...DEFAULT_USER_CACHE, ttlMs: options.config.userCacheMs ?? DEFAULT_USER_CACHE.ttlMs }),
    passwords,
    signIn: new SignInThrottle({ ...DEFAULT_SIGN_IN_LIMITS, ...options.config.signIn }),
    apiKeys: new ApiKeys(store, clock),
    tokens: new TokenSigner(options.config.tokenSecret, options.config.tokenLifetimeSeconds ?? 3600, clock),
    templates,
    claims,
    pool: new PoolService(store, claims, audit, clock, () => assignment.queuedIds()),
    transfers: new TransferService(claims, users, audit, teamName),
    appeals: new AppealsService(store, claims, audit, teamName, clock),
    audit,
    registrations: new RegistrationService({
      templates,
      claims,
      audit,
      eligibility: live.live('claim-eligibility'),
      teamName,
      duplicates,
      metrics,
      queuedAmong,
      clock,
    }),
    duplicates,
    duplicateScan: new DuplicateScan(store, claims, duplicates, audit, clock, logger),
    customers,
    sectors,
    creditAccounts,
    creditAssessments,
    creditReviews: new CreditReviews(store, { assessments: creditAssessments, accounts: creditAccounts, sectors, claims, policy: live.live('credit-risk'), audit, clock, logger }),
    assignment,
    priority,
    outbox,
    leases,
    outbound,
    webhooks,
    webhookDispatcher: new WebhookDispatcher(store, { outbox, webhooks, outbound, clock, logger, metrics, notifier, robots }, options.config.webhooks),
    inbox,
    robots,
    teamSetup: new TeamSetup({ users, claims, workloads, audit, clock }),
    reassignments: new Reassignments(store, { claims, users, assignment, audit, outbox, clock }),
    dashboard: new Dashboard(store, clock, { cacheMs: options.config.dashboardCacheMs ?? 30_000 }),
    lifecycle: { stopping: false },
    leads: new LeadsService(store, { claims, duplicates, assignment, priority, audit, validator, limits: importLimits, clock, logger }),
    importLimits,
    policyVersions,
    livePolicies: live,
    simulations: new Simulations(store, { versions: policyVersions, live, log: decisionLog, audit, clock, logger }),
    decisionLog,
    decisionExplanations: new DecisionExplanations({ log: decisionLog, versions: policyVersions }),
    metrics,
    clock,
    logger,
  };

  // A standalone MongoDB server has no transactions: changes of several documents are then written one after another.
  const storeHealth = await store.health();
  if (store.kind === 'mongodb' && storeHealth.ok && storeHealth.detail['atomicWrites'] !== 'transactions') {
    logger.warn('MongoDB is a standalone server: changes of several documents are written one after another, not atomically; use a replica set', { atomicWrites: storeHealth.detail['atomicWrites'] });
  }
  await users.createIndexes();
  await claims.createIndexes();
  await migrateIdentityKeys(store, claims.customers, logger);
  await services.appeals.createIndexes();
  await duplicates.createIndexes();
  const matchingDataStored = await duplicates.storeMatchingData();
  if (matchingDataStored > 0) logger.info('stored the matching data of customers that lacked it', { customers: matchingDataStored });
  const rekeyed = await duplicates.scopeStoredKeys();
  if (rekeyed > 0) logger.info('stored customers under blocking keys scoped to the province their names state', { customers: rekeyed });
  await services.duplicateScan.prepare();
  await outbox.createIndexes();
  await decisionLog.createIndexes();
  await audit.createIndexes();
  await policyVersions.createIndexes();
  for (const kind of POLICY_KINDS) await policyVersions.seed(options.policies[kind].ruleFile);
  await policyVersions.reconcile();
  await live.refresh();
  await services.webhookDispatcher.createIndexes();
  await inbox.createIndexes();
  await robots.createIndexes();
  await assignment.createIndexes();
  await services.leads.prepare();
  await sectors.createIndexes();
  await creditAccounts.createIndexes();
  await creditAssessments.createIndexes();
  await services.creditReviews.prepare();
  await services.simulations.prepare();
  if (options.config.warmSimulationWorker) services.simulations.warm();
  await claims.recountWorkloads();
  await templates.seed(options.templates);
  const generatedAdminPassword = await ensureAdmin(users, options.config.adminPassword);
  const uploadDir = await prepareUploadFolder(options.config.uploadDir);

  const app = express();
  app.disable('x-powered-by');
  app.set('trust proxy', options.config.trustProxy ?? false);
  app.set('query parser', 'simple');
  app.use(requestLogging(logger, metrics));
  // Only active API keys' origins may frame the embeddable form; nothing else is framed by others.
  app.use(securityHeaders((request) => (options.config.uiDir && request.path === '/embed/register' ? services.apiKeys.embedOrigins() : null)));
  // Events staged in a document are the outbox's business, never a caller's.
  app.set('json replacer', (key: string, value: unknown) => (key === STAGED_EVENTS || key === HAS_STAGED_EVENTS ? undefined : value));
  app.use(express.json({ limit: options.config.bodyLimit ?? '256kb', strict: true }));
  const routes = [...authRoutes(services), ...organisationRoutes(services), ...accountRoutes(services), ...integrationRoutes(services), ...templateRoutes(services), ...registrationRoutes(services), ...poolRoutes(services), ...duplicateRoutes(services), ...customerRoutes(services), ...assignmentRoutes(services), ...eventRoutes(services), ...notificationRoutes(services), ...creditRoutes(services), ...policyRoutes(services), ...decisionRoutes(services), ...registrarRoutes(services), ...dashboardRoutes(services)] as RouteSpec<never>[];
  routes.push(...(adminRoutes(services, { exportDir: options.config.exportDir ?? resolve('exports') }) as RouteSpec<never>[]));
  const openApi = defineRoute({
    method: 'get',
    path: '/api/openapi.json',
    summary: 'This description of the API',
    access: 'public',
    async handler() {
      return { body: document };
    },
  }) as RouteSpec<never>;
  routes.push(openApi);
  const document = openApiDocument(routes, '0.1.0');
  const authenticate = createAuthenticator(services);
  mountRoutes(app, routes, { authenticate, validator, uploadDir });
  app.get('/metrics', metricsEndpoint(services, options.config.metricsToken, authenticate));
  app.use('/api', (request, _response, next) => next(new ApiError('not-found', `No route ${request.method} ${request.originalUrl}`)));
  if (options.config.uiDir) serveWebApp(app, options.config.uiDir);
  app.use(errorHandler(logger));
  return { app, services, routes, ...(generatedAdminPassword ? { generatedAdminPassword } : {}) };
}

/** Every region code in the teams' territories: what the assignment policy should be able to reach. */
async function territoryRegions(users: UsersRepository): Promise<string[]> {
  const teams = await users.teams.find({}, { projection: { territories: 1 } });
  return [...new Set(teams.flatMap((team) => (team.territories ?? []).flatMap((territory) => territory.regions)))];
}

async function ensureAdmin(users: UsersRepository, password: string | undefined): Promise<string | undefined> {
  if ((await users.users.countDocuments({})) > 0) return undefined;
  const problems = password === undefined ? [] : passwordProblems(password);
  if (problems.length > 0) throw new Error(`The first admin's password (ADMIN_PASSWORD) ${problems.map((problem) => problem.message).join(' and ')}`);
  const chosen = password ?? randomBytes(12).toString('base64url');
  try {
    await users.createUser({ username: 'admin', password: chosen, displayName: 'admin', role: 'admin', teams: [] });
  } catch (error) {
    if (isDuplicateKey(error) || (error instanceof DomainError && error.code === 'conflict')) return undefined;
    throw error;
  }
  return password ? undefined : chosen;
}
