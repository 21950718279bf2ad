import { ValidationError, type ValidationIssue } from '../domain/errors.js';
import type {
  BucketLimit,
  RateLimitCheck,
  RateLimitDecision,
  RateLimitStore,
} from '../ports/rate-limit-store.js';
import { RateLimitError } from './errors.js';
import { assertBucketLimit, assertCost } from './token-bucket.js';

/** The bucket of each scope an inbound message is limited in. */
export interface RateLimits {
  /** Per customer of one organization. */
  readonly user: BucketLimit;
  /** Per organization, all its customers together. */
  readonly organization: BucketLimit;
  /** The whole deployment. */
  readonly global: BucketLimit;
}

/**
 * The limits chatcart starts with: per user 30 a minute with bursts of 5 (a person typing fast, not a
 * script), per organization 1 000 a minute, and 10 000 a minute for the whole deployment — each bucket as
 * deep as its minute, except the user's, whose burst is kept small.
 */
export const defaultRateLimits: RateLimits = Object.freeze({
  user: Object.freeze({ capacity: 5, refillPerSecond: 0.5 }),
  organization: Object.freeze({ capacity: 1_000, refillPerSecond: 1_000 / 60 }),
  global: Object.freeze({ capacity: 10_000, refillPerSecond: 10_000 / 60 }),
});

/** Who a request is counted against. */
export interface RateLimitSubject {
  readonly organizationId: string;
  /** The customer within the organization, usually the E.164 phone number. */
  readonly userKey: string;
}

/** Options of {@link RateLimiter}. */
export interface RateLimiterOptions {
  /** Where the buckets live: `MemoryRateLimitStore` in one process, the Redis store across several. */
  readonly store: RateLimitStore;
  /** Overrides of {@link defaultRateLimits}, scope by scope. */
  readonly limits?: Partial<RateLimits>;
}

/**
 * The three-scope rate limit of inbound messages (user, organization, global), decided in one store call:
 * all three buckets are debited or none is, so a message refused for its sender does not eat its
 * organization's allowance.
 *
 * @example
 * ```ts
 * const limiter = new RateLimiter({ store: new MemoryRateLimitStore() });
 * // In a middleware: throws RateLimitError (code RATE_LIMITED, scope, retryAfterMs) when refused.
 * await limiter.enforce({ organizationId: ctx.organizationId, userKey: ctx.message.from });
 * ```
 */
export class RateLimiter {
  /** The limits in force, defaults filled in. */
  readonly limits: RateLimits;
  readonly #store: RateLimitStore;
  // The same for every message, so built once.
  readonly #globalCheck: RateLimitCheck;

  constructor(options: RateLimiterOptions) {
    const limits = { ...defaultRateLimits, ...options.limits };
    for (const scope of ['user', 'organization', 'global'] as const) assertBucketLimit(limits[scope]);
    this.limits = Object.freeze(limits);
    this.#store = options.store;
    this.#globalCheck = Object.freeze({ scope: 'global', key: 'global', limit: this.limits.global });
  }

  /**
   * The store checks for `subject`, in the order user, organization, global. A user's bucket is keyed by
   * organization and user together (length-prefixed, so no two pairs can make the same key), because a
   * customer of two businesses is two customers.
   */
  checksFor(subject: RateLimitSubject): RateLimitCheck[] {
    const { organizationId, userKey } = subject;
    if (!isNonEmptyString(organizationId) || !isNonEmptyString(userKey)) throw invalidSubject(subject);
    return [
      {
        scope: 'user',
        key: `${organizationId.length}:${organizationId}:${userKey}`,
        limit: this.limits.user,
      },
      { scope: 'organization', key: organizationId, limit: this.limits.organization },
      this.#globalCheck,
    ];
  }

  /**
   * Spends `cost` tokens (default 1) from all three buckets if each has enough, and says so; otherwise
   * spends nothing and says which scope refused and when to retry.
   */
  consume(subject: RateLimitSubject, cost = 1): Promise<RateLimitDecision> {
    try {
      assertCost(cost);
      return this.#store.consume(this.checksFor(subject), cost);
    } catch (error) {
      return Promise.reject(error);
    }
  }

  /** Like {@link RateLimiter.consume}, but a refusal rejects with {@link RateLimitError}. */
  async enforce(subject: RateLimitSubject, cost = 1): Promise<RateLimitDecision> {
    const decision = await this.consume(subject, cost);
    if (!decision.allowed) {
      // Every store names the refusing scope (the contract suite checks it); 'global' only satisfies the type.
      throw new RateLimitError(decision.refusedBy ?? 'global', decision.retryAfterMs);
    }
    return decision;
  }
}

const isNonEmptyString = (value: unknown): value is string => typeof value === 'string' && value !== '';

function invalidSubject(subject: RateLimitSubject): ValidationError {
  const issues: ValidationIssue[] = [];
  for (const path of ['organizationId', 'userKey'] as const) {
    if (!isNonEmptyString(subject[path])) issues.push({ path, message: 'must be a non-empty string' });
  }
  return new ValidationError('A rate-limit subject needs an organizationId and a userKey', issues);
}
