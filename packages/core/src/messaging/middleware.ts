/**
 * Calls the rest of the chain. Returns whatever the next middleware returned: a plain value when the rest
 * of the chain is synchronous, a promise when any part of it is asynchronous. Return it or await it; call
 * it at most once.
 */
export type NextFunction = () => unknown;

/**
 * One step of a pipeline: does something with the context, calls `next()` to run the rest of the chain
 * (or does not, to stop it), and does something after.
 *
 * A middleware may be synchronous. A synchronous middleware that runs the rest must `return next()`, so
 * that an asynchronous step further down is still awaited by whoever called the pipeline.
 *
 * @example
 * ```ts
 * const timing: Middleware<MessageContext> = async (ctx, next) => {
 *   const started = ctx.clock.now();
 *   await next();
 *   ctx.logger.debug({ ms: ctx.clock.now() - started }, 'handled');
 * };
 * const onlyText: Middleware<MessageContext> = (ctx, next) => (ctx.message.text ? next() : undefined);
 * ```
 */
export type Middleware<C> = (ctx: C, next: NextFunction) => unknown;

/** Where a middleware sits when registered with `Pipeline.use`. */
export interface MiddlewareOptions {
  /**
   * Lower runs first (outer). Middlewares with equal orders run in the order they were registered.
   * Defaults to the middleware's own `order` property (the built-ins carry one), else
   * {@link MiddlewareOrder.flow}.
   */
  readonly order?: number;
  /** A name for logs and `Pipeline.describe()`; defaults to the middleware's `middlewareName` or function name. */
  readonly name?: string;
}

/**
 * A middleware that carries its default place in the pipeline. Every built-in factory returns one, so
 * `pipeline.use(logging({ logger }))` lands in the right slot without the caller knowing the numbers.
 */
export type OrderedMiddleware<C> = Middleware<C> & {
  readonly order: number;
  readonly middlewareName: string;
};

/**
 * The default orders of the built-in middlewares, outermost first, with gaps for yours. The error
 * handler is not here: it is not a number but a slot of its own, always outermost (see `Pipeline`).
 *
 * | order | middleware | why there |
 * |---:|---|---|
 * | 100 | logging | sees every message, including duplicates and refused ones, and times the rest |
 * | 200 | de-duplication | a provider's retry stops before it costs a rate-limit token or a session read |
 * | 300 | rate limit | refuses floods before any storage or business work |
 * | 400 | session | loads the conversation state for everything below, saves it after |
 * | 500 | opt-out | STOP / START keywords, before any flow can answer |
 * | 1000 | conversation flow | the bot's behaviour; also the default for middlewares registered without an order |
 *
 * @example
 * ```ts
 * // Runs after the session is loaded and before the flow.
 * pipeline.use(loadCustomer, { order: MiddlewareOrder.session + 50 });
 * ```
 */
export const MiddlewareOrder = Object.freeze({
  logging: 100,
  dedupe: 200,
  rateLimit: 300,
  session: 400,
  optOut: 500,
  flow: 1000,
} as const);

/**
 * Gives a middleware its default place and name, for authors of reusable middlewares.
 *
 * @example
 * ```ts
 * export const greet = () =>
 *   defineMiddleware<MessageContext>((ctx, next) => next(), { order: MiddlewareOrder.flow - 10, name: 'greet' });
 * ```
 */
export function defineMiddleware<C>(
  middleware: Middleware<C>,
  defaults: { readonly order: number; readonly name: string },
): OrderedMiddleware<C> {
  return Object.assign(middleware, { order: defaults.order, middlewareName: defaults.name });
}

/** True for a promise or any thenable: what `await` would wait for. */
export function isPromiseLike(value: unknown): value is PromiseLike<unknown> {
  // `instanceof Promise` first: it is the common case and cheaper than a property lookup.
  return (
    value instanceof Promise ||
    (value !== null &&
      (typeof value === 'object' || typeof value === 'function') &&
      typeof (value as { then?: unknown }).then === 'function')
  );
}
