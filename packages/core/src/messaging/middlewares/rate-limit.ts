import type { RateLimitStore } from '../../ports/rate-limit-store.js';
import { RateLimiter, type RateLimits } from '../../resilience/rate-limiter.js';
import type { MessageContext } from '../message-context.js';
import { defineMiddleware, MiddlewareOrder, type OrderedMiddleware } from '../middleware.js';

/** Options of {@link rateLimit}. */
export interface RateLimitOptions {
  /** Where the buckets live: `MemoryRateLimitStore` in one process, the Redis store across several. */
  readonly store: RateLimitStore;
  /**
   * Limits to change, scope by scope; the rest keep `defaultRateLimits` (a customer: burst 5, then one
   * every 2 s; an organization: 1 000 a minute; the deployment: 10 000 a minute).
   */
  readonly limits?: Partial<RateLimits>;
  /** Tokens one message costs. Default 1. */
  readonly cost?: number;
}

/**
 * Refuses messages beyond the customer's, the organization's or the deployment's token bucket. The three
 * are decided in one store call (one round trip to Redis), all or nothing, so a message refused for its
 * customer does not eat the organization's tokens (see `RateLimiter`). Refused: throws `RateLimitError`
 * with the refusing scope and the wait, which the error handler turns into "try again in N s"; the rest of
 * the chain does not run.
 *
 * The customer's bucket is per organization: a customer of two shops is two customers.
 *
 * Default order: {@link MiddlewareOrder.rateLimit}.
 *
 * @example
 * ```ts
 * pipeline.use(rateLimit({ store, limits: { user: { capacity: 10, refillPerSecond: 1 } } }));
 * ```
 */
export function rateLimit(options: RateLimitOptions): OrderedMiddleware<MessageContext<object>> {
  const limiter = new RateLimiter({ store: options.store, limits: options.limits });
  const cost = options.cost ?? 1;

  return defineMiddleware<MessageContext<object>>(
    async (ctx, next) => {
      await limiter.enforce({ organizationId: ctx.organizationId, userKey: ctx.phone }, cost);
      await next();
    },
    { order: MiddlewareOrder.rateLimit, name: 'rateLimit' },
  );
}
