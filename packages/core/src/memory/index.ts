export { MemoryIdempotencyStore } from './memory-idempotency-store.js';
export { MemorySessionStore } from './memory-session-store.js';
