export type { Clock } from './clock.js';
export { systemClock } from './clock.js';
export type { IdGenerator } from './id-generator.js';
export { uuidGenerator } from './id-generator.js';
export type { IdempotencyStore } from './idempotency-store.js';
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
export type { JsonValue, SessionStore, SessionWriteOptions, StoredSession } from './session-store.js';
