export type { MemoryConversationLockOptions } from './memory-conversation-lock.js';
export { MemoryConversationLock } from './memory-conversation-lock.js';
export { MemoryIdempotencyStore } from './memory-idempotency-store.js';
export { MemoryInvoiceNumberSequence } from './memory-invoice-number-sequence.js';
export { MemoryJobQueue, type MemoryJobQueueOptions } from './memory-job-queue.js';
export { MemoryOutbox } from './memory-outbox.js';
export { MemoryRateLimitStore, type MemoryRateLimitStoreOptions } from './memory-rate-limit-store.js';
export { MemorySessionStore } from './memory-session-store.js';
export { type MemoryTransaction, MemoryUnitOfWork } from './memory-unit-of-work.js';
