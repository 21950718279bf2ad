import { describe, expect, it } from 'vitest';
import { Campaign } from '../domain/campaign.js';
import { NotFoundError, ValidationError } from '../domain/errors.js';
import { campaignMetricsView } from './queries.js';
import { createApplicationHarness, START } from './test-support.js';

const org = 'org_1';
const DAY = 86_400_000;

async function ordersFor(h: ReturnType<typeof createApplicationHarness>, count: number) {
  await h.addProduct({ id: 'rice' });
  await h.addCustomer({ id: 'cus_a', phone: '+14155550100' });
  const ids: string[] = [];
  for (let i = 0; i < count; i += 1) {
    h.clock.advance(1000);
    const order = await h.app.commands.createOrder({
      organizationId: org,
      customerId: 'cus_a',
      items: [{ productId: 'rice', quantity: 1 }],
    });
    ids.push(order.id);
  }
  return ids;
}

describe('order queries', () => {
  it('gets an order only within its organization', async () => {
    const h = createApplicationHarness();
    const [id] = await ordersFor(h, 1);
    expect((await h.app.queries.getOrder({ organizationId: org, orderId: id as string })).id).toBe(id);
    await expect(
      h.app.queries.getOrder({ organizationId: 'org_2', orderId: id as string }),
    ).rejects.toBeInstanceOf(NotFoundError);
    await expect(h.app.queries.getOrder({ organizationId: org, orderId: '' })).rejects.toMatchObject({
      issues: [{ path: 'orderId' }],
    });
  });

  it('lists a customer’s orders newest first, page by page', async () => {
    const h = createApplicationHarness();
    const ids = await ordersFor(h, 3);
    const first = await h.app.orders.listCustomerOrders({
      organizationId: org,
      customerId: 'cus_a',
      limit: 2,
    });
    expect(first.items.map((order) => order.id)).toEqual([ids[2], ids[1]]);
    const second = await h.app.queries.listCustomerOrders({
      organizationId: org,
      customerId: 'cus_a',
      limit: 2,
      after: first.nextCursor,
    });
    expect(second).toEqual({ items: [expect.objectContaining({ id: ids[0] })], nextCursor: null });
    expect(
      (await h.app.queries.listCustomerOrders({ organizationId: 'org_2', customerId: 'cus_a' })).items,
    ).toEqual([]);
    await expect(
      h.app.queries.listCustomerOrders({ organizationId: org, customerId: 'cus_a', limit: 5000 }),
    ).rejects.toMatchObject({ issues: [{ path: 'limit' }] });
  });
});

describe('invoice queries', () => {
  it('gets an invoice and lists the overdue ones by the clock', async () => {
    const h = createApplicationHarness();
    const ids = await ordersFor(h, 3);
    const invoices = [];
    for (const [index, orderId] of ids.entries()) {
      await h.app.commands.confirmOrder({ organizationId: org, orderId });
      invoices.push(
        await h.app.commands.issueInvoice({ organizationId: org, orderId, paymentTermsDays: index + 1 }),
      );
    }
    expect((await h.app.queries.getInvoice({ organizationId: org, invoiceId: 'inv_1' })).orderId).toBe(
      ids[0],
    );
    await expect(
      h.app.queries.getInvoice({ organizationId: 'org_2', invoiceId: 'inv_1' }),
    ).rejects.toBeInstanceOf(NotFoundError);
    expect((await h.app.queries.listOverdueInvoices({ organizationId: org })).items).toEqual([]);
    h.clock.advance(2 * DAY + 1);
    // inv_1 (1 day) and inv_2 (2 days) are overdue; a paid invoice is not.
    await h.app.commands.recordPayment({ organizationId: org, invoiceId: 'inv_1' });
    h.clock.advance(1);
    const overdue = await h.app.invoices.listOverdue({ organizationId: org });
    expect(overdue).toEqual({ items: [expect.objectContaining({ id: 'inv_2' })], nextCursor: null });
    h.clock.advance(DAY);
    const paged = await h.app.queries.listOverdueInvoices({ organizationId: org, limit: 1 });
    expect(paged.items.map((invoice) => invoice.id)).toEqual(['inv_3']);
    const rest = await h.app.queries.listOverdueInvoices({
      organizationId: org,
      limit: 1,
      after: paged.nextCursor,
    });
    expect(rest.items.map((invoice) => invoice.id)).toEqual(['inv_2']);
  });
});

describe('campaign metrics', () => {
  it('derives the rates from the counters, all 0 before anything was sent', async () => {
    const h = createApplicationHarness();
    const { id } = await h.app.commands.createCampaign({
      organizationId: org,
      name: 'A',
      type: 'PROMOTIONAL',
      messageTemplate: 'Hi',
    });
    expect(await h.app.campaigns.getMetrics({ organizationId: org, campaignId: id })).toMatchObject({
      campaignId: id,
      status: 'DRAFT',
      sent: 0,
      deliveryRate: 0,
      readRate: 0,
      failureRate: 0,
    });
    await expect(
      h.app.queries.getCampaignMetrics({ organizationId: 'org_2', campaignId: id }),
    ).rejects.toBeInstanceOf(NotFoundError);
    const campaign = Campaign.create({
      id: 'cmp_m',
      organizationId: org,
      name: 'B',
      type: 'PROMOTIONAL',
      messageTemplate: 'Hi',
      now: START,
    });
    campaign.start(START, 10);
    campaign.recordMetrics(START, { sent: 8, delivered: 6, read: 3, failed: 2, replied: 1 });
    await h.stores.repositories.campaigns.save(campaign);
    expect(await h.app.queries.getCampaignMetrics({ organizationId: org, campaignId: 'cmp_m' })).toEqual({
      campaignId: 'cmp_m',
      status: 'RUNNING',
      targeted: 10,
      sent: 8,
      delivered: 6,
      read: 3,
      failed: 2,
      replied: 1,
      optedOut: 0,
      deliveryRate: 0.75,
      readRate: 0.375,
      failureRate: 0.25,
      replyRate: 0.125,
      optOutRate: 0,
    });
  });

  it('computes rates as fractions of sent', () => {
    const view = campaignMetricsView('c', 'COMPLETED', {
      targeted: 4,
      sent: 4,
      delivered: 4,
      read: 4,
      failed: 0,
      replied: 0,
      optedOut: 0,
    });
    expect([view.deliveryRate, view.readRate, view.failureRate]).toEqual([1, 1, 0]);
  });
});

describe('listDueReminders', () => {
  it('lists pending reminders of every organization due by now, soonest first', async () => {
    const h = createApplicationHarness();
    const schedule = (organizationId: string, at: number) =>
      h.app.commands.scheduleReminder({
        organizationId,
        customerId: 'cus_1',
        customerPhone: '+14155550100',
        type: 'CUSTOM',
        message: 'Hi',
        scheduledFor: at,
      });
    const later = await schedule(org, START + 2000);
    const sooner = await schedule('org_2', START + 1000);
    await schedule(org, START + 10_000);
    const cancelled = await schedule(org, START + 500);
    await h.app.commands.cancelReminder({ organizationId: org, reminderId: cancelled.id });
    expect(await h.app.queries.listDueReminders({})).toEqual([]);
    h.clock.advance(5000);
    expect((await h.app.reminders.listDue()).map((reminder) => reminder.id)).toEqual([sooner.id, later.id]);
    expect((await h.app.queries.listDueReminders({ now: START + 1500, limit: 5 })).map((r) => r.id)).toEqual([
      sooner.id,
    ]);
    await expect(h.app.queries.listDueReminders({ limit: 0 })).rejects.toBeInstanceOf(ValidationError);
  });
});
