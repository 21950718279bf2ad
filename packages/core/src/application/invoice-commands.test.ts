import { describe, expect, it } from 'vitest';
import { InvalidTransitionError, NotFoundError, ValidationError } from '../domain/errors.js';
import {
  InvoiceHasPaymentsError,
  OrderNotInvoiceableError,
  PaymentReferenceConflictError,
} from '../domain/invoice-errors.js';
import { createApplicationHarness, START } from './test-support.js';

const org = 'org_1';
const DAY = 86_400_000;

async function confirmedOrder(h: ReturnType<typeof createApplicationHarness>, organizationId = org) {
  await h.addProduct({ id: 'rice', price: 45_000, organizationId });
  const order = await h.app.commands.createOrder({
    organizationId,
    customerPhone: '+14155550100',
    items: [{ productId: 'rice', quantity: 2 }],
  });
  return h.app.commands.confirmOrder({ organizationId, orderId: order.id });
}

async function scheduleAbout(
  h: ReturnType<typeof createApplicationHarness>,
  invoiceId: string,
  type: 'PAYMENT_DUE' | 'CUSTOM',
) {
  return h.app.commands.scheduleReminder({
    organizationId: org,
    customerId: 'cus_1',
    customerPhone: '+14155550100',
    type,
    message: 'About your invoice',
    scheduledFor: START + 7 * DAY,
    reference: { kind: 'invoice', id: invoiceId },
  });
}

describe('issueInvoice', () => {
  it('issues a numbered invoice from the order with tax and discounts', async () => {
    const h = createApplicationHarness();
    const order = await confirmedOrder(h);
    await h.drainOutbox();
    const invoice = await h.app.commands.issueInvoice({
      organizationId: org,
      orderId: order.id,
      defaultTaxRateBps: 1800,
      discounts: { rice: { type: 'percentage', basisPoints: 1000 } },
      series: '2026',
    });
    expect(invoice).toMatchObject({
      id: 'inv_1',
      invoiceNumber: 'INV-2026-000001',
      orderId: order.id,
      status: 'ISSUED',
      issuedAt: START,
      dueAt: START + 7 * DAY,
    });
    expect(h.stores.invoiceNumbers.peek(org, { series: '2026' })).toBe(1);
    expect((await h.drainOutbox()).map((message) => message.topic)).toEqual([
      'invoice.created',
      'invoice.issued',
    ]);
  });

  it('returns the order’s live invoice instead of issuing a second one, even when racing', async () => {
    const h = createApplicationHarness();
    const order = await confirmedOrder(h);
    const [first, second] = await Promise.all([
      h.app.commands.issueInvoice({ organizationId: org, orderId: order.id }),
      h.app.commands.issueInvoice({ organizationId: org, orderId: order.id }),
    ]);
    const third = await h.app.commands.issueInvoice({
      organizationId: org,
      orderId: order.id,
      invoiceId: 'inv_other',
    });
    expect(second).toEqual(first);
    expect(third).toEqual(first);
    // The losing attempt rolled back, so its number went back to the sequence: no gap.
    expect(h.stores.invoiceNumbers.peek(org)).toBe(1);
    expect((await h.drainOutbox()).filter((message) => message.topic === 'invoice.issued')).toHaveLength(1);
  });

  it('takes a client invoiceId for retries, which may not belong to another order', async () => {
    const h = createApplicationHarness();
    const order = await confirmedOrder(h);
    const first = await h.app.commands.issueInvoice({
      organizationId: org,
      orderId: order.id,
      invoiceId: 'inv_client',
    });
    expect(first.id).toBe('inv_client');
    expect(
      await h.app.commands.issueInvoice({ organizationId: org, orderId: order.id, invoiceId: 'inv_client' }),
    ).toEqual(first);
    await expect(
      h.app.commands.issueInvoice({ organizationId: org, orderId: 'ord_elsewhere', invoiceId: 'inv_client' }),
    ).rejects.toMatchObject({ issues: [{ path: 'invoiceId' }] });
  });

  it('refuses a DRAFT order, an order of another organization and bad options', async () => {
    const h = createApplicationHarness();
    await h.addProduct({ id: 'rice' });
    const draft = await h.app.commands.createOrder({
      organizationId: org,
      customerPhone: '+14155550100',
      items: [{ productId: 'rice', quantity: 1 }],
    });
    await expect(
      h.app.commands.issueInvoice({ organizationId: org, orderId: draft.id }),
    ).rejects.toBeInstanceOf(OrderNotInvoiceableError);
    expect(h.stores.invoiceNumbers.peek(org)).toBe(0);
    await expect(
      h.app.commands.issueInvoice({ organizationId: 'org_2', orderId: draft.id }),
    ).rejects.toBeInstanceOf(NotFoundError);
    const error = await h.app.commands
      .issueInvoice({
        organizationId: org,
        orderId: draft.id,
        defaultTaxRateBps: -1,
        discounts: { rice: { type: 'percentage', basisPoints: 20_000 } },
      })
      .catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(ValidationError);
    expect((error as ValidationError).issues.map((issue) => issue.path)).toEqual([
      'defaultTaxRateBps',
      'discounts.rice.basisPoints',
    ]);
  });
});

describe('recordPayment', () => {
  it('records a partial payment, then the rest, and cancels pending PAYMENT_DUE reminders once paid', async () => {
    const h = createApplicationHarness();
    const order = await confirmedOrder(h);
    const invoice = await h.app.commands.issueInvoice({ organizationId: org, orderId: order.id });
    const due = await scheduleAbout(h, invoice.id, 'PAYMENT_DUE');
    const thanks = await scheduleAbout(h, invoice.id, 'CUSTOM');
    const partial = await h.app.commands.recordPayment({
      organizationId: org,
      invoiceId: invoice.id,
      amount: { amountMinor: 40_000, currency: 'INR' },
      reference: 'pay_1',
    });
    expect(partial.status).toBe('PARTIALLY_PAID');
    expect((await h.stores.repositories.reminders.getById(org, due.id)).status).toBe('PENDING');
    await h.drainOutbox();
    const paid = await h.app.commands.recordPayment({
      organizationId: org,
      invoiceId: invoice.id,
      reference: 'pay_2',
    });
    expect(paid).toMatchObject({ status: 'PAID', paidAt: START });
    expect((await h.stores.repositories.reminders.getById(org, due.id)).status).toBe('CANCELLED');
    expect((await h.stores.repositories.reminders.getById(org, thanks.id)).status).toBe('PENDING');
    expect((await h.drainOutbox()).map((message) => message.topic)).toEqual([
      'invoice.payment_recorded',
      'invoice.paid',
      'reminder.cancelled',
    ]);
  });

  it('ignores a payment seen again with the same reference', async () => {
    const h = createApplicationHarness();
    const order = await confirmedOrder(h);
    const invoice = await h.app.commands.issueInvoice({ organizationId: org, orderId: order.id });
    const payment = {
      organizationId: org,
      invoiceId: invoice.id,
      amount: { amountMinor: 10_000, currency: 'INR' },
      reference: 'pay_1',
    };
    const [first, second] = await Promise.all([
      h.app.commands.recordPayment(payment),
      h.app.commands.recordPayment(payment),
    ]);
    expect(second).toEqual(first);
    expect(first.payments).toHaveLength(1);
    const full = { organizationId: org, invoiceId: invoice.id, reference: 'pay_rest' };
    const paid = await h.app.commands.recordPayment(full);
    expect(await h.app.commands.recordPayment(full)).toEqual(paid);
    await expect(
      h.app.commands.recordPayment({ ...payment, amount: { amountMinor: 99, currency: 'INR' } }),
    ).rejects.toBeInstanceOf(PaymentReferenceConflictError);
  });

  it('validates the amount and keeps invoices of other organizations out of reach', async () => {
    const h = createApplicationHarness();
    const order = await confirmedOrder(h);
    const invoice = await h.app.commands.issueInvoice({ organizationId: org, orderId: order.id });
    await expect(
      h.app.commands.recordPayment({
        organizationId: org,
        invoiceId: invoice.id,
        amount: { amountMinor: 1.5, currency: 'INR' },
      }),
    ).rejects.toMatchObject({ issues: [{ path: 'amount.amountMinor' }] });
    await expect(
      h.app.commands.recordPayment({ organizationId: 'org_2', invoiceId: invoice.id }),
    ).rejects.toBeInstanceOf(NotFoundError);
  });
});

describe('voidInvoice', () => {
  it('voids an ISSUED invoice, cancels its reminders and frees the order for a new invoice', async () => {
    const h = createApplicationHarness();
    const order = await confirmedOrder(h);
    const invoice = await h.app.commands.issueInvoice({ organizationId: org, orderId: order.id });
    const reminder = await scheduleAbout(h, invoice.id, 'PAYMENT_DUE');
    const voided = await h.app.commands.voidInvoice({
      organizationId: org,
      invoiceId: invoice.id,
      reason: 'wrong tax',
    });
    expect(voided).toMatchObject({ status: 'VOID', voidReason: 'wrong tax' });
    expect((await h.stores.repositories.reminders.getById(org, reminder.id)).status).toBe('CANCELLED');
    const reissued = await h.app.commands.issueInvoice({ organizationId: org, orderId: order.id });
    expect(reissued).toMatchObject({ id: 'inv_2', invoiceNumber: 'INV-000002' });
  });

  it('needs a reason and refuses invoices with payments or already void', async () => {
    const h = createApplicationHarness();
    const order = await confirmedOrder(h);
    const invoice = await h.app.commands.issueInvoice({ organizationId: org, orderId: order.id });
    await expect(
      h.app.commands.voidInvoice({ organizationId: org, invoiceId: invoice.id, reason: ' ' }),
    ).rejects.toMatchObject({
      issues: [{ path: 'reason' }],
    });
    await h.app.commands.recordPayment({
      organizationId: org,
      invoiceId: invoice.id,
      amount: { amountMinor: 100, currency: 'INR' },
    });
    await expect(
      h.app.commands.voidInvoice({ organizationId: org, invoiceId: invoice.id, reason: 'x' }),
    ).rejects.toBeInstanceOf(InvoiceHasPaymentsError);
    await h.app.commands.recordPayment({ organizationId: org, invoiceId: invoice.id });
    await expect(
      h.app.commands.voidInvoice({ organizationId: org, invoiceId: invoice.id, reason: 'x' }),
    ).rejects.toBeInstanceOf(InvalidTransitionError);
  });
});
