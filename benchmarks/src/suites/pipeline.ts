import { isPromiseLike, type Middleware, Pipeline } from '@chatcart/core';
import { Composer, type Context } from 'grammy';
import koaCompose from 'koa-compose';
import { type BenchSuite, compareRow, measure, perOperation, sequentially } from '../harness.js';

/**
 * The cost of the middleware machinery itself: six middlewares that do nothing but call the next one.
 *
 * - pass-through: each `(ctx, next) => next()`. Ours runs synchronously end to end, so the caller gets a
 *   plain value and only awaits when it is a promise (what `run` is for); koa-compose and grammY return a
 *   promise whatever the middlewares do, so they are awaited. A second row measures our `handle`, which
 *   always returns a promise, against the same koa figure.
 * - async: each `async (ctx, next) => { await next(); }`, the common style, for ours, koa-compose and
 *   grammY (whose middlewares are async by construction).
 *
 * Each sample runs {@link RUNS} runs one after another; figures are runs per second.
 */
const RUNS = 100;
const DEPTH = 6;

const OURS_RUN = 'chatcart Pipeline.run, 6 sync pass-through';
const OURS_HANDLE = 'chatcart Pipeline.handle (awaited), 6 sync pass-through';
const KOA = 'koa-compose, 6 pass-through';
const GRAMMY = 'grammY Composer, 6 pass-through';
const OURS_ASYNC = 'chatcart Pipeline.run, 6 async';
const KOA_ASYNC = 'koa-compose, 6 async';
const GRAMMY_ASYNC = 'grammY Composer, 6 async';

interface BenchContext {
  count: number;
}

/** Runs `operation` `times` times in a row, awaiting only the results that are promises. */
function awaitingOnlyPromises(times: number, operation: () => unknown): () => unknown {
  return () => {
    for (let i = 0; i < times; i++) {
      const result = operation();
      if (isPromiseLike(result)) return finishAsync(result, times - i - 1, operation);
    }
    return undefined;
  };
}

async function finishAsync(
  pending: PromiseLike<unknown>,
  left: number,
  operation: () => unknown,
): Promise<void> {
  await pending;
  for (let i = 0; i < left; i++) await operation();
}

const suite: BenchSuite = {
  name: 'pipeline',
  async run() {
    const passThrough: Middleware<BenchContext> = (_ctx, next) => next();
    const asyncStep: Middleware<BenchContext> = async (_ctx, next) => {
      await next();
    };

    const ours = new Pipeline<BenchContext>();
    const oursAsync = new Pipeline<BenchContext>();
    for (let i = 0; i < DEPTH; i++) {
      ours.use(passThrough);
      oursAsync.use(asyncStep);
    }

    const koa = koaCompose<BenchContext>(
      Array.from({ length: DEPTH }, () => (_ctx: BenchContext, next: () => Promise<unknown>) => next()),
    );
    const koaAsync = koaCompose<BenchContext>(
      Array.from({ length: DEPTH }, () => async (_ctx: BenchContext, next: () => Promise<unknown>) => {
        await next();
      }),
    );

    // grammY's Composer wants a grammY Context; the middlewares never touch it, so a bare object stands in.
    const grammyCtx = { count: 0 } as unknown as Context;
    const grammyNext = async (): Promise<void> => {};
    const composer = new Composer<Context>();
    const composerAsync = new Composer<Context>();
    for (let i = 0; i < DEPTH; i++) {
      composer.use((_ctx, next) => next());
      composerAsync.use(async (_ctx, next) => {
        await next();
      });
    }
    const grammy = composer.middleware();
    const grammyAsync = composerAsync.middleware();

    const ctx: BenchContext = { count: 0 };
    const figures = perOperation(
      await measure([
        { name: OURS_RUN, fn: awaitingOnlyPromises(RUNS, () => ours.run(ctx)) },
        { name: OURS_HANDLE, fn: sequentially(RUNS, () => ours.handle(ctx)) },
        { name: KOA, fn: sequentially(RUNS, () => koa(ctx)) },
        { name: GRAMMY, fn: sequentially(RUNS, () => grammy(grammyCtx, grammyNext)) },
        { name: OURS_ASYNC, fn: sequentially(RUNS, () => oursAsync.run(ctx)) },
        { name: KOA_ASYNC, fn: sequentially(RUNS, () => koaAsync(ctx)) },
        { name: GRAMMY_ASYNC, fn: sequentially(RUNS, () => grammyAsync(grammyCtx, grammyNext)) },
      ]),
      RUNS,
    );

    return [
      compareRow('6 pass-through middlewares', figures, OURS_RUN, KOA, 1),
      compareRow('6 pass-through middlewares', figures, OURS_RUN, GRAMMY, 1),
      compareRow('6 pass-through middlewares, awaited', figures, OURS_HANDLE, KOA, 1),
      compareRow('6 async middlewares', figures, OURS_ASYNC, KOA_ASYNC, 1),
      compareRow('6 async middlewares', figures, OURS_ASYNC, GRAMMY_ASYNC, 1),
    ];
  },
};

export default suite;
