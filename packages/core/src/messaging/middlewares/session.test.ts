import { describe, expect, it } from 'vitest';
import { ChatcartError } from '../../domain/errors.js';
import { MemorySessionStore } from '../../memory/memory-session-store.js';
import type { SessionStore } from '../../ports/session-store.js';
import { ManualClock } from '../../testing/manual-clock.js';
import { MessageContext } from '../message-context.js';
import { type Middleware, MiddlewareOrder } from '../middleware.js';
import { Pipeline } from '../pipeline.js';
import { inboundMessage } from '../test-support.js';
import { type SessionOptions, session } from './session.js';

const HOUR = 60 * 60 * 1000;
const ORG = 'org_1';
const PHONE = '+14155550100';

function setup(options: Partial<SessionOptions> = {}) {
  const clock = new ManualClock(1_000_000);
  const store = new MemorySessionStore({ clock });
  const handle = (flow: Middleware<MessageContext>) =>
    new Pipeline<MessageContext>()
      .use(session({ store, ...options }))
      .use(flow)
      .handle(new MessageContext({ message: inboundMessage(), clock }));
  return { clock, store, handle };
}

describe('session', () => {
  it('loads the stored session before the rest of the chain runs', async () => {
    const { store, handle } = setup();
    await store.set(ORG, PHONE, { step: 'confirm' }, { ttlMs: HOUR, expectedVersion: 0 });
    let seen: unknown;
    await handle((ctx) => {
      seen = ctx.session.get('step');
    });
    expect(seen).toBe('confirm');
  });

  it('saves a changed session after the rest has run, with a 24 h expiry', async () => {
    const { store, handle, clock } = setup();
    await handle((ctx) => {
      ctx.session.set('step', 'awaiting-list');
    });
    expect(await store.get(ORG, PHONE)).toEqual({
      data: { step: 'awaiting-list' },
      version: 1,
      expiresAt: clock.now() + 24 * HOUR,
    });
  });

  it('saves a change made by mutating the data in place', async () => {
    const { store, handle } = setup();
    await store.set(ORG, PHONE, { cart: [] }, { ttlMs: HOUR, expectedVersion: 0 });
    await handle((ctx) => {
      (ctx.session.data.cart as string[]).push('rice');
    });
    expect((await store.get(ORG, PHONE))?.data).toEqual({ cart: ['rice'] });
  });

  it('does not store a new session nobody changed', async () => {
    const { store, handle } = setup();
    await handle((ctx) => {
      void ctx.session.data;
    });
    expect(await store.get(ORG, PHONE)).toBeUndefined();
  });

  it('slides the expiry of an unchanged session only once its last write is older than touchAfterMs', async () => {
    const { store, handle, clock } = setup({ ttlMs: 10 * HOUR, touchAfterMs: HOUR });
    await store.set(ORG, PHONE, { step: 'x' }, { ttlMs: 10 * HOUR, expectedVersion: 0 });
    clock.advance(HOUR / 2);
    await handle(() => {});
    expect((await store.get(ORG, PHONE))?.version).toBe(1);
    clock.advance(HOUR);
    await handle(() => {});
    expect(await store.get(ORG, PHONE)).toMatchObject({ version: 2, expiresAt: clock.now() + 10 * HOUR });
  });

  it('writes after every message when touchAfterMs is 0', async () => {
    const { store, handle } = setup({ touchAfterMs: 0 });
    await store.set(ORG, PHONE, { step: 'x' }, { ttlMs: HOUR, expectedVersion: 0 });
    await handle(() => {});
    await handle(() => {});
    expect((await store.get(ORG, PHONE))?.version).toBe(3);
  });

  it('compares-and-sets on the loaded version and reports a race as SESSION_CONFLICT', async () => {
    const { store, handle } = setup();
    await store.set(ORG, PHONE, { step: 'a' }, { ttlMs: HOUR, expectedVersion: 0 });
    const error = await handle(async (ctx) => {
      // Another instance saves this customer's session while we are handling the message.
      await store.set(ORG, PHONE, { step: 'theirs' }, { ttlMs: HOUR, expectedVersion: 1 });
      ctx.session.set('step', 'ours');
    }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ChatcartError);
    expect(error).toMatchObject({ code: 'SESSION_CONFLICT' });
    expect((await store.get(ORG, PHONE))?.data).toEqual({ step: 'theirs' });
  });

  it('saves nothing when the rest of the chain throws', async () => {
    const { store, handle } = setup();
    await expect(
      handle((ctx) => {
        ctx.session.set('step', 'half-done');
        throw new Error('flow failed');
      }),
    ).rejects.toThrow('flow failed');
    expect(await store.get(ORG, PHONE)).toBeUndefined();
  });

  it('deletes the stored session when the flow destroys it', async () => {
    const { store, handle } = setup();
    await store.set(ORG, PHONE, { step: 'a' }, { ttlMs: HOUR, expectedVersion: 0 });
    await handle((ctx) => ctx.session.destroy());
    expect(await store.get(ORG, PHONE)).toBeUndefined();
  });

  it('passes store failures other than conflicts on unchanged', async () => {
    const failing: SessionStore = {
      get: async () => undefined,
      set: async () => {
        throw new Error('redis down');
      },
      delete: async () => {},
    };
    const pipeline = new Pipeline<MessageContext>().use(session({ store: failing })).use((ctx) => {
      ctx.session.set('a', 1);
    });
    await expect(pipeline.handle(new MessageContext({ message: inboundMessage() }))).rejects.toThrow(
      'redis down',
    );
  });

  it('sits at the session order by default', () => {
    expect(session({ store: new MemorySessionStore() }).order).toBe(MiddlewareOrder.session);
  });
});
