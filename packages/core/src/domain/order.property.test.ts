import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { applyAtomically, RUNS, timestamps } from './domain-test-helpers.js';
import { Money } from './money.js';
import { Order } from './order.js';

const products = ['a', 'b', 'c', 'd'];
const prices = fc.constantFrom(0, 1, 99, 1250, 999_999);

const operation = fc.oneof(
  fc
    .record({
      productId: fc.constantFrom(...products),
      price: prices,
      quantity: fc.integer({ min: -2, max: 10_002 }),
      currency: fc.constantFrom('USD', 'USD', 'USD', 'EUR'),
    })
    .map(
      ({ productId, price, quantity, currency }) =>
        (order: Order, now: number) =>
          order.addItem(
            { productId, name: `Product ${productId}`, unitPrice: Money.of(price, currency), quantity },
            now,
          ),
    ),
  fc.constantFrom(...products).map((id) => (order: Order, now: number) => order.removeItem(id, now)),
  fc.tuple(fc.constantFrom(...products), fc.integer({ min: -1, max: 10_001 })).map(
    ([id, quantity]) =>
      (order: Order, now: number) =>
        order.changeQuantity(id, quantity, now),
  ),
  fc.constant((order: Order, now: number) => order.confirm(now)),
  fc.constant((order: Order, now: number) => order.startProcessing(now)),
  fc
    .option(fc.string({ maxLength: 8 }))
    .map((tracking) => (order: Order, now: number) => order.markAsShipped(now, tracking ?? undefined)),
  fc.constant((order: Order, now: number) => order.markAsDelivered(now)),
  fc
    .option(fc.string({ maxLength: 8 }))
    .map((reason) => (order: Order, now: number) => order.cancel(now, reason ?? undefined)),
);

const scripts = fc.array(fc.tuple(operation, timestamps()), { maxLength: 30 });

function run(script: [(order: Order, now: number) => void, number][]): Order {
  const order = Order.create({
    id: 'ord_p',
    organizationId: 'org_p',
    customerId: 'cus_p',
    currency: 'USD',
    now: 1,
  });
  applyAtomically(
    order,
    script.map(
      ([op, now]) =>
        (o: Order) =>
          op(o, now),
    ),
    (snapshot) => Order.fromSnapshot(snapshot),
  );
  return order;
}

describe('Order properties', () => {
  it('leaves a valid order after any sequence of valid and invalid operations; failures change nothing', () => {
    fc.assert(
      fc.property(scripts, (script) => {
        run(script);
      }),
      RUNS,
    );
  });

  it('always has a total equal to the sum of its lines', () => {
    fc.assert(
      fc.property(scripts, (script) => {
        const order = run(script);
        const sum = order.items.reduce(
          (total, item) => total + item.unitPrice.amountMinor * item.quantity,
          0,
        );
        expect(order.total.amountMinor).toBe(sum);
        expect(order.total.currency).toBe('USD');
      }),
      RUNS,
    );
  });

  it('never holds a confirmed-or-later order without items', () => {
    fc.assert(
      fc.property(scripts, (script) => {
        const order = run(script);
        if (order.status !== 'DRAFT' && order.status !== 'CANCELLED')
          expect(order.items.length).toBeGreaterThan(0);
      }),
      RUNS,
    );
  });

  it('round-trips any reachable snapshot unchanged', () => {
    fc.assert(
      fc.property(scripts, (script) => {
        const snapshot = run(script).toSnapshot();
        expect(Order.fromSnapshot(structuredClone(snapshot)).toSnapshot()).toEqual(snapshot);
      }),
      RUNS,
    );
  });
});
