import { EventEmitter } from 'eventemitter3';
import { describe, expect, it } from 'vitest';
import {
  ChatcartError,
  ConflictError,
  DomainError,
  InvalidTransitionError,
  NotFoundError,
  ValidationError,
} from '../../domain/errors.js';
import { CircuitOpenError, RateLimitError } from '../../resilience/errors.js';
import { CapturingLogger } from '../../testing/capturing-logger.js';
import { MessageContext } from '../message-context.js';
import type { MessagingEvents, PipelineErrorEvent } from '../messaging-events.js';
import { Pipeline } from '../pipeline.js';
import { inboundMessage } from '../test-support.js';
import { errorHandler } from './error-handler.js';

function runFailing(error: unknown, options: Parameters<typeof errorHandler>[0] = {}) {
  const logger = new CapturingLogger();
  const lines = logger.lines;
  const handler = errorHandler(options);
  const events: PipelineErrorEvent[] = [];
  handler.events.on('error', (event) => events.push(event));
  const pipeline = new Pipeline<MessageContext>().use(handler).use((ctx) => {
    ctx.reply('Order confirmed!');
    throw error;
  });
  const ctx = new MessageContext({ message: inboundMessage(), logger });
  pipeline.run(ctx);
  const bodies = ctx.replies.map((reply) => (reply.kind === 'text' ? reply.body : reply.kind));
  return { ctx, bodies, lines, events };
}

describe('errorHandler', () => {
  it('answers a rate-limit refusal with the wait rounded up to whole seconds', () => {
    const { bodies, lines } = runFailing(new RateLimitError('user', 1_200));
    expect(bodies).toEqual(["You're sending messages too fast. Please try again in 2 s."]);
    expect(lines.at(-1)).toMatchObject({ level: 'info', fields: { code: 'RATE_LIMITED', scope: 'user' } });
  });

  it('logs an organization-wide refusal as a warning', () => {
    const { lines } = runFailing(new RateLimitError('organization', 10));
    expect(lines.at(-1)?.level).toBe('warn');
  });

  it('names every invalid field of a validation error in the reply', () => {
    const { bodies } = runFailing(
      new ValidationError('Bad order', [
        { path: 'items.0.quantity', message: 'must be at least 1' },
        { path: '', message: 'no product matched' },
      ]),
    );
    expect(bodies[0]).toContain('items.0.quantity: must be at least 1');
    expect(bodies[0]).toContain('no product matched');
  });

  it('shows a business rule’s own message', () => {
    const { bodies } = runFailing(new InvalidTransitionError('Order', 'DELIVERED', 'CANCELLED'));
    expect(bodies).toEqual(["Sorry, that can't be done: Order cannot go from DELIVERED to CANCELLED."]);
  });

  it('prefers a per-code reply over the class default', () => {
    const { bodies } = runFailing(new DomainError('ORDER_EMPTY', 'An empty order cannot be confirmed.'), {
      messages: { byCode: { ORDER_EMPTY: 'Your cart is empty: send a product list first.' } },
    });
    expect(bodies).toEqual(['Your cart is empty: send a product list first.']);
  });

  it('answers a not-found error and conflicts in plain words', () => {
    expect(runFailing(new NotFoundError('Order', 'ord_1')).bodies[0]).toBe(
      "Sorry, I couldn't find that order. Please check and try again.",
    );
    expect(runFailing(new ConflictError('Order', 'ord_1', 1, 2)).bodies[0]).toContain('send that again');
    expect(runFailing(new ChatcartError('SESSION_CONFLICT', 'raced')).bodies[0]).toContain('send that again');
  });

  it('answers an open circuit as a temporary outage', () => {
    const { bodies, lines } = runFailing(new CircuitOpenError('twilio'));
    expect(bodies[0]).toContain('try again in a few minutes');
    expect(lines.at(-1)?.level).toBe('warn');
  });

  it('answers an unknown error generically, logs it at error level and emits an error event', () => {
    const failure = new TypeError('cannot read properties of undefined');
    const { bodies, lines, events, ctx } = runFailing(failure);
    expect(bodies).toEqual(['Sorry, something went wrong on our side. Please try again in a moment.']);
    expect(lines.at(-1)).toMatchObject({ level: 'error', fields: { err: failure } });
    expect(events).toEqual([{ error: failure, ctx }]);
  });

  it('drops the replies queued before the error', () => {
    const { bodies } = runFailing(new Error('boom'));
    expect(bodies).not.toContain('Order confirmed!');
    expect(bodies).toHaveLength(1);
  });

  it('uses replies given in the messages option', () => {
    const { bodies } = runFailing(new Error('boom'), { messages: { unknown: () => 'Oops.' } });
    expect(bodies).toEqual(['Oops.']);
  });

  it('still answers when a custom reply function throws', () => {
    const { bodies } = runFailing(new RateLimitError('user', 1), {
      messages: {
        rateLimited: () => {
          throw new Error('bad template');
        },
      },
    });
    expect(bodies).toEqual(['Sorry, something went wrong on our side. Please try again in a moment.']);
  });

  it('keeps the message handled when an error listener throws', () => {
    const handler = errorHandler();
    handler.events.on('error', () => {
      throw new Error('listener bug');
    });
    const pipeline = new Pipeline<MessageContext>().use(handler).use(() => {
      throw new Error('boom');
    });
    const ctx = new MessageContext({ message: inboundMessage() });
    expect(() => pipeline.run(ctx)).not.toThrow();
    expect(ctx.replies).toHaveLength(1);
  });

  it('catches asynchronous failures too', async () => {
    const pipeline = new Pipeline<MessageContext>().use(errorHandler()).use(async () => {
      await Promise.resolve();
      throw new RateLimitError('global', 30_000);
    });
    const ctx = new MessageContext({ message: inboundMessage() });
    await pipeline.handle(ctx);
    expect(ctx.replies).toEqual([
      { kind: 'text', to: ctx.phone, body: "You're sending messages too fast. Please try again in 30 s." },
    ]);
  });

  it('emits on the emitter it was given', () => {
    const emitter = new EventEmitter<MessagingEvents>();
    const seen: unknown[] = [];
    emitter.on('error', ({ error }) => seen.push(error));
    const handler = errorHandler({ events: emitter });
    const failure = new Error('boom');
    new Pipeline<MessageContext>()
      .use(handler)
      .use(() => {
        throw failure;
      })
      .run(new MessageContext({ message: inboundMessage() }));
    expect(handler.events).toBe(emitter);
    expect(seen).toEqual([failure]);
  });
});
