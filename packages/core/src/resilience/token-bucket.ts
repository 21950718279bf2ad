import { type Clock, systemClock } from '../ports/clock.js';
import type { BucketLimit } from '../ports/rate-limit-store.js';

/**
 * A bucket's whole state: the tokens it held at `updatedAt` (ms, by whatever clock the caller uses). The
 * tokens at any later time follow from these two numbers and the limit, so a bucket needs no timer, and
 * a store keeps just this pair per key.
 */
export interface TokenBucketState {
  readonly tokens: number;
  readonly updatedAt: number;
}

/** The answer of {@link takeTokens}. */
export interface TokenBucketTake {
  readonly allowed: boolean;
  /** The bucket after the decision: debited if allowed, unchanged if not. */
  readonly state: TokenBucketState;
  /** Tokens left after the decision (fractional). */
  readonly remaining: number;
  /** Whole ms until `cost` tokens are there; 0 when allowed, `Infinity` when they never will be. */
  readonly retryAfterMs: number;
}

/**
 * Slack, in tokens, when comparing a bucket's tokens with a cost.
 *
 * Precision: tokens are float64, refilled as `tokens + elapsedMs * refillPerSecond / 1000` (multiplied
 * before dividing, so whole-token refills of rates like 1000/60 per second land on whole numbers) and
 * capped at the capacity, which is therefore reached exactly. Rounding can still leave a bucket a few
 * ulps short of a whole token (60 ms at 1000/60 per second can come out as 0.9999999999999999), which
 * must not refuse a request exact arithmetic would allow, nor make `retryAfterMs` a lie. A request is
 * therefore allowed when `tokens >= cost - TOKEN_EPSILON`; a billionth of a token is far below anything a
 * rate limit means, and far above the rounding error of any realistic sequence of refills and debits.
 */
export const TOKEN_EPSILON = 1e-9;

/** Refuses a limit that would make the arithmetic meaningless. */
export function assertBucketLimit(limit: BucketLimit): void {
  if (!(limit.capacity > 0) || !Number.isFinite(limit.capacity)) {
    throw new RangeError(`A bucket's capacity must be a positive finite number, got ${limit.capacity}`);
  }
  if (!(limit.refillPerSecond >= 0) || !Number.isFinite(limit.refillPerSecond)) {
    throw new RangeError(
      `A bucket's refillPerSecond must be a non-negative finite number, got ${limit.refillPerSecond}`,
    );
  }
}

/** Refuses a cost that is not a positive finite number. */
export function assertCost(cost: number): void {
  if (!(cost > 0) || !Number.isFinite(cost)) {
    throw new RangeError(`A rate-limit cost must be a positive finite number, got ${cost}`);
  }
}

/** A bucket seen for the first time: full. */
export function fullBucket(limit: BucketLimit, now: number): TokenBucketState {
  return { tokens: limit.capacity, updatedAt: now };
}

/**
 * The tokens in a bucket at `now`. Time that runs backwards (an adjusted wall clock) refills nothing, and
 * a bucket above a lowered capacity is cut down to it.
 */
export function tokensAt(tokens: number, updatedAt: number, limit: BucketLimit, now: number): number {
  const elapsed = now - updatedAt;
  const refilled = elapsed > 0 ? tokens + (elapsed * limit.refillPerSecond) / 1000 : tokens;
  return Math.min(refilled, limit.capacity);
}

/** Whether a bucket holding `tokens` can pay `cost`. */
export function canPay(tokens: number, cost: number): boolean {
  return tokens >= cost - TOKEN_EPSILON;
}

/**
 * Whole milliseconds until a bucket holding `tokens` (now) holds `cost`: 0 if it already does, `Infinity`
 * if it never will (the cost exceeds the capacity, or the bucket does not refill). Rounded up, so waiting
 * exactly this long is enough.
 */
export function msUntilTokens(tokens: number, limit: BucketLimit, cost: number): number {
  if (canPay(tokens, cost)) return 0;
  if (cost > limit.capacity + TOKEN_EPSILON || limit.refillPerSecond === 0) return Number.POSITIVE_INFINITY;
  return Math.ceil(((cost - tokens) * 1000) / limit.refillPerSecond);
}

/**
 * The token-bucket decision for one bucket, as a pure function: refill by the time elapsed, then debit
 * `cost` if the bucket holds enough (allowed), or change nothing (refused). This is the reference every
 * store's decisions are held to.
 */
export function takeTokens(
  state: TokenBucketState,
  limit: BucketLimit,
  cost: number,
  now: number,
): TokenBucketTake {
  const tokens = tokensAt(state.tokens, state.updatedAt, limit, now);
  if (!canPay(tokens, cost)) {
    return { allowed: false, state, remaining: tokens, retryAfterMs: msUntilTokens(tokens, limit, cost) };
  }
  const remaining = tokens > cost ? tokens - cost : 0;
  return {
    allowed: true,
    state: { tokens: remaining, updatedAt: Math.max(now, state.updatedAt) },
    remaining,
    retryAfterMs: 0,
  };
}

/**
 * One token bucket in memory, for pacing work inside one process (for example a campaign's sends to the
 * sender's throughput). Requests across processes go through a `RateLimitStore` instead.
 *
 * @example
 * ```ts
 * const pace = new TokenBucket({ capacity: 10, refillPerSecond: 80 });
 * const take = pace.tryTake();
 * if (!take.allowed) await sleep(take.retryAfterMs);
 * ```
 */
export class TokenBucket {
  readonly limit: BucketLimit;
  readonly #clock: Clock;
  #state: TokenBucketState;

  /** @param options.state a state saved from {@link TokenBucket.snapshot}; default a full bucket. */
  constructor(limit: BucketLimit, options: { clock?: Clock; state?: TokenBucketState } = {}) {
    assertBucketLimit(limit);
    this.limit = { capacity: limit.capacity, refillPerSecond: limit.refillPerSecond };
    this.#clock = options.clock ?? systemClock;
    this.#state = options.state ?? fullBucket(this.limit, this.#clock.now());
  }

  /** The tokens there now (fractional). */
  available(): number {
    return tokensAt(this.#state.tokens, this.#state.updatedAt, this.limit, this.#clock.now());
  }

  /** Takes `cost` tokens if there are enough; otherwise takes none and says how long to wait. */
  tryTake(cost = 1): TokenBucketTake {
    assertCost(cost);
    const take = takeTokens(this.#state, this.limit, cost, this.#clock.now());
    this.#state = take.state;
    return take;
  }

  /** The state, to save and restore later with the `state` option. */
  snapshot(): TokenBucketState {
    return this.#state;
  }
}
