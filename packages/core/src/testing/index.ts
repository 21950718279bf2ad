/**
 * `@chatcart/core/testing`: the port contract suites every adapter runs, and the kit for testing a bot
 * without a server.
 *
 * @packageDocumentation
 */

export { type CapturedLogLine, CapturingLogger, type LogLevel } from './capturing-logger.js';
export { describeCampaignRepositoryContract } from './contracts/campaign-repository.contract.js';
export type { ContractClock } from './contracts/contract-time.js';
export {
  type ConversationLockHarness,
  describeConversationLockContract,
} from './contracts/conversation-lock.contract.js';
export { describeCustomerRepositoryContract } from './contracts/customer-repository.contract.js';
export {
  describeIdempotencyStoreContract,
  type IdempotencyStoreHarness,
} from './contracts/idempotency-store.contract.js';
export {
  describeInvoiceNumberSequenceContract,
  type InvoiceNumberSequenceHarness,
  type InvoiceNumberTransaction,
} from './contracts/invoice-number-sequence.contract.js';
export { describeInvoiceRepositoryContract } from './contracts/invoice-repository.contract.js';
export { describeJobQueueContract, type JobQueueHarness } from './contracts/job-queue.contract.js';
export { describeOrderRepositoryContract } from './contracts/order-repository.contract.js';
export { describeOutboxContract, type OutboxHarness } from './contracts/outbox.contract.js';
export { describeProductCatalogContract } from './contracts/product-catalog-repository.contract.js';
export {
  describeRateLimitStoreContract,
  type RateLimitStoreHarness,
} from './contracts/rate-limit-store.contract.js';
export { describeReminderRepositoryContract } from './contracts/reminder-repository.contract.js';
export { describeRepositoriesContract } from './contracts/repositories.contract.js';
export type {
  RepositoriesHarness,
  RepositoriesHarnessFactory,
} from './contracts/repository-contract-support.js';
export {
  describeSessionStoreContract,
  type SessionStoreHarness,
} from './contracts/session-store.contract.js';
export { describeTransportContract, type TransportHarness } from './contracts/transport.contract.js';
export { ManualClock } from './manual-clock.js';
export { ManualScheduler } from './manual-scheduler.js';
export { SequentialIdGenerator } from './sequential-id-generator.js';
export {
  KNOWN_SERVICES,
  requireService,
  type ServiceRequirement,
  ServiceUnavailableError,
  serviceOrSkip,
} from './services.js';
