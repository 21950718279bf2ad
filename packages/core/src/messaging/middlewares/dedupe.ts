import { DomainError, NotFoundError, ValidationError } from '../../domain/errors.js';
import type { IdempotencyStore } from '../../ports/idempotency-store.js';
import { RateLimitError } from '../../resilience/errors.js';
import type { MessageContext } from '../message-context.js';
import { defineMiddleware, MiddlewareOrder, type OrderedMiddleware } from '../middleware.js';

/** A day: providers retry webhooks for hours (Meta for up to a week, but rarely past the first hours). */
const DAY_MS = 24 * 60 * 60 * 1000;

/** Options of {@link dedupe}. */
export interface DedupeOptions {
  readonly store: IdempotencyStore;
  /** How long a message id stays claimed. Default 24 h. */
  readonly ttlMs?: number;
  /**
   * Whether a failure downstream gives the claim back, so a provider retry of the same webhook runs the
   * message again. Default: {@link releaseUnlessAnswered}.
   */
  readonly releaseOnError?: (error: unknown) => boolean;
}

/**
 * The default release policy: keep the claim when the failure was a definite answer to the customer (rate
 * limited, invalid input, a business rule, not found), because handling the same message again would only
 * send the same answer twice. Give it back for everything else (a bug, an outage, a conflict): the message
 * was not really handled, and dropping a provider's retry would lose it for good. Running it again is safe
 * because commands downstream are idempotent and the session was not saved.
 */
export function releaseUnlessAnswered(error: unknown): boolean {
  return !(
    error instanceof RateLimitError ||
    error instanceof ValidationError ||
    error instanceof DomainError ||
    error instanceof NotFoundError
  );
}

/**
 * Stops messages seen before. Providers resend a webhook when our answer was slow or lost, so the same
 * message id can arrive twice; the first claims `inbound:<organization>:<message id>` in the
 * `IdempotencyStore`, and a duplicate stops the chain quietly (a debug line, no reply).
 *
 * When the rest of the chain throws, the claim is released or kept according to `releaseOnError` (see
 * {@link releaseUnlessAnswered}), then the error goes on to the error handler.
 *
 * Default order: {@link MiddlewareOrder.dedupe}, so a duplicate costs no rate-limit token or session read.
 *
 * @example
 * ```ts
 * pipeline.use(dedupe({ store: new MemoryIdempotencyStore() }));
 * ```
 */
export function dedupe(options: DedupeOptions): OrderedMiddleware<MessageContext<object>> {
  const { store } = options;
  const ttlMs = options.ttlMs ?? DAY_MS;
  if (!(ttlMs > 0)) throw new RangeError(`dedupe: ttlMs must be positive, got ${ttlMs}`);
  const releaseOnError = options.releaseOnError ?? releaseUnlessAnswered;

  return defineMiddleware<MessageContext<object>>(
    async (ctx, next) => {
      const key = `inbound:${ctx.organizationId}:${ctx.message.id}`;
      if (!(await store.claim(key, ttlMs))) {
        ctx.logger.debug({ messageId: ctx.message.id }, 'duplicate message ignored');
        return;
      }
      try {
        await next();
      } catch (error) {
        if (releaseOnError(error)) {
          try {
            await store.release(key);
          } catch (releaseError) {
            // The original error matters more; a claim that could not be released just expires.
            ctx.logger.warn({ err: releaseError }, 'could not release the de-duplication claim');
          }
        }
        throw error;
      }
    },
    { order: MiddlewareOrder.dedupe, name: 'dedupe' },
  );
}
