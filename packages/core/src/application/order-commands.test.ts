import { describe, expect, it } from 'vitest';
import { ConflictError, InvalidTransitionError, NotFoundError, ValidationError } from '../domain/errors.js';
import { OrderEmptyError } from '../domain/order-errors.js';
import { InsufficientStockError } from '../domain/product.js';
import { ProductUnavailableError } from './application-errors.js';
import { barrierOnOrderLoad, createApplicationHarness, START } from './test-support.js';

const org = 'org_1';

async function draftOrder(h: ReturnType<typeof createApplicationHarness>, quantity = 2) {
  await h.addProduct({ id: 'rice', price: 45_000, stock: 10 });
  return h.app.commands.createOrder({
    organizationId: org,
    customerPhone: 'whatsapp:+1 415 555 0100',
    items: [{ productId: 'rice', quantity }],
  });
}

describe('createOrder', () => {
  it('creates a DRAFT order priced from the catalog and a customer for a new phone', async () => {
    const h = createApplicationHarness();
    const order = await draftOrder(h);
    expect(order).toMatchObject({ id: 'ord_1', status: 'DRAFT', currency: 'INR', customerId: 'cus_1' });
    expect(order.items).toEqual([
      {
        productId: 'rice',
        name: 'Product rice',
        unitPrice: { amountMinor: 45_000, currency: 'INR' },
        quantity: 2,
      },
    ]);
    const customer = await h.stores.repositories.customers.findByPhone(org, '+14155550100');
    expect(customer?.id).toBe('cus_1');
    expect(h.events.types).toEqual(['customer.created', 'order.created', 'order.item_added']);
    const outbox = await h.drainOutbox();
    expect(outbox.map((message) => message.topic)).toEqual(h.events.types);
  });

  it('reuses the customer a known phone belongs to', async () => {
    const h = createApplicationHarness();
    await h.addCustomer({ id: 'cus_known', phone: '+14155550100' });
    const order = await h.app.commands.createOrder({
      organizationId: org,
      customerPhone: '+1 415-555-0100',
      currency: 'inr',
    });
    expect(order).toMatchObject({ customerId: 'cus_known', currency: 'INR', items: [] });
  });

  it('takes a customerId, which must exist in the organization', async () => {
    const h = createApplicationHarness();
    await h.addCustomer({ id: 'cus_other', phone: '+14155550100', organizationId: 'org_2' });
    await expect(
      h.app.commands.createOrder({ organizationId: org, customerId: 'cus_other', currency: 'INR' }),
    ).rejects.toBeInstanceOf(NotFoundError);
    await h.addCustomer({ id: 'cus_mine', phone: '+14155550100' });
    const order = await h.app.commands.createOrder({
      organizationId: org,
      customerId: 'cus_mine',
      currency: 'INR',
    });
    expect(order.customerId).toBe('cus_mine');
  });

  it('names every bad field', async () => {
    const h = createApplicationHarness();
    const error = await h.app.commands
      .createOrder({
        organizationId: '',
        customerPhone: '12',
        currency: 'XXQ',
        items: [{ productId: 'rice', quantity: 0 }],
      } as never)
      .catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(ValidationError);
    const paths = (error as ValidationError).issues.map((issue) => issue.path);
    expect(paths).toEqual(
      expect.arrayContaining(['organizationId', 'customerPhone', 'currency', 'items.0.quantity']),
    );
    for (const issue of (error as ValidationError).issues) expect(issue.message.length).toBeGreaterThan(5);
  });

  it('asks for exactly one of customerId and customerPhone, and a currency for an empty order', async () => {
    const h = createApplicationHarness();
    await expect(h.app.commands.createOrder({ organizationId: org, currency: 'INR' })).rejects.toMatchObject({
      issues: [{ path: 'customerId', message: 'give either customerId or customerPhone' }],
    });
    await expect(
      h.app.commands.createOrder({ organizationId: org, customerPhone: '+14155550100' }),
    ).rejects.toMatchObject({ issues: [{ path: 'currency' }] });
    // The refused order created no customer either: nothing is half-written.
    expect(await h.stores.repositories.customers.findByPhone(org, '+14155550100')).toBeNull();
    expect(await h.drainOutbox()).toEqual([]);
  });

  it('refuses unknown and inactive products, and quantities beyond the stock, writing nothing', async () => {
    const h = createApplicationHarness();
    await h.addProduct({ id: 'old', active: false });
    await h.addProduct({ id: 'rare', stock: 1 });
    const create = (productId: string, quantity = 1) =>
      h.app.commands.createOrder({
        organizationId: org,
        customerPhone: '+14155550100',
        items: [{ productId, quantity }],
      });
    await expect(create('ghost')).rejects.toMatchObject({ code: 'PRODUCT_UNAVAILABLE', reason: 'unknown' });
    await expect(create('old')).rejects.toBeInstanceOf(ProductUnavailableError);
    await expect(create('rare', 2)).rejects.toBeInstanceOf(InsufficientStockError);
    expect(await h.stores.repositories.customers.findByPhone(org, '+14155550100')).toBeNull();
    expect(await h.drainOutbox()).toEqual([]);
    expect(h.events.emitted).toEqual([]);
  });

  it('returns the existing order when retried with the same orderId', async () => {
    const h = createApplicationHarness();
    await h.addProduct({ id: 'rice' });
    const input = {
      organizationId: org,
      orderId: 'ord_client',
      customerPhone: '+14155550100',
      items: [{ productId: 'rice', quantity: 1 }],
    };
    const [first, second] = await Promise.all([
      h.app.commands.createOrder(input),
      h.app.commands.createOrder(input),
    ]);
    const third = await h.app.commands.createOrder(input);
    expect(second).toEqual(first);
    expect(third).toEqual(first);
    const outbox = await h.drainOutbox();
    expect(outbox.filter((message) => message.topic === 'order.created')).toHaveLength(1);
    expect(outbox.filter((message) => message.topic === 'customer.created')).toHaveLength(1);
  });
});

describe('addOrderItems', () => {
  it('adds catalog products and merges quantities', async () => {
    const h = createApplicationHarness();
    const order = await draftOrder(h);
    await h.addProduct({ id: 'dal', price: 12_000 });
    const updated = await h.app.commands.addOrderItems({
      organizationId: org,
      orderId: order.id,
      items: [
        { productId: 'dal', quantity: 1 },
        { productId: 'rice', quantity: 3 },
      ],
    });
    expect(updated.items.map((item) => [item.productId, item.quantity])).toEqual([
      ['rice', 5],
      ['dal', 1],
    ]);
    expect(updated.version).toBe(order.version + 1);
  });

  it('counts what the order already holds against the stock', async () => {
    const h = createApplicationHarness();
    const order = await draftOrder(h, 8);
    await expect(
      h.app.commands.addOrderItems({
        organizationId: org,
        orderId: order.id,
        items: [{ productId: 'rice', quantity: 3 }],
      }),
    ).rejects.toMatchObject({ code: 'INSUFFICIENT_STOCK', details: { requested: 11, available: 10 } });
  });

  it('refuses an empty list and an order of another organization', async () => {
    const h = createApplicationHarness();
    const order = await draftOrder(h);
    await expect(
      h.app.commands.addOrderItems({ organizationId: org, orderId: order.id, items: [] }),
    ).rejects.toMatchObject({
      issues: [{ path: 'items' }],
    });
    await expect(
      h.app.commands.addOrderItems({
        organizationId: 'org_2',
        orderId: order.id,
        items: [{ productId: 'rice', quantity: 1 }],
      }),
    ).rejects.toBeInstanceOf(NotFoundError);
  });
});

describe('confirmOrder', () => {
  it('confirms, takes tracked stock and records the purchase, all in one transaction', async () => {
    const h = createApplicationHarness();
    const order = await draftOrder(h, 3);
    await h.drainOutbox();
    h.events.emitted.length = 0;
    const confirmed = await h.app.commands.confirmOrder({ organizationId: org, orderId: order.id });
    expect(confirmed).toMatchObject({ status: 'CONFIRMED', confirmedAt: START });
    expect((await h.stores.repositories.products.getById(org, 'rice')).stock).toBe(7);
    const customer = await h.stores.repositories.customers.getById(org, order.customerId);
    expect(customer.orderCount).toBe(1);
    expect(customer.totalSpent?.amountMinor).toBe(135_000);
    const outbox = await h.drainOutbox();
    expect(outbox).toHaveLength(1);
    expect(outbox[0]).toMatchObject({
      organizationId: org,
      topic: 'order.confirmed',
      occurredAt: START,
      payload: { type: 'order.confirmed', aggregateId: order.id, payload: { itemCount: 3 } },
    });
    expect(outbox[0]?.id).not.toContain(':');
  });

  it('refuses an empty order and changes nothing', async () => {
    const h = createApplicationHarness();
    const order = await h.app.commands.createOrder({
      organizationId: org,
      customerPhone: '+14155550100',
      currency: 'INR',
    });
    await h.drainOutbox();
    await expect(
      h.app.commands.confirmOrder({ organizationId: org, orderId: order.id }),
    ).rejects.toBeInstanceOf(OrderEmptyError);
    expect((await h.app.queries.getOrder({ organizationId: org, orderId: order.id })).status).toBe('DRAFT');
    expect(await h.drainOutbox()).toEqual([]);
  });

  it('rolls the whole confirmation back when stock ran out since the items were added', async () => {
    const h = createApplicationHarness();
    const order = await draftOrder(h, 3);
    const rice = await h.stores.repositories.products.getById(org, 'rice');
    rice.setStock(h.clock.now(), 2);
    await h.stores.repositories.products.save(rice);
    await h.drainOutbox();
    const before = h.events.emitted.length;
    await expect(
      h.app.commands.confirmOrder({ organizationId: org, orderId: order.id }),
    ).rejects.toBeInstanceOf(InsufficientStockError);
    expect((await h.app.queries.getOrder({ organizationId: org, orderId: order.id })).status).toBe('DRAFT');
    expect(await h.drainOutbox()).toEqual([]);
    expect(h.events.emitted).toHaveLength(before);
  });

  it('lets exactly one of two racing confirmations win; the other retries and is refused', async () => {
    const h = createApplicationHarness({ wrapUnitOfWork: barrierOnOrderLoad(2) });
    const order = await draftOrder(h, 3);
    await h.drainOutbox();
    const results = await Promise.allSettled([
      h.app.commands.confirmOrder({ organizationId: org, orderId: order.id }),
      h.app.commands.confirmOrder({ organizationId: org, orderId: order.id }),
    ]);
    const fulfilled = results.filter((result) => result.status === 'fulfilled');
    const rejected = results.filter((result) => result.status === 'rejected');
    expect(fulfilled).toHaveLength(1);
    expect(rejected).toHaveLength(1);
    expect((rejected[0] as PromiseRejectedResult).reason).toBeInstanceOf(InvalidTransitionError);
    // The stock was taken once, and one confirmation reached the outbox.
    expect((await h.stores.repositories.products.getById(org, 'rice')).stock).toBe(7);
    expect((await h.drainOutbox()).map((message) => message.topic)).toEqual(['order.confirmed']);
  });
});

describe('cancelOrder', () => {
  it('cancels, gives stock back, voids the unpaid invoice and cancels pending reminders', async () => {
    const h = createApplicationHarness();
    const order = await draftOrder(h, 3);
    await h.app.commands.confirmOrder({ organizationId: org, orderId: order.id });
    const invoice = await h.app.commands.issueInvoice({ organizationId: org, orderId: order.id });
    const followUp = await h.app.commands.scheduleReminder({
      organizationId: org,
      customerId: order.customerId,
      customerPhone: '+14155550100',
      type: 'ORDER_FOLLOWUP',
      message: 'How was your order?',
      scheduledFor: START + 86_400_000,
      reference: { kind: 'order', id: order.id },
    });
    const due = await h.app.commands.scheduleReminder({
      organizationId: org,
      customerId: order.customerId,
      customerPhone: '+14155550100',
      type: 'PAYMENT_DUE',
      message: 'Your invoice is due.',
      scheduledFor: START + 86_400_000,
      reference: { kind: 'invoice', id: invoice.id },
    });
    const cancelled = await h.app.commands.cancelOrder({
      organizationId: org,
      orderId: order.id,
      reason: 'changed mind',
    });
    expect(cancelled).toMatchObject({ status: 'CANCELLED', cancellationReason: 'changed mind' });
    expect((await h.stores.repositories.products.getById(org, 'rice')).stock).toBe(10);
    expect((await h.app.queries.getInvoice({ organizationId: org, invoiceId: invoice.id })).status).toBe(
      'VOID',
    );
    for (const reminder of [followUp, due]) {
      expect((await h.stores.repositories.reminders.getById(org, reminder.id)).status).toBe('CANCELLED');
    }
  });

  it('lets exactly one of two racing cancellations win; the other retries and is refused', async () => {
    const h = createApplicationHarness({ wrapUnitOfWork: barrierOnOrderLoad(2) });
    const order = await draftOrder(h);
    const results = await Promise.allSettled([
      h.app.commands.cancelOrder({ organizationId: org, orderId: order.id }),
      h.app.commands.cancelOrder({ organizationId: org, orderId: order.id }),
    ]);
    expect(results.filter((result) => result.status === 'fulfilled')).toHaveLength(1);
    const rejected = results.find((result) => result.status === 'rejected') as PromiseRejectedResult;
    expect(rejected.reason).toBeInstanceOf(InvalidTransitionError);
  });

  it('surfaces ConflictError when the conflict never clears, after the bounded retries', async () => {
    let attempts = 0;
    const h = createApplicationHarness({
      conflictRetries: 2,
      wrapUnitOfWork: (inner) => ({
        run: (work) =>
          inner.run((tx) =>
            work({
              ...tx,
              orders: Object.assign(Object.create(tx.orders), {
                save: async () => {
                  attempts += 1;
                  throw new ConflictError('Order', 'ord_1', 1, 2);
                },
              }),
            }),
          ),
      }),
    });
    await h.addCustomer({ id: 'cus_1', phone: '+14155550100' });
    await expect(
      h.app.commands.createOrder({ organizationId: org, customerId: 'cus_1', currency: 'INR' }),
    ).rejects.toBeInstanceOf(ConflictError);
    expect(attempts).toBe(3);
    expect(await h.drainOutbox()).toEqual([]);
    expect(h.events.emitted).toEqual([]);
  });
});

describe('shipping and delivery', () => {
  it('passes a CONFIRMED order through PROCESSING to SHIPPED, then DELIVERED', async () => {
    const h = createApplicationHarness();
    const order = await draftOrder(h);
    await h.app.commands.confirmOrder({ organizationId: org, orderId: order.id });
    await h.drainOutbox();
    const shipped = await h.app.commands.markOrderShipped({
      organizationId: org,
      orderId: order.id,
      trackingNumber: 'TRK-1',
    });
    expect(shipped).toMatchObject({ status: 'SHIPPED', trackingNumber: 'TRK-1' });
    expect((await h.drainOutbox()).map((message) => message.topic)).toEqual([
      'order.processing_started',
      'order.shipped',
    ]);
    const delivered = await h.app.commands.markOrderDelivered({ organizationId: org, orderId: order.id });
    expect(delivered.status).toBe('DELIVERED');
    await expect(
      h.app.commands.cancelOrder({ organizationId: org, orderId: order.id }),
    ).rejects.toBeInstanceOf(InvalidTransitionError);
  });

  it('starts processing on its own, and refuses to ship a DRAFT', async () => {
    const h = createApplicationHarness();
    const order = await draftOrder(h);
    await expect(
      h.app.commands.markOrderShipped({ organizationId: org, orderId: order.id }),
    ).rejects.toBeInstanceOf(InvalidTransitionError);
    await h.app.commands.confirmOrder({ organizationId: org, orderId: order.id });
    expect(
      (await h.app.commands.startOrderProcessing({ organizationId: org, orderId: order.id })).status,
    ).toBe('PROCESSING');
    await expect(
      h.app.commands.markOrderDelivered({ organizationId: 'org_2', orderId: order.id }),
    ).rejects.toBeInstanceOf(NotFoundError);
  });
});
