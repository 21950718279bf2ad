import { describe, expect, it } from 'vitest';
import { MemoryIdempotencyStore } from '../memory/memory-idempotency-store.js';
import { MemorySessionStore } from '../memory/memory-session-store.js';
import { CapturingLogger } from '../testing/capturing-logger.js';
import { ManualClock } from '../testing/manual-clock.js';
import { createInboundPipeline } from './inbound-pipeline.js';
import type { PipelineErrorEvent } from './messaging-events.js';
import { MiddlewareOrder } from './middleware.js';
import { FakeRateLimitStore, inboundMessage } from './test-support.js';

function setup() {
  const clock = new ManualClock(1_000);
  const logger = new CapturingLogger();
  const lines = logger.lines;
  const rateLimitStore = new FakeRateLimitStore();
  const sessionStore = new MemorySessionStore({ clock });
  const inbound = createInboundPipeline({
    sessionStore,
    idempotencyStore: new MemoryIdempotencyStore({ clock }),
    rateLimitStore,
    logger,
    clock,
  });
  return { inbound, lines, rateLimitStore, sessionStore };
}

const texts = (replies: readonly { kind: string; body?: string }[]) => replies.map((reply) => reply.body);

describe('createInboundPipeline', () => {
  it('assembles error handler, logging, dedupe, rate limit and session, outermost first', () => {
    const { inbound } = setup();
    expect(inbound.describe()).toEqual([
      { name: 'errorHandler', order: Number.NEGATIVE_INFINITY },
      { name: 'logging', order: MiddlewareOrder.logging },
      { name: 'dedupe', order: MiddlewareOrder.dedupe },
      { name: 'rateLimit', order: MiddlewareOrder.rateLimit },
      { name: 'session', order: MiddlewareOrder.session },
    ]);
  });

  it('runs a flow plugged in at the flow order with the session loaded, and returns its replies', async () => {
    const { inbound, sessionStore } = setup();
    inbound.use(
      (ctx) => {
        const count = ((ctx.session.get('count') as number | undefined) ?? 0) + 1;
        ctx.session.set('count', count);
        ctx.reply(`Message ${count}`);
      },
      { order: MiddlewareOrder.flow },
    );
    expect(texts((await inbound.handleMessage(inboundMessage())).replies)).toEqual(['Message 1']);
    expect(texts((await inbound.handleMessage(inboundMessage())).replies)).toEqual(['Message 2']);
    expect((await sessionStore.get('org_1', '+14155550100'))?.data).toEqual({ count: 2 });
  });

  it('ignores a provider retry of the same message', async () => {
    const { inbound } = setup();
    inbound.use((ctx) => ctx.reply('hi'));
    const message = inboundMessage();
    await inbound.handleMessage(message);
    expect((await inbound.handleMessage(message)).replies).toEqual([]);
  });

  it('answers a refused message with the friendly rate-limit reply and does not run the flow', async () => {
    const { inbound, rateLimitStore } = setup();
    rateLimitStore.decision = { allowed: false, refusedBy: 'user', retryAfterMs: 1_500, remaining: {} };
    let ran = false;
    inbound.use(() => {
      ran = true;
    });
    const ctx = await inbound.handleMessage(inboundMessage());
    expect(texts(ctx.replies)).toEqual(["You're sending messages too fast. Please try again in 2 s."]);
    expect(ran).toBe(false);
  });

  it('answers an unexpected failure generically and announces it on events', async () => {
    const { inbound, lines } = setup();
    const events: PipelineErrorEvent[] = [];
    inbound.events.on('error', (event) => events.push(event));
    const failure = new Error('bug in the flow');
    inbound.use(() => {
      throw failure;
    });
    const ctx = await inbound.handleMessage(inboundMessage());
    expect(texts(ctx.replies)).toEqual([
      'Sorry, something went wrong on our side. Please try again in a moment.',
    ]);
    expect(events.map((event) => event.error)).toEqual([failure]);
    expect(lines.some((line) => line.level === 'error')).toBe(true);
    expect(lines.find((line) => line.message === 'message handled')?.fields).toMatchObject({
      outcome: 'failed',
    });
  });
});
