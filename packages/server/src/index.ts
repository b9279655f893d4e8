/**
 * crm-policy server: the HTTP API over Express, on MongoDB or the embedded store.
 * @packageDocumentation
 */
export type {
  AtomicWrite,
  Collection,
  Doc,
  Filter,
  FindOneAndUpdateOptions,
  FindOptions,
  IndexSpec,
  Store,
  StoreHealth,
  Update,
  UpdateResult,
} from './store/collection.js';
export { EmbeddedStore, PACKED_COLLECTIONS } from './store/embedded/embeddedStore.js';
export { STORE_FORMAT } from './store/embedded/dataFolder.js';
export { snapshotDocumentLine } from './store/embedded/snapshotLine.js';
export { MongoStore } from './store/mongo/mongoStore.js';
export { openStore } from './store/openStore.js';
export { WriteGroup } from './store/writeGroup.js';
export { StoreError, isDuplicateKey, isWriteConflict } from './store/storeError.js';
export { EMBEDDED_ADVISED_LIMIT } from './store/embedded/advisedLimits.js';
export { exportStore } from './store/exchange/exportStore.js';
export type { ExportSummary } from './store/exchange/exportStore.js';
export { importIntoEmptyFolder } from './store/exchange/importStore.js';
export type { ImportSummary } from './store/exchange/importStore.js';
export { ExchangeError } from './store/exchange/exchangeError.js';
export type { ExchangeErrorCode } from './store/exchange/exchangeError.js';
export type { StoreErrorCode } from './store/storeError.js';
export { createApp } from './app.js';
export type { AppOptions, CreatedApp } from './app.js';
export { loadPolicies, loadTemplates, main } from './main.js';
export type { Principal, Role } from './auth/principal.js';
export { ApiError } from './http/apiError.js';
export type { ApiErrorCode } from './http/apiError.js';
export { DOMAIN_ERROR_CODES, DomainError } from './domain/domainError.js';
export type { DomainErrorCode } from './domain/domainError.js';
export type { Logger } from './logger.js';
export { memoryLogger } from './logger.js';
export { isValidCreditCode, creditCodeCheckCharacter } from '@crm-policy/engine';
export { parseCompanyName, foldName } from './domain/duplicates/companyName.js';
export type { ParsedName } from './domain/duplicates/companyName.js';
export { blockingKeys, identityKey, profileOf } from './domain/duplicates/companyProfile.js';
export type { CompanyProfile } from './domain/duplicates/companyProfile.js';
export { profileOfCustomer } from './domain/duplicates/storedProfile.js';
export type { StoredProfile } from './domain/duplicates/storedProfile.js';
export { DEFAULT_DUPLICATE_SETTINGS, matchCompanies, verdictOf } from './domain/duplicates/matchCompanies.js';
export type { DuplicateSettings, Match } from './domain/duplicates/matchCompanies.js';
export { emailDomain, phoneE164, websiteHost } from './domain/duplicates/contactKeys.js';
export { DuplicateFinder } from './domain/duplicates/duplicateFinder.js';
export type { Candidate } from './domain/duplicates/duplicateFinder.js';
export { newCustomer } from './domain/claims/newCustomer.js';
export { signWebhook, verifyWebhook, WEBHOOK_HEADERS } from './domain/events/webhookSignature.js';
export { WEBHOOK_EVENTS } from './domain/events/webhooks.js';
export { OutboundGuard } from './outbound/outboundGuard.js';
export type { OutboundOptions, Resolver } from './outbound/outboundGuard.js';
export { postOutbound } from './outbound/postOutbound.js';
export type { OutboundPost } from './outbound/postOutbound.js';
export { OutboundRefused } from './outbound/outboundRefused.js';
export { FileReportProvider, ProviderUnavailable } from './domain/credit/creditReportProvider.js';
export type { CreditReportProvider, ReportSubject } from './domain/credit/creditReportProvider.js';
export type { CreditReport } from './domain/credit/creditReport.js';
export { Outbox } from './domain/events/outbox.js';
export type { EventDoc } from './domain/events/outbox.js';
export { carrying, pushing, withoutStaged } from './domain/events/stagedEvents.js';
export type { StagedEvent } from './domain/events/stagedEvents.js';
export { Leases } from './domain/jobs/leases.js';
export { JobScheduler } from './domain/jobs/jobScheduler.js';
export type { JobRun, ScheduledJob } from './domain/jobs/jobScheduler.js';
export { DEMO_DIRECTOR, DEMO_PASSWORD, DEMO_TEAMS, loadDemoOrganisation } from './demo/demoOrganisation.js';
