import { type ComposedMiddleware, compose } from './compose.js';
import {
  isPromiseLike,
  type Middleware,
  type MiddlewareOptions,
  MiddlewareOrder,
  type NextFunction,
} from './middleware.js';

/**
 * A middleware that belongs in the pipeline's error-handler slot: outside every other middleware, whatever
 * number it carries. `errorHandler()` returns one; write your own with `asErrorHandler`.
 */
export type ErrorHandlerMiddleware<C> = Middleware<C> & { readonly slot: 'errorHandler' };

/**
 * Marks a middleware as the pipeline's error handler, so `use` puts it in the outermost slot.
 *
 * @example
 * ```ts
 * pipeline.use(asErrorHandler(async (ctx, next) => {
 *   try { await next(); } catch { ctx.reply('Oops.'); }
 * }));
 * ```
 */
export function asErrorHandler<C>(middleware: Middleware<C>): ErrorHandlerMiddleware<C> {
  return Object.assign(middleware, { slot: 'errorHandler' as const });
}

/** One registered middleware as `Pipeline.describe()` reports it, outermost first. */
export interface PipelineEntry {
  readonly name: string;
  /** The order it runs at; `-Infinity` for the error handler, which has a slot of its own. */
  readonly order: number;
}

interface Registration<C> {
  readonly middleware: Middleware<C>;
  readonly order: number;
  readonly name: string;
  /** Registration sequence: the tie-breaker that keeps equal orders in registration order. */
  readonly seq: number;
}

const RESOLVED: Promise<void> = Promise.resolve();

/**
 * An ordered chain of middlewares for a context type `C`: the one idea the inbound message path plugs
 * into (grammY's Composer, Hono's compose).
 *
 * - `use(middleware, { order })`: lower orders run first (outer); equal orders keep registration order.
 *   A middleware without an order takes its own `order` property (every built-in has one), else
 *   {@link MiddlewareOrder.flow}.
 * - The **error handler is a slot, not a number**: a middleware marked as one (`errorHandler()`,
 *   `asErrorHandler`) always runs outermost, so it catches what every other middleware throws. A numeric
 *   convention would put it wherever its number falls (the seed's 9999 made it innermost, catching
 *   nothing). Registering a second one replaces the first.
 * - The chain is composed once and cached; `use` invalidates the cache.
 * - `run(ctx)` returns synchronously when every step did (see {@link compose}); `handle(ctx)` always returns
 *   a promise, wrapping at most once, at the top.
 *
 * @example
 * ```ts
 * const pipeline = new Pipeline<MessageContext>()
 *   .use(errorHandler())
 *   .use(logging({ logger }))
 *   .use((ctx) => ctx.reply(`You said: ${ctx.message.text}`));
 * await pipeline.handle(ctx);
 * ```
 */
export class Pipeline<C> {
  readonly #registrations: Registration<C>[] = [];
  #errorHandler: Middleware<C> | undefined;
  #errorHandlerName = 'errorHandler';
  #composed: ComposedMiddleware<C> | undefined;
  #seq = 0;

  /** Adds a middleware; see the class comment for where it lands. Returns the pipeline, for chaining. */
  use(middleware: Middleware<C>, options: MiddlewareOptions = {}): this {
    const own = middleware as Middleware<C> & { order?: unknown; middlewareName?: unknown; slot?: unknown };
    const name =
      options.name ??
      (typeof own.middlewareName === 'string' ? own.middlewareName : middleware.name || `#${this.#seq}`);
    if (own.slot === 'errorHandler') {
      this.#errorHandler = middleware;
      this.#errorHandlerName = name;
    } else {
      const order = options.order ?? (typeof own.order === 'number' ? own.order : MiddlewareOrder.flow);
      if (Number.isNaN(order)) throw new RangeError(`Middleware ${name}: order must be a number, got NaN`);
      this.#registrations.push({ middleware, order, name, seq: this.#seq });
    }
    this.#seq++;
    this.#composed = undefined;
    return this;
  }

  /** The middlewares in the order they run, outermost first: for logs, tests and debugging. */
  describe(): PipelineEntry[] {
    const entries: PipelineEntry[] = this.#sorted().map(({ name, order }) => ({ name, order }));
    if (this.#errorHandler)
      entries.unshift({ name: this.#errorHandlerName, order: Number.NEGATIVE_INFINITY });
    return entries;
  }

  /**
   * Runs the chain on `ctx`. Returns what the outermost middleware returned: a plain value when the whole
   * chain ran synchronously, a promise otherwise. A synchronous throw is thrown. Prefer `handle` unless you
   * need the synchronous path.
   */
  run(ctx: C, next?: NextFunction): unknown {
    this.#composed ??= this.#compose();
    return this.#composed(ctx, next);
  }

  /** Runs the chain on `ctx` and resolves when it has finished; rejects with whatever escaped it. */
  handle(ctx: C): Promise<void> {
    try {
      const result = this.run(ctx);
      return isPromiseLike(result) ? Promise.resolve(result).then(toVoid) : RESOLVED;
    } catch (error) {
      return Promise.reject(error);
    }
  }

  /**
   * The whole pipeline as one middleware, to nest it in another pipeline; its last `next()` calls the outer
   * chain's `next`.
   */
  middleware(): Middleware<C> {
    return (ctx, next) => this.run(ctx, next);
  }

  #sorted(): Registration<C>[] {
    return [...this.#registrations].sort((a, b) => a.order - b.order || a.seq - b.seq);
  }

  #compose(): ComposedMiddleware<C> {
    const sorted = this.#sorted();
    const middlewares = sorted.map((entry) => entry.middleware);
    const names = sorted.map((entry) => entry.name);
    if (this.#errorHandler) {
      middlewares.unshift(this.#errorHandler);
      names.unshift(this.#errorHandlerName);
    }
    return compose(middlewares, names);
  }
}

function toVoid(): void {}
