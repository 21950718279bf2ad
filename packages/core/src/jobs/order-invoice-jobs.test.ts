import { describe, expect, it } from 'vitest';
import { ChatcartError } from '../domain/errors.js';
import { paymentReminderId } from './reminder-scheduling.js';
import { createJobsHarness, DAY, failingCommitOnce, handlers, type JobsHarness } from './test-support.js';

const PHONE = '+919812345678';

async function confirmedOrder(h: JobsHarness) {
  await h.addCustomer({ id: 'cus_1', phone: PHONE, name: 'Asha Rao' });
  await h.addProduct({ id: 'rice', price: 45_000 });
  const order = await h.app.commands.createOrder({
    organizationId: 'org_1',
    customerId: 'cus_1',
    items: [{ productId: 'rice', quantity: 2 }],
  });
  return h.app.commands.confirmOrder({ organizationId: 'org_1', orderId: order.id });
}

async function onlyInvoice(h: JobsHarness) {
  const page = await h.stores.repositories.invoices.list('org_1');
  expect(page.items).toHaveLength(1);
  return page.items[0]!;
}

describe('order-processing and invoice-processing jobs', () => {
  it('issues, sends and chases the invoice of a confirmed order', async () => {
    const h = createJobsHarness();
    await confirmedOrder(h);
    await h.drive();
    const invoice = await onlyInvoice(h);
    expect(invoice.status).toBe('ISSUED');
    expect(h.transport.sentTo(PHONE)).toHaveLength(1);
    expect(h.transport.sentTo(PHONE)[0]).toContain(`*Invoice ${invoice.invoiceNumber}*`);
    expect(h.transport.sentTo(PHONE)[0]).toContain('2 × ₹450.00 = ₹900.00');
    const reminder = await h.stores.repositories.reminders.getById('org_1', paymentReminderId(invoice.id, 0));
    expect(reminder).toMatchObject({ type: 'PAYMENT_DUE', status: 'PENDING', scheduledFor: invoice.dueAt });
    expect(reminder.reference).toEqual({ kind: 'invoice', id: invoice.id });
  });

  it('has the effect of one run when every job of the flow runs twice', async () => {
    const h = createJobsHarness({ register: false });
    const order = await confirmedOrder(h);
    const { orderProcessing, invoiceProcessing } = handlers(h);
    const [confirmed] = await h.stores.outbox.claimBatch({ limit: 10 });
    const orderJob = h.job('order-processing', 'order-confirmed', confirmed!.payload);
    await orderProcessing(orderJob);
    await orderProcessing(orderJob);
    await h.stores.outbox.markRelayed([confirmed!.id]);
    const invoice = await onlyInvoice(h);
    expect(h.stores.invoiceNumbers.peek('org_1')).toBe(1);
    const issued = (await h.stores.outbox.claimBatch({ limit: 10 })).find(
      (m) => m.topic === 'invoice.issued',
    );
    const invoiceJob = h.job('invoice-processing', 'invoice-issued', issued!.payload);
    await invoiceProcessing(invoiceJob);
    await invoiceProcessing(invoiceJob);
    expect(h.transport.sent).toHaveLength(1);
    expect(
      (await h.stores.repositories.reminders.list('org_1', { referenceId: invoice.id })).items,
    ).toHaveLength(1);
    expect(order.id).toBe(invoice.orderId);
  });

  it('does not send the invoice again when the transport lost its answer after sending', async () => {
    const h = createJobsHarness();
    h.transport.failNext('lost-answer');
    await confirmedOrder(h);
    await h.drive();
    expect(h.transport.sentTo(PHONE)).toHaveLength(1);
    const invoice = await onlyInvoice(h);
    expect(
      (await h.stores.repositories.reminders.list('org_1', { referenceId: invoice.id })).items,
    ).toHaveLength(1);
    expect(h.logger.lines.some((line) => line.message?.includes('treated as sent'))).toBe(true);
  });

  it('sends once when the transaction after the send fails, then the job is retried', async () => {
    // Transactions: create, confirm, issue invoice, then the reminder scheduling, whose commit fails once.
    const h = createJobsHarness({ wrapUnitOfWork: failingCommitOnce((attempt) => attempt === 4) });
    const failed: string[] = [];
    h.queue.on('failed', ({ job }) => failed.push(job.queue));
    await confirmedOrder(h);
    await h.drive();
    expect(failed).toEqual(['invoice-processing']);
    expect(h.transport.sentTo(PHONE)).toHaveLength(1);
    const invoice = await onlyInvoice(h);
    expect(
      (await h.stores.repositories.reminders.list('org_1', { referenceId: invoice.id })).items,
    ).toHaveLength(1);
  });

  it('issues one invoice, with no gap in the numbers, when issuing failed at commit and the job ran again', async () => {
    // Transactions: create, confirm, then issueInvoice, whose commit fails once.
    const h = createJobsHarness({ wrapUnitOfWork: failingCommitOnce((attempt) => attempt === 3) });
    const failed: string[] = [];
    h.queue.on('failed', ({ job, willRetry }) => failed.push(`${job.queue} ${willRetry}`));
    await confirmedOrder(h);
    await h.drive();
    expect(failed).toEqual(['order-processing true']);
    expect(h.stores.invoiceNumbers.peek('org_1')).toBe(1);
    expect((await onlyInvoice(h)).invoiceNumber).toMatch(/1$/);
    expect(h.transport.sentTo(PHONE)).toHaveLength(1);
  });

  it('retries a send the provider refused, and sends it once', async () => {
    const h = createJobsHarness();
    h.transport.failNext('refused', 2);
    await confirmedOrder(h);
    await h.drive();
    expect(h.transport.sentTo(PHONE)).toHaveLength(1);
  });

  it('still schedules the reminder when the last attempt is refused, and fails the job visibly', async () => {
    const h = createJobsHarness({ register: false });
    await confirmedOrder(h);
    const { orderProcessing, invoiceProcessing } = handlers(h);
    const [confirmed] = await h.stores.outbox.claimBatch({ limit: 10 });
    await orderProcessing(h.job('order-processing', 'order-confirmed', confirmed!.payload));
    const issued = (await h.stores.outbox.claimBatch({ limit: 10 })).find(
      (m) => m.topic === 'invoice.issued',
    );
    h.transport.failNext('refused');
    const last = { ...h.job('invoice-processing', 'invoice-issued', issued!.payload), attempt: 5 };
    await expect(invoiceProcessing(last)).rejects.toMatchObject({ code: 'MESSAGE_NOT_SENT' });
    expect(h.transport.sent).toHaveLength(0);
    const invoice = await onlyInvoice(h);
    expect(
      (await h.stores.repositories.reminders.list('org_1', { referenceId: invoice.id })).items,
    ).toHaveLength(1);
  });

  it('does not invoice an order cancelled before its job ran', async () => {
    const h = createJobsHarness();
    const order = await confirmedOrder(h);
    await h.app.commands.cancelOrder({
      organizationId: 'org_1',
      orderId: order.id,
      reason: 'changed my mind',
    });
    await h.drive();
    expect((await h.stores.repositories.invoices.list('org_1')).items).toHaveLength(0);
    expect(h.transport.sent).toHaveLength(0);
  });

  it('schedules one follow-up after delivery, however often the delivery is handled', async () => {
    const h = createJobsHarness({
      settings: { orderFollowup: { delayMs: 2 * DAY, message: 'How was it?' } },
    });
    const order = await confirmedOrder(h);
    await h.drive();
    await h.app.commands.startOrderProcessing({ organizationId: 'org_1', orderId: order.id });
    await h.app.commands.markOrderShipped({ organizationId: 'org_1', orderId: order.id });
    const delivered = await h.app.commands.markOrderDelivered({ organizationId: 'org_1', orderId: order.id });
    await h.drive();
    const followups = await h.stores.repositories.reminders.list('org_1', { referenceId: order.id });
    expect(followups.items.map((r) => [r.type, r.scheduledFor])).toEqual([
      ['ORDER_FOLLOWUP', delivered.updatedAt + 2 * DAY],
    ]);
    const { orderProcessing } = handlers(h);
    const payload = {
      type: 'order.delivered',
      organizationId: 'org_1',
      aggregateId: order.id,
      occurredAt: delivered.updatedAt,
      payload: {},
    };
    await orderProcessing(h.job('order-processing', 'order-delivered', payload));
    expect(
      (await h.stores.repositories.reminders.list('org_1', { referenceId: order.id })).items,
    ).toHaveLength(1);
    await h.advance(2 * DAY);
    expect(h.transport.sentTo(PHONE).at(-1)).toBe('How was it?');
  });

  it('fails a job it has no handler for, naming it', async () => {
    const h = createJobsHarness({ register: false });
    const job = h.job('order-processing', 'order-teleported', {
      type: 'x',
      organizationId: 'org_1',
      aggregateId: 'a',
      occurredAt: 1,
      payload: {},
    });
    await expect(handlers(h).orderProcessing(job)).rejects.toThrow(ChatcartError);
    await expect(handlers(h).orderProcessing(job)).rejects.toThrow(/order-teleported/);
    await expect(
      handlers(h).invoiceProcessing(h.job('invoice-processing', 'invoice-issued', { nope: 1 })),
    ).rejects.toThrow(/payload\.type/);
  });
});
