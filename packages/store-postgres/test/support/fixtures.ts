import { randomBytes } from 'node:crypto';
import {
  Campaign,
  Customer,
  Invoice,
  Money,
  Order,
  type OutboxMessage,
  Product,
  Reminder,
} from '@chatcart/core';

/** 2026-03-01T10:00:00Z, the moment fixtures are created at. */
export const T0 = Date.parse('2026-03-01T10:00:00Z');

/** A prefix unique to one test, for organization ids and topics. */
export function uniqueName(label: string): string {
  return `${label}_${randomBytes(5).toString('hex')}`;
}

export function usd(decimal: string): Money {
  return Money.fromDecimal(decimal, 'USD');
}

/** A DRAFT order with one line (2 × 4.50 USD). */
export function draftOrder(organizationId: string, id: string, now = T0): Order {
  return Order.create({
    id,
    organizationId,
    customerId: 'cus_1',
    currency: 'USD',
    items: [{ productId: 'prd_rice', name: 'Rice 5kg', unitPrice: usd('4.50'), quantity: 2 }],
    now,
  });
}

/** A DRAFT invoice numbered `invoiceNumber`. */
export function draftInvoice(
  organizationId: string,
  id: string,
  invoiceNumber: string,
  orderId = `ord_${id}`,
): Invoice {
  return Invoice.create({
    id,
    organizationId,
    invoiceNumber,
    orderId,
    customerId: 'cus_1',
    currency: 'USD',
    lines: [
      {
        productId: 'prd_rice',
        description: 'Rice 5kg',
        unitPrice: usd('4.50'),
        quantity: 2,
        taxRateBps: 500,
        discount: null,
      },
    ],
    now: T0,
  });
}

export function aCustomer(organizationId: string, id: string, phone: string, tags: string[] = []): Customer {
  return Customer.create({
    id,
    organizationId,
    phone,
    name: 'Ana',
    locale: 'pt-BR',
    tags,
    optedIn: true,
    now: T0,
  });
}

export function aProduct(organizationId: string, id: string, sku: string): Product {
  return Product.create({
    id,
    organizationId,
    sku,
    name: `Rice ${sku}`,
    price: usd('4.50'),
    stock: 10,
    now: T0,
  });
}

export function aReminder(organizationId: string, id: string, scheduledFor = T0 + 60_000): Reminder {
  return Reminder.schedule({
    id,
    organizationId,
    type: 'PAYMENT_DUE',
    customerId: 'cus_1',
    customerPhone: '+15550000001',
    message: 'Your invoice is due.',
    scheduledFor,
    now: T0,
  });
}

export function aCampaign(organizationId: string, id: string): Campaign {
  return Campaign.create({
    id,
    organizationId,
    name: `Campaign ${id}`,
    type: 'PROMOTIONAL',
    messageTemplate: 'Hello {{name}}',
    now: T0,
  });
}

/** An outbox message about an aggregate. */
export function eventOf(
  organizationId: string,
  id: string,
  topic: string,
  payload: OutboxMessage['payload'],
): OutboxMessage {
  return { id, organizationId, topic, payload, occurredAt: T0 };
}

/** A promise and the function that resolves it. */
export function deferred<T = void>(): { promise: Promise<T>; resolve: (value: T) => void } {
  let resolve!: (value: T) => void;
  const promise = new Promise<T>((done) => {
    resolve = done;
  });
  return { promise, resolve };
}
