import type { RateLimitCheck, RateLimitDecision, RateLimitStore } from '@chatcart/core';
import { StoreUnavailableError } from './errors.js';
import { consumeBuckets } from './rate-limit-script.js';
import { RedisConnection, type RedisStoreOptions } from './redis-connection.js';

/** Options of `RedisRateLimitStore`: the connection, and what to do while Redis cannot answer. */
export interface RedisRateLimitStoreOptions extends RedisStoreOptions {
  /**
   * The decision while Redis cannot answer within `commandTimeoutMs`: `'allow'` (the default) lets messages
   * through unlimited, so an outage of the limiter is not an outage of the bot; `'deny'` refuses them, for
   * deployments where an unlimited burst costs more than a pause.
   */
  readonly onStoreError?: 'allow' | 'deny';
  /** The `retryAfterMs` of a decision denied because Redis was unavailable; 1000 ms unless given. */
  readonly retryAfterMsWhenUnavailable?: number;
  /** Told about every call that fell back to `onStoreError` (for metrics and alerts); must not throw. */
  readonly onError?: (error: StoreUnavailableError) => void;
}

/**
 * Three-scope token buckets in Redis, decided in one round trip by a Lua script: the user's, the
 * organization's and the global bucket are all checked, and all debited or none. Time is Redis' `TIME`, so
 * app instances with skewed clocks share one timeline; fractional tokens are kept exactly; a bucket's key
 * expires when it would be full again. Gives the same decisions as core's `MemoryRateLimitStore` for the
 * same arrivals.
 *
 * When Redis is unavailable a decision still comes back within `commandTimeoutMs`: allowed (fail open, the
 * default) or denied (`onStoreError: 'deny'`), and `onError` hears about it.
 *
 * @example
 * ```ts
 * const limits = new RedisRateLimitStore({ redis, onError: (error) => metrics.increment(error.code) });
 * const decision = await limits.consume([
 *   { scope: 'user', key: phone, limit: { capacity: 10, refillPerSecond: 0.5 } },
 *   { scope: 'organization', key: organizationId, limit: { capacity: 200, refillPerSecond: 20 } },
 *   { scope: 'global', key: 'global', limit: { capacity: 1000, refillPerSecond: 100 } },
 * ]);
 * ```
 */
export class RedisRateLimitStore implements RateLimitStore {
  readonly #redis: RedisConnection;
  readonly #onStoreError: 'allow' | 'deny';
  readonly #retryAfterMsWhenUnavailable: number;
  readonly #onError: ((error: StoreUnavailableError) => void) | undefined;

  constructor(options: RedisRateLimitStoreOptions) {
    this.#redis = new RedisConnection(options, 'RedisRateLimitStore');
    this.#onStoreError = options.onStoreError ?? 'allow';
    this.#retryAfterMsWhenUnavailable = options.retryAfterMsWhenUnavailable ?? 1_000;
    this.#onError = options.onError;
  }

  async consume(checks: readonly RateLimitCheck[], cost = 1): Promise<RateLimitDecision> {
    validate(checks, cost);
    if (checks.length === 0) return { allowed: true, retryAfterMs: 0, remaining: {} };
    try {
      return (await consumeBuckets(this.#redis, checks, cost)).decision;
    } catch (error) {
      if (!(error instanceof StoreUnavailableError)) throw error;
      try {
        this.#onError?.(error);
      } catch (listenerError) {
        this.#redis.logger.error({ err: listenerError }, 'onError listener threw');
      }
      if (this.#onStoreError === 'allow') return { allowed: true, retryAfterMs: 0, remaining: {} };
      return {
        allowed: false,
        refusedBy: checks[0]!.scope,
        retryAfterMs: this.#retryAfterMsWhenUnavailable,
        remaining: {},
      };
    }
  }

  /** Closes the Redis client if this store created it from `connection`; a shared client stays open. */
  close(): Promise<void> {
    return this.#redis.close();
  }
}

function validate(checks: readonly RateLimitCheck[], cost: number): void {
  if (!(cost > 0) || !Number.isFinite(cost)) {
    throw new RangeError(`A rate-limit cost must be a positive finite number, got ${cost}`);
  }
  for (const { scope, limit } of checks) {
    if (!(limit.capacity > 0) || !Number.isFinite(limit.capacity)) {
      throw new RangeError(`The ${scope} bucket's capacity must be positive, got ${limit.capacity}`);
    }
    if (!(limit.refillPerSecond >= 0) || !Number.isFinite(limit.refillPerSecond)) {
      throw new RangeError(
        `The ${scope} bucket's refillPerSecond must not be negative, got ${limit.refillPerSecond}`,
      );
    }
  }
}
