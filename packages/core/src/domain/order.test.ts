import { describe, expect, it } from 'vitest';
import { ChatcartError, InvalidTransitionError, ValidationError } from './errors.js';
import { Money } from './money.js';
import { CurrencyMismatchError, InvalidAmountError } from './money-errors.js';
import { Order } from './order.js';
import {
  InvalidQuantityError,
  OrderEmptyError,
  OrderItemNotFoundError,
  OrderItemPriceMismatchError,
  OrderNotEditableError,
  OrderTooManyItemsError,
} from './order-errors.js';
import { MAX_ITEM_QUANTITY, MAX_ORDER_ITEMS } from './order-item.js';

const now = 1_700_000_000_000;
const usd = (amount: string) => Money.fromDecimal(amount, 'USD');
const draft = () =>
  Order.create({ id: 'ord_1', organizationId: 'org_1', customerId: 'cus_1', currency: 'USD', now });
const rice = { productId: 'rice', name: 'Rice 5kg', unitPrice: usd('12.50'), quantity: 2 };
const oil = { productId: 'oil', name: 'Olive oil', unitPrice: usd('7.99'), quantity: 1 };

function confirmed(): Order {
  const order = draft();
  order.addItem(rice, now);
  order.confirm(now + 1);
  return order;
}

describe('Order', () => {
  it('starts as an empty DRAFT at version 0 and raises order.created', () => {
    const order = draft();
    expect(order.status).toBe('DRAFT');
    expect(order.version).toBe(0);
    expect(order.total.equals(Money.zero('USD'))).toBe(true);
    expect(order.pullEvents().map((e) => e.type)).toEqual(['order.created']);
    expect(order.pullEvents()).toEqual([]);
  });

  it('derives the total from its items', () => {
    const order = draft();
    order.addItem(rice, now);
    order.addItem(oil, now);
    expect(order.total.toDecimalString()).toBe('32.99');
    expect(order.itemCount).toBe(3);
    expect(order.items.map((item) => item.lineTotal.amountMinor)).toEqual([2500, 799]);
  });

  it('merges the same product added twice into one line', () => {
    const order = draft();
    order.addItem(rice, now);
    order.addItem({ ...rice, quantity: 3 }, now);
    expect(order.items).toHaveLength(1);
    expect(order.items[0]?.quantity).toBe(5);
    const added = order.pullEvents().filter((e) => e.type === 'order.item_added');
    expect(added.at(-1)?.payload).toMatchObject({ quantityAdded: 3, item: { quantity: 5 } });
  });

  it('refuses the same product at a different unit price', () => {
    const order = draft();
    order.addItem(rice, now);
    expect(() => order.addItem({ ...rice, unitPrice: usd('13.00') }, now)).toThrow(
      OrderItemPriceMismatchError,
    );
    expect(order.items[0]?.quantity).toBe(2);
  });

  it('refuses quantities that are not whole numbers from 1 to the maximum', () => {
    const order = draft();
    for (const quantity of [0, -1, 1.5, MAX_ITEM_QUANTITY + 1, Number.NaN]) {
      expect(() => order.addItem({ ...rice, quantity }, now), String(quantity)).toThrow(InvalidQuantityError);
    }
    order.addItem({ ...rice, quantity: MAX_ITEM_QUANTITY }, now);
    expect(() => order.addItem({ ...rice, quantity: 1 }, now)).toThrow(InvalidQuantityError);
  });

  it('refuses prices in another currency and negative prices', () => {
    const order = draft();
    expect(() => order.addItem({ ...rice, unitPrice: Money.of(100, 'EUR') }, now)).toThrow(
      CurrencyMismatchError,
    );
    expect(() => order.addItem({ ...rice, unitPrice: usd('-1') }, now)).toThrow(InvalidAmountError);
  });

  it('accepts free items', () => {
    const order = draft();
    order.addItem({ ...rice, unitPrice: Money.zero('USD') }, now);
    expect(order.total.isZero()).toBe(true);
  });

  it('refuses a blank product name with a ValidationError naming the field', () => {
    const order = draft();
    try {
      order.addItem({ ...rice, name: '  ' }, now);
      expect.unreachable();
    } catch (error) {
      expect(error).toBeInstanceOf(ValidationError);
      expect((error as ValidationError).issues[0]?.path).toBe('name');
    }
  });

  it('caps the number of distinct products', () => {
    const order = draft();
    for (let i = 0; i < MAX_ORDER_ITEMS; i++) order.addItem({ ...oil, productId: `p${i}` }, now);
    expect(() => order.addItem(rice, now)).toThrow(OrderTooManyItemsError);
  });

  it('removes items and changes quantities while DRAFT', () => {
    const order = draft();
    order.addItem(rice, now);
    order.addItem(oil, now);
    order.changeQuantity('rice', 4, now);
    order.removeItem('oil', now);
    expect(order.items.map((i) => [i.productId, i.quantity])).toEqual([['rice', 4]]);
    expect(() => order.removeItem('oil', now)).toThrow(OrderItemNotFoundError);
    expect(() => order.changeQuantity('rice', 0, now)).toThrow(InvalidQuantityError);
  });

  it('treats setting the same quantity as a no-op without an event', () => {
    const order = draft();
    order.addItem(rice, now);
    order.pullEvents();
    order.changeQuantity('rice', 2, now);
    expect(order.pullEvents()).toEqual([]);
  });

  it('refuses to confirm an empty order', () => {
    expect(() => draft().confirm(now)).toThrow(OrderEmptyError);
  });

  it('changes items only while DRAFT', () => {
    const order = confirmed();
    expect(() => order.addItem(oil, now)).toThrow(OrderNotEditableError);
    expect(() => order.removeItem('rice', now)).toThrow(OrderNotEditableError);
    expect(() => order.changeQuantity('rice', 1, now)).toThrow(OrderNotEditableError);
  });

  it('walks DRAFT → CONFIRMED → PROCESSING → SHIPPED → DELIVERED with events', () => {
    const order = confirmed();
    order.startProcessing(now + 2);
    order.markAsShipped(now + 3, 'TRACK-1');
    order.markAsDelivered(now + 4);
    expect(order.status).toBe('DELIVERED');
    expect(order.trackingNumber).toBe('TRACK-1');
    const events = order.pullEvents();
    expect(events.map((e) => e.type)).toEqual([
      'order.created',
      'order.item_added',
      'order.confirmed',
      'order.processing_started',
      'order.shipped',
      'order.delivered',
    ]);
    expect(events[2]).toMatchObject({
      aggregateId: 'ord_1',
      organizationId: 'org_1',
      occurredAt: now + 1,
      payload: { customerId: 'cus_1', total: { amountMinor: 2500, currency: 'USD' }, itemCount: 2 },
    });
  });

  it('refuses to skip states', () => {
    const order = confirmed();
    expect(() => order.markAsShipped(now)).toThrow(InvalidTransitionError);
    expect(() => order.markAsDelivered(now)).toThrow(InvalidTransitionError);
    expect(() => draft().startProcessing(now)).toThrow(InvalidTransitionError);
    expect(() => order.confirm(now)).toThrow(InvalidTransitionError);
  });

  it('cancels before shipping, keeping the reason', () => {
    for (const prepare of [(o: Order) => o, (o: Order) => o.startProcessing(now)]) {
      const order = confirmed();
      prepare(order);
      order.cancel(now + 5, 'customer changed their mind');
      expect(order.status).toBe('CANCELLED');
      expect(order.cancellationReason).toBe('customer changed their mind');
    }
    const empty = draft();
    empty.cancel(now);
    expect(empty.cancellationReason).toBeNull();
  });

  it('refuses to cancel a SHIPPED, DELIVERED or already CANCELLED order', () => {
    const shipped = confirmed();
    shipped.startProcessing(now);
    shipped.markAsShipped(now);
    expect(() => shipped.cancel(now)).toThrow(/handle it as a return/);
    shipped.markAsDelivered(now);
    expect(() => shipped.cancel(now)).toThrow(InvalidTransitionError);
    const cancelled = draft();
    cancelled.cancel(now);
    expect(() => cancelled.cancel(now)).toThrow(/already cancelled/);
  });

  it('takes time as an argument and refuses a non-timestamp', () => {
    expect(() => draft().cancel(Number.NaN)).toThrow(ValidationError);
  });

  it('round-trips through a JSON snapshot', () => {
    const order = confirmed();
    order.startProcessing(now + 10);
    const snapshot = JSON.parse(JSON.stringify(order.toSnapshot()));
    expect(Order.fromSnapshot(snapshot).toSnapshot()).toEqual(order.toSnapshot());
  });

  it('rejects a snapshot that breaks an invariant, naming every field', () => {
    const snapshot = { ...confirmed().toSnapshot(), items: [], currency: 'usd', shippedAt: now };
    try {
      Order.fromSnapshot(snapshot);
      expect.unreachable();
    } catch (error) {
      expect(error).toBeInstanceOf(ValidationError);
      const paths = (error as ValidationError).issues.map((issue) => issue.path);
      expect(paths).toEqual(expect.arrayContaining(['currency', 'items', 'shippedAt']));
    }
  });

  it('rejects a snapshot with a line in another currency or a duplicated product', () => {
    const base = draft();
    base.addItem(rice, now);
    const snapshot = base.toSnapshot();
    const item = snapshot.items[0]!;
    const eurLine = { ...item, unitPrice: { amountMinor: 1, currency: 'EUR' } };
    expect(() => Order.fromSnapshot({ ...snapshot, items: [eurLine] })).toThrow(/items.0.unitPrice.currency/);
    expect(() => Order.fromSnapshot({ ...snapshot, items: [item, item] })).toThrow(/appears twice/);
    expect(() => Order.fromSnapshot(null as never)).toThrow(ChatcartError);
  });

  it('keeps the loaded version and moves it forward only when told it was persisted', () => {
    const order = Order.fromSnapshot({ ...confirmed().toSnapshot(), version: 7 });
    expect(order.version).toBe(7);
    order.markPersisted(8);
    expect(order.version).toBe(8);
    expect(() => order.markPersisted(8)).toThrow(ValidationError);
  });
});
