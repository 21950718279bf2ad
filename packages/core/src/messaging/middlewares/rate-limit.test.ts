import { describe, expect, it } from 'vitest';
import { MemoryRateLimitStore } from '../../memory/memory-rate-limit-store.js';
import { RateLimitError } from '../../resilience/errors.js';
import { ManualClock } from '../../testing/manual-clock.js';
import { MessageContext } from '../message-context.js';
import { Pipeline } from '../pipeline.js';
import { FakeRateLimitStore, inboundMessage } from '../test-support.js';
import { errorHandler } from './error-handler.js';
import { rateLimit } from './rate-limit.js';

describe('rateLimit', () => {
  it('checks the user, organization and global buckets in one store call', async () => {
    const store = new FakeRateLimitStore();
    await new Pipeline<MessageContext>()
      .use(rateLimit({ store }))
      .handle(new MessageContext({ message: inboundMessage() }));
    expect(store.calls).toHaveLength(1);
    const checks = store.calls[0]?.checks ?? [];
    expect(checks.map((check) => check.scope)).toEqual(['user', 'organization', 'global']);
    expect(checks[0]?.key).toContain('+14155550100');
    expect(checks[0]?.limit).toEqual({ capacity: 5, refillPerSecond: 0.5 });
    expect(checks[1]).toMatchObject({ key: 'org_1', limit: { capacity: 1000 } });
    expect(checks[2]).toMatchObject({ key: 'global', limit: { capacity: 10_000 } });
  });

  it('uses the limits it was given', async () => {
    const store = new FakeRateLimitStore();
    const user = { capacity: 50, refillPerSecond: 5 };
    await new Pipeline<MessageContext>()
      .use(rateLimit({ store, limits: { user } }))
      .handle(new MessageContext({ message: inboundMessage() }));
    expect(store.calls[0]?.checks[0]?.limit).toEqual(user);
  });

  it('throws RateLimitError and never runs the rest of the chain when refused', async () => {
    const store = new FakeRateLimitStore();
    store.decision = { allowed: false, refusedBy: 'organization', retryAfterMs: 2_500, remaining: {} };
    let ran = false;
    const pipeline = new Pipeline<MessageContext>().use(rateLimit({ store })).use(() => {
      ran = true;
    });
    const error = await pipeline.handle(new MessageContext({ message: inboundMessage() })).catch((e) => e);
    expect(error).toBeInstanceOf(RateLimitError);
    expect(error).toMatchObject({ scope: 'organization', retryAfterMs: 2_500 });
    expect(ran).toBe(false);
  });

  it('answers the sixth message of a burst with a friendly "try again" reply', async () => {
    const store = new MemoryRateLimitStore({ clock: new ManualClock(0) });
    const pipeline = new Pipeline<MessageContext>()
      .use(errorHandler())
      .use(rateLimit({ store }))
      .use((ctx) => ctx.reply('ok'));
    const bodies: string[] = [];
    for (let i = 0; i < 6; i++) {
      const ctx = new MessageContext({ message: inboundMessage() });
      await pipeline.handle(ctx);
      for (const reply of ctx.replies) if (reply.kind === 'text') bodies.push(reply.body);
    }
    expect(bodies).toEqual([
      'ok',
      'ok',
      'ok',
      'ok',
      'ok',
      "You're sending messages too fast. Please try again in 2 s.",
    ]);
  });
});
