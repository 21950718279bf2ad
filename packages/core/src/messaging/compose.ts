import { ChatcartError } from '../domain/errors.js';
import { isPromiseLike, type Middleware, type NextFunction } from './middleware.js';

/**
 * A chain of middlewares turned into one function. Returns what the first middleware returned: a plain
 * value when every step ran synchronously, otherwise a promise. `next`, when given, runs after the last
 * middleware calls its `next()` (so a composed chain can itself be a middleware).
 */
export type ComposedMiddleware<C> = (ctx: C, next?: NextFunction) => unknown;

/** The state of one run through the chain; one small object per run. */
interface Run<C> {
  readonly ctx: C;
  readonly terminal: NextFunction | undefined;
  /**
   * `open[i]` is true while the promise returned by step `i` is pending. Allocated on the first
   * asynchronous step only, so a synchronous run never creates it.
   */
  open: boolean[] | undefined;
}

/**
 * Composes middlewares into one function, outermost first, in the spirit of koa-compose and Hono's
 * `compose`, with three differences.
 *
 * **Synchronous chains stay synchronous.** Each step returns exactly what its middleware returned; nothing
 * is wrapped in `Promise.resolve` (koa-compose wraps every step; grammY's Composer turns every step into
 * an async function). A chain of synchronous middlewares that `return next()` creates no promise at all,
 * and `(ctx, next) => next()` in front of an async step passes the very same promise up, unwrapped.
 *
 * **`next()` twice is an error** (`NEXT_CALLED_TWICE`): running the rest of the chain twice would handle
 * one message twice.
 *
 * **A middleware that does not wait for `next()` is an error** (`MIDDLEWARE_DID_NOT_AWAIT_NEXT`): its
 * downstream would float, its errors unhandled and its work racing whatever the caller does next (for
 * example saving the session before the flow has changed it). Detection, kept cheap:
 * - a step that returns a plain value after `next()` returned a promise dropped that promise: detected
 *   synchronously, for free;
 * - a step that returns the very promise `next()` returned (`return next()`) is correct by construction:
 *   no check, no allocation;
 * - any other step that returns a promise gets one `.then` on it. While it is pending, `open[i]` is set;
 *   when it settles we check that no deeper step is still open. Every non-pass-through promise in the chain
 *   is tracked this way, so "a deeper step is open" is exactly "my downstream has not finished". The cost
 *   is one reaction per asynchronous step; synchronous steps and pass-throughs pay nothing.
 *
 * The top step of a run has no caller in the chain to check it, so it is not tracked when its downstream
 * already finished synchronously.
 *
 * @example
 * ```ts
 * const run = compose<{ seen: string[] }>([
 *   (ctx, next) => { ctx.seen.push('a'); return next(); },
 *   (ctx) => { ctx.seen.push('b'); },
 * ]);
 * run({ seen: [] }); // synchronous: no promise created
 * ```
 */
export function compose<C>(
  middlewares: readonly Middleware<C>[],
  names: readonly string[] = [],
): ComposedMiddleware<C> {
  const stack = middlewares.slice();
  const count = stack.length;
  const nameOf = (i: number) => names[i] ?? (i < count ? stack[i]?.name || `#${i}` : 'the outer next()');

  function dispatch(run: Run<C>, i: number): unknown {
    const fn = i < count ? stack[i] : run.terminal;
    if (fn === undefined) return undefined;
    let called = false;
    let downstream: unknown;
    const next: NextFunction = () => {
      if (called) {
        throw new ChatcartError(
          'NEXT_CALLED_TWICE',
          `Middleware ${nameOf(i)} called next() more than once; call it once and await or return it.`,
          { details: { middleware: nameOf(i) } },
        );
      }
      called = true;
      downstream = dispatch(run, i + 1);
      return downstream;
    };
    const result = fn(run.ctx, next);

    if (!isPromiseLike(result)) {
      // Finished synchronously; if it dropped a pending downstream, that downstream floats.
      if (called && isPromiseLike(downstream)) throw notAwaited(nameOf(i), downstream);
      return result;
    }
    // `return next()`: the same promise, so it settles exactly when the downstream does.
    if (result === downstream) return result;
    // The top step's downstream already finished synchronously: nothing left to race against.
    if (i === 0 && called && !isPromiseLike(downstream)) return result;

    run.open ??= new Array<boolean>(count + 1).fill(false);
    const open = run.open;
    open[i] = true;
    return result.then(
      (value) => {
        open[i] = false;
        for (let j = i + 1; j <= count; j++) {
          if (open[j]) throw notAwaited(nameOf(i), downstream);
        }
        return value;
      },
      (error: unknown) => {
        open[i] = false;
        throw error;
      },
    );
  }

  return (ctx, terminal) => dispatch({ ctx, terminal, open: undefined }, 0);
}

function notAwaited(name: string, downstream: unknown): ChatcartError {
  // The floating downstream may still reject; its failure is reported through this error instead of as an
  // unhandled rejection that would take the process down.
  if (isPromiseLike(downstream)) downstream.then(undefined, ignore);
  return new ChatcartError(
    'MIDDLEWARE_DID_NOT_AWAIT_NEXT',
    `Middleware ${name} finished before the rest of the chain did; \`await next()\` or \`return next()\`.`,
    { details: { middleware: name } },
  );
}

function ignore(): void {}
