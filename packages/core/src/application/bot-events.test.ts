import { describe, expect, it } from 'vitest';
import type { DomainEvent, DomainEventEnvelope } from '../domain/domain-event.js';
import { CapturingLogger } from '../testing/capturing-logger.js';
import { BotEventBus } from './bot-events.js';

const confirmed: DomainEvent = {
  type: 'order.confirmed',
  aggregateId: 'ord_1',
  organizationId: 'org_1',
  occurredAt: 1,
  payload: { customerId: 'cus_1', total: { amountMinor: 100, currency: 'INR' }, itemCount: 1 },
};
const cancelled: DomainEvent = {
  type: 'order.cancelled',
  aggregateId: 'ord_1',
  organizationId: 'org_1',
  occurredAt: 2,
  payload: { reason: null, previousStatus: 'CONFIRMED' },
};

describe('BotEventBus', () => {
  it('hands each listener the envelope of its own event name, in order', () => {
    const bus = new BotEventBus();
    const seen: string[] = [];
    bus.on('order.confirmed', (event: DomainEventEnvelope<'order.confirmed'>) =>
      seen.push(`${event.type}:${event.payload.itemCount}`),
    );
    bus.on('order.cancelled', (event) => seen.push(`${event.type}:${event.payload.previousStatus}`));
    bus.emitAll([confirmed, cancelled]);
    expect(seen).toEqual(['order.confirmed:1', 'order.cancelled:CONFIRMED']);
  });

  it('reports a throwing listener on error and still runs the other listeners', () => {
    const bus = new BotEventBus();
    const errors: Error[] = [];
    const seen: string[] = [];
    bus.on('error', (error) => errors.push(error));
    bus.on('order.confirmed', () => {
      throw new Error('listener broke');
    });
    bus.on('order.confirmed', () => seen.push('second'));
    expect(() => bus.emitAll([confirmed])).not.toThrow();
    expect(seen).toEqual(['second']);
    expect(errors.map((error) => error.message)).toEqual(['listener broke']);
  });

  it('reports a rejected async listener on error', async () => {
    const bus = new BotEventBus();
    const errors: Error[] = [];
    bus.on('error', (error) => errors.push(error));
    bus.on('order.confirmed', async () => {
      throw new Error('async broke');
    });
    bus.emitAll([confirmed]);
    await new Promise((resolve) => setImmediate(resolve));
    expect(errors.map((error) => error.message)).toEqual(['async broke']);
  });

  it('logs failures when nobody listens on error, and when an error listener fails', () => {
    const logger = new CapturingLogger();
    const bus = new BotEventBus({ logger });
    bus.on('order.confirmed', () => {
      throw 'a string';
    });
    bus.emitAll([confirmed]);
    bus.on('error', () => {
      throw new Error('error listener broke');
    });
    bus.emitAll([confirmed]);
    expect(logger.lines.map((line) => [line.level, (line.fields.err as Error).message])).toEqual([
      ['error', 'A listener threw a non-error: a string'],
      ['error', 'error listener broke'],
    ]);
  });

  it('keeps once, off and listeners working on the original functions', () => {
    const bus = new BotEventBus();
    let onceCalls = 0;
    let onCalls = 0;
    const onceListener = (): void => {
      onceCalls += 1;
    };
    const listener = (): void => {
      onCalls += 1;
    };
    bus.once('order.confirmed', onceListener);
    bus.on('order.confirmed', listener);
    expect(bus.listeners('order.confirmed')).toEqual([onceListener, listener]);
    bus.emitAll([confirmed, confirmed]);
    expect([onceCalls, onCalls]).toEqual([1, 2]);
    bus.off('order.confirmed', listener);
    bus.emitAll([confirmed]);
    expect(onCalls).toBe(2);
    expect(bus.listenerCount('order.confirmed')).toBe(0);
  });
});
