/** The three scopes every inbound message is limited in. */
export type RateLimitScopeName = 'user' | 'organization' | 'global';

/** A token bucket's shape: it holds at most `capacity` tokens and gains `refillPerSecond` a second. */
export interface BucketLimit {
  readonly capacity: number;
  readonly refillPerSecond: number;
}

/** One bucket taking part in a decision. */
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
  /** How long to wait before the same request would be allowed; 0 when allowed. */
  readonly retryAfterMs: number;
  /** Tokens left in each checked bucket after the decision (fractional). */
  readonly remaining: Readonly<Partial<Record<RateLimitScopeName, number>>>;
}

/**
 * Token buckets, decided atomically across scopes: every bucket is checked and either all are debited or
 * none is, so a message refused for its user does not eat its organization's tokens. The store keeps its
 * own time (the in-memory one a `Clock`, Redis its `TIME`), because app instances' clocks disagree.
 */
export interface RateLimitStore {
  consume(checks: readonly RateLimitCheck[], cost?: number): Promise<RateLimitDecision>;
}
