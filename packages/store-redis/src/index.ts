/**
 * `@chatcart/store-redis`: Redis implementations of chatcart's session, rate-limit and idempotency stores
 * and of per-customer ordering, for bots that run on more than one app instance.
 *
 * @example
 * ```ts
 * import { createRedisClient, RedisRateLimitStore, RedisSessionStore } from '@chatcart/store-redis';
 *
 * const redis = createRedisClient(process.env.REDIS_URL ?? 'redis://127.0.0.1:6379');
 * const sessions = new RedisSessionStore({ redis });
 * const rateLimits = new RedisRateLimitStore({ redis, onStoreError: 'allow' });
 * ```
 *
 * @packageDocumentation
 */
export { StoreUnavailableError } from './errors.js';
export { createRedisClient, type RedisStoreOptions } from './redis-connection.js';
export { RedisConversationLock, type RedisConversationLockOptions } from './redis-conversation-lock.js';
export { RedisIdempotencyStore } from './redis-idempotency-store.js';
export { RedisRateLimitStore, type RedisRateLimitStoreOptions } from './redis-rate-limit-store.js';
export { RedisSessionStore } from './redis-session-store.js';
