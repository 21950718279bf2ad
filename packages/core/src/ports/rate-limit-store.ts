/** The three scopes every inbound message is limited in. */
export type RateLimitScopeName = 'user' | 'organization' | 'global';

/**
 * A token bucket's shape: it holds at most `capacity` tokens (positive, finite) and gains `refillPerSecond`
 * a second (non-negative, finite). A bucket seen for the first time is full.
 */
export interface BucketLimit {
  readonly capacity: number;
  readonly refillPerSecond: number;
}

/** One bucket taking part in a decision. A decision checks each scope at most once. */
export interface RateLimitCheck {
  readonly scope: RateLimitScopeName;
  /** The bucket's key within its scope (a phone number, an organization id, `global`). */
  readonly key: string;
  readonly limit: BucketLimit;
}

/** What a decision answered. */
export interface RateLimitDecision {
  readonly allowed: boolean;
  /** The first scope, in the order given, that had too few tokens; absent when allowed. */
  readonly refusedBy?: RateLimitScopeName;
  /**
   * How long to wait before the same request would be allowed, in whole ms rounded up: the longest wait
   * among the refusing scopes. 0 when allowed; `Infinity` when it never will be (the cost exceeds a
   * capacity, or a short bucket does not refill).
   */
  readonly retryAfterMs: number;
  /** Tokens left in each checked bucket after the decision (fractional; undebited when refused). */
  readonly remaining: Readonly<Partial<Record<RateLimitScopeName, number>>>;
}

/**
 * Token buckets, decided atomically across scopes: every bucket is checked and either all are debited or
 * none is, so a message refused for its user does not eat its organization's tokens. The store keeps its
 * own time (the in-memory one a `Clock`, Redis its `TIME`), because app instances' clocks disagree.
 */
export interface RateLimitStore {
  /**
   * Decides one request across `checks`, spending `cost` tokens (default 1; must be a positive finite
   * number, else the promise rejects with a `RangeError`) from every bucket, or from none: a refusal
   * spends nothing. The behaviour is pinned down by `describeRateLimitStoreContract` in
   * `@chatcart/core/testing`.
   */
  consume(checks: readonly RateLimitCheck[], cost?: number): Promise<RateLimitDecision>;
}
