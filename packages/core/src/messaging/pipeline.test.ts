import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { ChatcartError } from '../domain/errors.js';
import { compose } from './compose.js';
import { defineMiddleware, type Middleware } from './middleware.js';
import { asErrorHandler, Pipeline } from './pipeline.js';

interface Trace {
  seen: string[];
}

const tick = () => new Promise<void>((resolve) => setTimeout(resolve, 0));

const record =
  (name: string): Middleware<Trace> =>
  (ctx, next) => {
    ctx.seen.push(name);
    return next();
  };

function codeOf(error: unknown): string | undefined {
  return error instanceof ChatcartError ? error.code : undefined;
}

describe('Pipeline ordering', () => {
  it('runs lower orders first and keeps registration order among equal orders', async () => {
    const pipeline = new Pipeline<Trace>()
      .use(record('c'), { order: 300 })
      .use(record('a1'), { order: 100 })
      .use(record('b'), { order: 200 })
      .use(record('a2'), { order: 100 });
    const ctx = { seen: [] };
    await pipeline.handle(ctx);
    expect(ctx.seen).toEqual(['a1', 'a2', 'b', 'c']);
  });

  it('takes a middleware’s own order when none is given, and the flow order when it has none', async () => {
    const pipeline = new Pipeline<Trace>()
      .use(record('plain'))
      .use(defineMiddleware(record('early'), { order: 10, name: 'early' }))
      .use(record('late'), { order: 2000 });
    const ctx = { seen: [] };
    await pipeline.handle(ctx);
    expect(ctx.seen).toEqual(['early', 'plain', 'late']);
    expect(pipeline.describe().map((entry) => entry.order)).toEqual([10, 1000, 2000]);
  });

  it('puts the execution order equal to a stable sort by order, for any orders', () => {
    fc.assert(
      fc.property(fc.array(fc.integer({ min: -5, max: 5 }), { maxLength: 12 }), (orders) => {
        const pipeline = new Pipeline<Trace>();
        orders.forEach((order, index) => {
          pipeline.use(record(String(index)), { order });
        });
        const ctx = { seen: [] };
        pipeline.run(ctx);
        const expected = orders
          .map((order, index) => ({ order, index }))
          .sort((a, b) => a.order - b.order || a.index - b.index)
          .map(({ index }) => String(index));
        expect(ctx.seen).toEqual(expected);
      }),
    );
  });

  it('runs the error handler outermost whatever order number it was given', async () => {
    const caught: unknown[] = [];
    const handler = asErrorHandler<Trace>(async (ctx, next) => {
      ctx.seen.push('handler');
      try {
        await next();
      } catch (error) {
        caught.push(error);
      }
    });
    const pipeline = new Pipeline<Trace>()
      .use(record('first'), { order: -1_000_000 })
      .use(handler, { order: 9999, name: 'handler' })
      .use(
        () => {
          throw new Error('boom');
        },
        { order: 0 },
      );
    const ctx = { seen: [] };
    await expect(pipeline.handle(ctx)).resolves.toBeUndefined();
    expect(ctx.seen).toEqual(['handler', 'first']);
    expect(caught).toHaveLength(1);
    expect(pipeline.describe()[0]).toEqual({ name: 'handler', order: Number.NEGATIVE_INFINITY });
  });

  it('replaces the error handler when a second one is registered', () => {
    const pipeline = new Pipeline<Trace>()
      .use(asErrorHandler(record('one')), { name: 'one' })
      .use(asErrorHandler(record('two')), { name: 'two' });
    const ctx = { seen: [] };
    pipeline.run(ctx);
    expect(ctx.seen).toEqual(['two']);
    expect(pipeline.describe()).toHaveLength(1);
  });

  it('includes middlewares registered after the first run', () => {
    const pipeline = new Pipeline<Trace>().use(record('a'));
    pipeline.run({ seen: [] });
    pipeline.use(record('b'));
    const ctx = { seen: [] };
    pipeline.run(ctx);
    expect(ctx.seen).toEqual(['a', 'b']);
  });

  it('runs code after next() in reverse order, onion style', async () => {
    const around =
      (name: string): Middleware<Trace> =>
      async (ctx, next) => {
        ctx.seen.push(`${name}>`);
        await next();
        ctx.seen.push(`<${name}`);
      };
    const pipeline = new Pipeline<Trace>().use(around('a')).use(around('b'));
    const ctx = { seen: [] };
    await pipeline.handle(ctx);
    expect(ctx.seen).toEqual(['a>', 'b>', '<b', '<a']);
  });

  it('calls the outer next after its last middleware when nested as a middleware', async () => {
    const inner = new Pipeline<Trace>().use(record('inner'));
    const outer = new Pipeline<Trace>().use(inner.middleware()).use(record('after'));
    const ctx = { seen: [] };
    await outer.handle(ctx);
    expect(ctx.seen).toEqual(['inner', 'after']);
  });
});

describe('Pipeline synchronous path', () => {
  it('returns a plain value, not a promise, when every middleware and the terminal are synchronous', () => {
    const run = compose<Trace>([
      record('a'),
      record('b'),
      record('c'),
      record('d'),
      (ctx) => ctx.seen.length,
    ]);
    const result = run({ seen: [] });
    expect(result).not.toBeInstanceOf(Promise);
    expect(result).toBe(4);
  });

  it('returns the terminal’s value synchronously through a pipeline too', () => {
    const pipeline = new Pipeline<Trace>().use(record('a')).use(record('b'));
    const result = pipeline.run({ seen: [] }, () => 'done');
    expect(result).toBe('done');
  });

  it('adds no promise for `return next()` steps in front of an asynchronous step', async () => {
    let thenCalls = 0;
    const deep = Promise.resolve('deep');
    const counted: PromiseLike<string> = {
      // biome-ignore lint/suspicious/noThenProperty: a thenable that counts how often it is chained.
      then: (onFulfilled, onRejected) => {
        thenCalls++;
        return deep.then(onFulfilled, onRejected);
      },
    };
    const run = compose<Trace>([record('a'), record('b'), record('c'), () => counted]);
    const result = run({ seen: [] });
    // One reaction, on the asynchronous step itself (so an upstream step could be checked against it);
    // none for the three pass-through steps.
    expect(thenCalls).toBe(1);
    await expect(result).resolves.toBe('deep');
  });

  it('throws a synchronous error synchronously from run, and rejects from handle', async () => {
    const pipeline = new Pipeline<Trace>().use(() => {
      throw new Error('sync boom');
    });
    expect(() => pipeline.run({ seen: [] })).toThrow('sync boom');
    await expect(pipeline.handle({ seen: [] })).rejects.toThrow('sync boom');
  });
});

describe('Pipeline misuse of next()', () => {
  it('refuses a second call to next() from a synchronous middleware', () => {
    const run = compose<Trace>([
      (_ctx, next) => {
        next();
        return next();
      },
      record('once'),
    ]);
    const ctx = { seen: [] };
    expect(() => run(ctx)).toThrow(expect.objectContaining({ code: 'NEXT_CALLED_TWICE' }));
    expect(ctx.seen).toEqual(['once']);
  });

  it('refuses a second call to next() from an asynchronous middleware', async () => {
    const run = compose<Trace>([
      async (_ctx, next) => {
        await next();
        await next();
      },
      async (ctx) => {
        ctx.seen.push('once');
      },
    ]);
    const ctx = { seen: [] };
    const error = await Promise.resolve(run(ctx)).catch((e: unknown) => e);
    expect(codeOf(error)).toBe('NEXT_CALLED_TWICE');
    expect(ctx.seen).toEqual(['once']);
  });

  it('reports a synchronous middleware that drops the promise next() returned', async () => {
    const run = compose<Trace>([
      (_ctx, next) => {
        next();
      },
      async () => {
        await tick();
        throw new Error('downstream failure, reported through the misuse error');
      },
    ]);
    expect(() => run({ seen: [] })).toThrow(
      expect.objectContaining({ code: 'MIDDLEWARE_DID_NOT_AWAIT_NEXT' }),
    );
    await tick();
    await tick();
  });

  it('reports an asynchronous middleware that finishes before its downstream', async () => {
    const run = compose<Trace>([
      async (_ctx, next) => {
        next();
      },
      async (ctx) => {
        await tick();
        ctx.seen.push('downstream');
      },
    ]);
    const error = await Promise.resolve(run({ seen: [] })).catch((e: unknown) => e);
    expect(codeOf(error)).toBe('MIDDLEWARE_DID_NOT_AWAIT_NEXT');
  });

  it('reports a forgotten await deep in the chain, behind pass-through steps', async () => {
    const run = compose<Trace>([
      async (_ctx, next) => {
        await next();
      },
      record('pass'),
      async (_ctx, next) => {
        next();
      },
      record('pass again'),
      async () => {
        await tick();
      },
    ]);
    const error = await Promise.resolve(run({ seen: [] })).catch((e: unknown) => e);
    expect(codeOf(error)).toBe('MIDDLEWARE_DID_NOT_AWAIT_NEXT');
  });

  it('accepts middlewares that await next() after awaiting something else', async () => {
    const run = compose<Trace>([
      async (ctx, next) => {
        await tick();
        ctx.seen.push('a');
        await next();
        ctx.seen.push('a after');
      },
      async (ctx, next) => {
        ctx.seen.push('b');
        await next();
        await tick();
        ctx.seen.push('b after');
      },
      (ctx) => {
        ctx.seen.push('c');
      },
    ]);
    const ctx = { seen: [] };
    await run(ctx);
    expect(ctx.seen).toEqual(['a', 'b', 'c', 'b after', 'a after']);
  });

  it('accepts a chain of asynchronous middlewares that each await next()', async () => {
    const step: Middleware<Trace> = async (ctx, next) => {
      ctx.seen.push('in');
      await next();
      ctx.seen.push('out');
    };
    const run = compose<Trace>([step, step, step, async () => tick()]);
    const ctx = { seen: [] };
    await run(ctx);
    expect(ctx.seen).toEqual(['in', 'in', 'in', 'out', 'out', 'out']);
  });

  it('passes a downstream rejection up unchanged', async () => {
    const failure = new Error('flow failed');
    const run = compose<Trace>([
      async (_ctx, next) => {
        await next();
      },
      async () => {
        await tick();
        throw failure;
      },
    ]);
    await expect(Promise.resolve(run({ seen: [] }))).rejects.toBe(failure);
  });
});
