import type { IdempotencyStore } from '@chatcart/core';
import { RedisConnection, type RedisStoreOptions } from './redis-connection.js';

/**
 * Claim-once keys in Redis (`SET key NX PX ttl`): among any number of callers racing on one key, across
 * app instances, exactly one wins until the claim expires or is released. When Redis cannot answer, `claim`
 * fails with a `StoreUnavailableError`: whether to process the message anyway (risking a duplicate) or
 * drop it (risking a loss) is the caller's call, not the store's.
 *
 * @example
 * ```ts
 * const seen = new RedisIdempotencyStore({ redis });
 * if (!(await seen.claim(`inbound:${providerMessageId}`, 24 * 60 * 60 * 1000))) return; // a resent webhook
 * ```
 */
export class RedisIdempotencyStore implements IdempotencyStore {
  readonly #redis: RedisConnection;

  constructor(options: RedisStoreOptions) {
    this.#redis = new RedisConnection(options, 'RedisIdempotencyStore');
  }

  async claim(key: string, ttlMs: number): Promise<boolean> {
    if (!(ttlMs > 0) || !Number.isFinite(ttlMs)) {
      throw new RangeError(`ttlMs must be a positive number of milliseconds, got ${ttlMs}`);
    }
    const redisKey = this.#redis.keys.idempotency(key);
    const reply = await this.#redis.run('idempotency.claim', (client) =>
      client.set(redisKey, '1', 'PX', Math.ceil(ttlMs), 'NX'),
    );
    return reply === 'OK';
  }

  async release(key: string): Promise<void> {
    const redisKey = this.#redis.keys.idempotency(key);
    await this.#redis.run('idempotency.release', (client) => client.del(redisKey));
  }

  /** Closes the Redis client if this store created it from `connection`; a shared client stays open. */
  close(): Promise<void> {
    return this.#redis.close();
  }
}
