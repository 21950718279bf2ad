import { describe, expect, expectTypeOf, it } from 'vitest';
import type { DomainEvent, DomainEventMap, DomainEventOf, DomainEventPayloadMap } from './domain-event.js';
import { Money } from './money.js';
import { Order } from './order.js';

describe('domain events', () => {
  it('narrows the payload by event type', () => {
    const order = Order.create({ id: 'o', organizationId: 'org', customerId: 'c', currency: 'USD', now: 5 });
    order.addItem({ productId: 'p', name: 'P', unitPrice: Money.of(100, 'USD'), quantity: 1 }, 6);
    order.confirm(7);
    const events: DomainEvent[] = order.pullEvents();
    const confirmed = events.find((e): e is DomainEventOf<'order.confirmed'> => e.type === 'order.confirmed');
    expect(confirmed?.payload.total).toEqual({ amountMinor: 100, currency: 'USD' });
    expectTypeOf<DomainEventMap['invoice.paid']['payload']>().toEqualTypeOf<
      DomainEventPayloadMap['invoice.paid']
    >();
    expectTypeOf<DomainEventOf<'order.shipped'>['payload']>().toEqualTypeOf<{
      trackingNumber: string | null;
    }>();
  });

  it('carries JSON-safe payloads with the aggregate id, organization and time', () => {
    const order = Order.create({ id: 'o', organizationId: 'org', customerId: 'c', currency: 'USD', now: 5 });
    order.addItem({ productId: 'p', name: 'P', unitPrice: Money.of(100, 'USD'), quantity: 2 }, 6);
    const events = order.pullEvents();
    expect(JSON.parse(JSON.stringify(events))).toEqual(events);
    expect(
      events.map(({ aggregateId, organizationId, occurredAt }) => [aggregateId, organizationId, occurredAt]),
    ).toEqual([
      ['o', 'org', 5],
      ['o', 'org', 6],
    ]);
  });
});
