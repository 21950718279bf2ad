import { EventEmitter } from 'eventemitter3';
import { type Clock, systemClock } from '../ports/clock.js';
import type { IdempotencyStore } from '../ports/idempotency-store.js';
import { type Logger, silentLogger } from '../ports/logger.js';
import type { InboundMessage } from '../ports/messaging-transport.js';
import type { RateLimitStore } from '../ports/rate-limit-store.js';
import type { SessionStore } from '../ports/session-store.js';
import { MessageContext } from './message-context.js';
import type { MessagingEvents } from './messaging-events.js';
import { isPromiseLike } from './middleware.js';
import { type DedupeOptions, dedupe } from './middlewares/dedupe.js';
import { type ErrorHandlerOptions, errorHandler } from './middlewares/error-handler.js';
import { logging } from './middlewares/logging.js';
import { type RateLimitOptions, rateLimit } from './middlewares/rate-limit.js';
import { type SessionOptions, session } from './middlewares/session.js';
import { Pipeline } from './pipeline.js';

/** The ports and settings of the default inbound stack. */
export interface InboundPipelineOptions {
  readonly sessionStore: SessionStore;
  readonly idempotencyStore: IdempotencyStore;
  readonly rateLimitStore: RateLimitStore;
  /** The bot's logger; each message gets a child of it. Default: silent. */
  readonly logger?: Logger;
  readonly clock?: Clock;
  /** Reply texts for errors (see `ErrorReplies`). */
  readonly errors?: Omit<ErrorHandlerOptions, 'events'>;
  readonly dedupe?: Omit<DedupeOptions, 'store'>;
  /** Limits per scope; default `defaultInboundRateLimits`. */
  readonly rateLimit?: Omit<RateLimitOptions, 'store'>;
  /** TTL (default 24 h), touch interval, initial data. */
  readonly session?: Omit<SessionOptions, 'store'>;
}

/**
 * The pipeline every inbound message goes through, with the default stack already in place: error handler
 * (its own outermost slot), logging, de-duplication, rate limit, session. Add the opt-out and flow
 * middlewares, or your own, with `use` and an order from `MiddlewareOrder`.
 *
 * `handleMessage` makes the context, runs the pipeline and returns the context; the caller sends
 * `ctx.replies` (the pipeline itself never does I/O on the transport).
 *
 * @example
 * ```ts
 * const inbound = createInboundPipeline({ sessionStore, idempotencyStore, rateLimitStore, logger });
 * inbound.use(flow, { order: MiddlewareOrder.flow });
 * inbound.events.on('error', ({ error }) => alert(error));
 * const ctx = await inbound.handleMessage(message);
 * for (const reply of ctx.replies) await transport.send(ctx.organizationId, reply);
 * ```
 */
export class InboundPipeline extends Pipeline<MessageContext> {
  /** Where the error handler announces errors it did not recognise. */
  readonly events: EventEmitter<MessagingEvents>;
  readonly #logger: Logger;
  readonly #clock: Clock;

  constructor(options: { logger?: Logger; clock?: Clock; events?: EventEmitter<MessagingEvents> } = {}) {
    super();
    this.#logger = options.logger ?? silentLogger;
    this.#clock = options.clock ?? systemClock;
    this.events = options.events ?? new EventEmitter<MessagingEvents>();
  }

  /** A fresh context for `message`, with this pipeline's logger and clock. */
  createContext(message: InboundMessage): MessageContext {
    return new MessageContext({ message, logger: this.#logger, clock: this.#clock });
  }

  /**
   * Runs `message` through the pipeline and resolves with its context (`ctx.replies` holds the answers).
   * With the default stack errors are answered, not thrown; without an error handler, they reject.
   */
  handleMessage(message: InboundMessage): Promise<MessageContext> {
    const ctx = this.createContext(message);
    try {
      const result = this.run(ctx);
      return isPromiseLike(result) ? Promise.resolve(result).then(() => ctx) : Promise.resolve(ctx);
    } catch (error) {
      return Promise.reject(error);
    }
  }
}

/**
 * Assembles the default inbound stack from ports: what `createBot` uses, and what a test can use on its
 * own with in-memory stores.
 *
 * @example
 * ```ts
 * const inbound = createInboundPipeline({
 *   sessionStore: new MemorySessionStore(),
 *   idempotencyStore: new MemoryIdempotencyStore(),
 *   rateLimitStore,
 *   errors: { messages: { unknown: () => 'Oops, try again later.' } },
 * });
 * ```
 */
export function createInboundPipeline(options: InboundPipelineOptions): InboundPipeline {
  const pipeline = new InboundPipeline({ logger: options.logger, clock: options.clock });
  return pipeline
    .use(errorHandler({ ...options.errors, events: pipeline.events }))
    .use(logging())
    .use(dedupe({ ...options.dedupe, store: options.idempotencyStore }))
    .use(rateLimit({ ...options.rateLimit, store: options.rateLimitStore }))
    .use(session({ ...options.session, store: options.sessionStore }));
}
