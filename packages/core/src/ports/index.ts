export type { Clock } from './clock.js';
export { systemClock } from './clock.js';
export type { ConversationLease, ConversationLock, ConversationLockOptions } from './conversation-lock.js';
export { LockLostError, LockTimeoutError } from './conversation-lock.js';
export type { IdGenerator } from './id-generator.js';
export { uuidGenerator } from './id-generator.js';
export type { IdempotencyStore } from './idempotency-store.js';
export type {
  InvoiceNumberFormat,
  InvoiceNumberOptions,
  InvoiceNumberSequence,
} from './invoice-number-sequence.js';
export { formatInvoiceNumber } from './invoice-number-sequence.js';
export type { ResolvedEnqueue } from './job-options.js';
export {
  assertQueueName,
  backoffDelay,
  DEFAULT_ENQUEUE_OPTIONS,
  MAX_JOB_PRIORITY,
  resolveEnqueueOptions,
} from './job-options.js';
export type {
  BackoffOptions,
  CloseResult,
  EnqueueOptions,
  Job,
  JobCompletedEvent,
  JobCounts,
  JobFailedEvent,
  JobHandler,
  JobQueue,
  JobQueueEvents,
  ProcessOptions,
  QueueName,
} from './job-queue.js';
export { QUEUE_NAMES } from './job-queue.js';
export type { LogFields, LogFn, Logger } from './logger.js';
export { silentLogger } from './logger.js';
export type {
  DeliveryStatus,
  DeliveryStatusEvent,
  InboundLocation,
  InboundMedia,
  InboundMessage,
  MessagingTransport,
  OutboundMessage,
  ParsedWebhook,
  SendResult,
  SubscriptionAnswer,
  WebhookRequest,
} from './messaging-transport.js';
export type {
  BucketLimit,
  RateLimitCheck,
  RateLimitDecision,
  RateLimitScopeName,
  RateLimitStore,
} from './rate-limit-store.js';
export type {
  AggregateRepository,
  CampaignRepository,
  CommerceTransaction,
  CustomerRepository,
  InvoiceQuery,
  InvoiceRepository,
  OrderQuery,
  OrderRepository,
  Page,
  PageRequest,
  ProductCatalog,
  ProductQuery,
  ReminderQuery,
  ReminderRepository,
  Repositories,
} from './repositories.js';
export { DEFAULT_PAGE_SIZE, MAX_PAGE_SIZE } from './repositories.js';
export type { CancelScheduled, Scheduler } from './scheduler.js';
export { timerScheduler } from './scheduler.js';
export type { JsonValue, SessionStore, SessionWriteOptions, StoredSession } from './session-store.js';
export type {
  ClaimOptions,
  Outbox,
  OutboxMessage,
  OutboxWriter,
  TransactionContext,
  UnitOfWork,
} from './unit-of-work.js';
