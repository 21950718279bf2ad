import { type Clock, systemClock } from '../ports/clock.js';
import type {
  BucketLimit,
  RateLimitCheck,
  RateLimitDecision,
  RateLimitScopeName,
  RateLimitStore,
} from '../ports/rate-limit-store.js';
import {
  assertBucketLimit,
  assertCost,
  canPay,
  msUntilTokens,
  tokensAt,
} from '../resilience/token-bucket.js';

/** A bucket as kept in memory: the token-bucket state, mutated in place, and the limit it was last used with. */
interface Bucket {
  tokens: number;
  updatedAt: number;
  limit: BucketLimit;
}

/** Options of {@link MemoryRateLimitStore}. */
export interface MemoryRateLimitStoreOptions {
  /** Where time comes from. Default the system clock. */
  clock?: Clock;
  /**
   * Most buckets kept, across scopes. Default 100 000 (a few tens of MB at most). Idle buckets are dropped
   * long before that; see the class comment for what happens at the cap.
   */
  maxKeys?: number;
}

/** Sweeps wait for at least this many new buckets, so a small store is not swept over and over. */
const MIN_CREATIONS_BETWEEN_SWEEPS = 1024;

/**
 * Token buckets in Maps, for one process: the embedded default, and the reference the Redis store is
 * tested against through the same contract suite.
 *
 * A decision reads every bucket, then debits all of them or none, in one synchronous step, so concurrent
 * decisions in this process cannot interleave. Buckets follow the pure math of `token-bucket.ts`.
 *
 * Memory stays bounded without a timer per key or per store. A bucket that has refilled to its capacity
 * is indistinguishable from one never seen (both read as full, and refilling a full bucket leaves it
 * full), so it can be dropped without changing any decision: buckets are swept for fullness once the
 * number created since the last sweep reaches the number held (at least 1 024), which costs O(1) per new
 * bucket, amortised. Only if `maxKeys` buckets are all still refilling — that many distinct users active
 * within one refill period — are the least recently debited dropped, down to 90% of the cap; a dropped
 * bucket then starts full again, so the cap trades a little leniency for bounded memory under a flood of
 * new senders. Drops are exact for a key whose limit never changes; after a limit change, a dropped bucket
 * starts full under the new limit.
 *
 * @example
 * ```ts
 * const store = new MemoryRateLimitStore();
 * const decision = await store.consume([
 *   { scope: 'user', key: '+15551234567', limit: { capacity: 5, refillPerSecond: 0.5 } },
 *   { scope: 'organization', key: 'org_1', limit: { capacity: 1000, refillPerSecond: 1000 / 60 } },
 * ]);
 * ```
 */
export class MemoryRateLimitStore implements RateLimitStore {
  readonly #clock: Clock;
  readonly #maxKeys: number;
  // One Map per scope, so the same key in two scopes is two buckets without building a combined key.
  readonly #user = new Map<string, Bucket>();
  readonly #organization = new Map<string, Bucket>();
  readonly #global = new Map<string, Bucket>();
  #size = 0;
  #createdSinceSweep = 0;
  #sizeAfterSweep = 0;
  // Reused by every decision: consume never yields between filling and reading them.
  readonly #found: (Bucket | undefined)[] = [];
  readonly #tokens: number[] = [];

  constructor(options: MemoryRateLimitStoreOptions = {}) {
    this.#clock = options.clock ?? systemClock;
    const maxKeys = options.maxKeys ?? 100_000;
    if (!Number.isSafeInteger(maxKeys) || maxKeys < 1) {
      throw new RangeError(`maxKeys must be a positive integer, got ${maxKeys}`);
    }
    this.#maxKeys = maxKeys;
  }

  /** How many buckets are held now, across scopes. */
  get size(): number {
    return this.#size;
  }

  /** Decides one request across `checks`, debiting all of them or none; see `RateLimitStore.consume`. */
  async consume(checks: readonly RateLimitCheck[], cost = 1): Promise<RateLimitDecision> {
    assertCost(cost);
    const now = this.#clock.now();
    const found = this.#found;
    const tokens = this.#tokens;
    let refusedBy: RateLimitScopeName | undefined;
    let retryAfterMs = 0;

    for (let i = 0; i < checks.length; i++) {
      const check = checks[i]!;
      assertBucketLimit(check.limit);
      const bucket = this.#bucketsOf(check.scope).get(check.key);
      const available =
        bucket === undefined
          ? check.limit.capacity
          : tokensAt(bucket.tokens, bucket.updatedAt, check.limit, now);
      found[i] = bucket;
      tokens[i] = available;
      if (!canPay(available, cost)) {
        refusedBy ??= check.scope;
        const wait = msUntilTokens(available, check.limit, cost);
        if (wait > retryAfterMs) retryAfterMs = wait;
      }
    }

    const remaining: Partial<Record<RateLimitScopeName, number>> = {};
    if (refusedBy !== undefined) {
      // Refused: no bucket is written, not even with its refill, so a refusal changes nothing at all.
      for (let i = 0; i < checks.length; i++) setRemaining(remaining, checks[i]!.scope, tokens[i]!);
      found.fill(undefined);
      return { allowed: false, refusedBy, retryAfterMs, remaining };
    }

    for (let i = 0; i < checks.length; i++) {
      const check = checks[i]!;
      const left = tokens[i]! > cost ? tokens[i]! - cost : 0;
      setRemaining(remaining, check.scope, left);
      const bucket = found[i];
      if (bucket === undefined) {
        this.#insert(check, { tokens: left, updatedAt: now, limit: check.limit });
      } else {
        bucket.tokens = left;
        if (now > bucket.updatedAt) bucket.updatedAt = now;
        bucket.limit = check.limit;
      }
    }
    found.fill(undefined);
    if (this.#createdSinceSweep >= Math.max(MIN_CREATIONS_BETWEEN_SWEEPS, this.#sizeAfterSweep))
      this.#sweep(now);
    if (this.#size > this.#maxKeys) this.#shed(now);
    return { allowed: true, retryAfterMs: 0, remaining };
  }

  #bucketsOf(scope: RateLimitScopeName): Map<string, Bucket> {
    return scope === 'user' ? this.#user : scope === 'organization' ? this.#organization : this.#global;
  }

  #insert(check: RateLimitCheck, bucket: Bucket): void {
    const buckets = this.#bucketsOf(check.scope);
    const before = buckets.size;
    buckets.set(check.key, bucket);
    // The same key twice in one decision is created once.
    if (buckets.size > before) {
      this.#size++;
      this.#createdSinceSweep++;
    }
  }

  /** Drops every bucket that has refilled to capacity: reading it again would give a fresh full bucket. */
  #sweep(now: number): void {
    for (const buckets of [this.#user, this.#organization, this.#global]) {
      for (const [key, bucket] of buckets) {
        if (tokensAt(bucket.tokens, bucket.updatedAt, bucket.limit, now) >= bucket.limit.capacity) {
          buckets.delete(key);
          this.#size--;
        }
      }
    }
    this.#createdSinceSweep = 0;
    this.#sizeAfterSweep = this.#size;
  }

  /** Over the cap: sweep, then drop the least recently debited buckets down to 90% of the cap. */
  #shed(now: number): void {
    this.#sweep(now);
    const target = Math.floor(this.#maxKeys * 0.9);
    if (this.#size <= target) return;
    const all: { updatedAt: number; buckets: Map<string, Bucket>; key: string }[] = [];
    for (const buckets of [this.#user, this.#organization, this.#global]) {
      for (const [key, bucket] of buckets) all.push({ updatedAt: bucket.updatedAt, buckets, key });
    }
    all.sort((a, b) => a.updatedAt - b.updatedAt);
    for (let i = 0; this.#size > target; i++) {
      const victim = all[i]!;
      victim.buckets.delete(victim.key);
      this.#size--;
    }
    this.#sizeAfterSweep = this.#size;
  }
}

/** Named stores rather than `remaining[scope] = …`, which V8 handles as a slow keyed store. */
function setRemaining(
  remaining: Partial<Record<RateLimitScopeName, number>>,
  scope: RateLimitScopeName,
  tokens: number,
): void {
  if (scope === 'user') remaining.user = tokens;
  else if (scope === 'organization') remaining.organization = tokens;
  else remaining.global = tokens;
}
