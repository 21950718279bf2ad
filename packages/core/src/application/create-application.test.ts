import { describe, expect, it } from 'vitest';
import { CampaignService, InvoiceService, OrderService, ReminderService } from './index.js';
import { createApplicationHarness } from './test-support.js';

const org = 'org_1';

describe('createApplication', () => {
  it('wires services over the same commands and queries, for a whole order-to-payment flow', async () => {
    const h = createApplicationHarness();
    const { app } = h;
    expect(app.orders).toBeInstanceOf(OrderService);
    expect(app.invoices).toBeInstanceOf(InvoiceService);
    expect(app.reminders).toBeInstanceOf(ReminderService);
    expect(app.campaigns).toBeInstanceOf(CampaignService);
    await h.addProduct({ id: 'rice', price: 45_000, stock: 5 });
    await h.addProduct({ id: 'dal', price: 12_000 });
    const order = await app.orders.createOrder({
      organizationId: org,
      customerPhone: '+14155550100',
      items: [{ productId: 'rice', quantity: 1 }],
    });
    await app.orders.addItems({
      organizationId: org,
      orderId: order.id,
      items: [{ productId: 'dal', quantity: 2 }],
    });
    await app.orders.confirmOrder({ organizationId: org, orderId: order.id });
    const invoice = await app.invoices.generateFromOrder({
      organizationId: org,
      orderId: order.id,
      defaultTaxRateBps: 500,
    });
    expect(invoice.lines).toHaveLength(2);
    const paid = await app.invoices.recordPayment({
      organizationId: org,
      invoiceId: invoice.id,
      reference: 'pay_1',
    });
    expect(paid.status).toBe('PAID');
    await app.orders.startProcessing({ organizationId: org, orderId: order.id });
    await app.orders.markShipped({ organizationId: org, orderId: order.id });
    const delivered = await app.orders.markDelivered({ organizationId: org, orderId: order.id });
    expect(delivered.status).toBe('DELIVERED');
    expect(await app.orders.getOrder({ organizationId: org, orderId: order.id })).toEqual(delivered);
    expect(await app.invoices.getInvoice({ organizationId: org, invoiceId: invoice.id })).toEqual(paid);
    expect(await app.invoices.issueInvoice({ organizationId: org, orderId: order.id })).toEqual(paid);
    const cancelled = await app.orders.createOrder({
      organizationId: org,
      customerId: order.customerId,
      currency: 'INR',
    });
    expect((await app.orders.cancelOrder({ organizationId: org, orderId: cancelled.id })).status).toBe(
      'CANCELLED',
    );
    const campaign = await app.campaigns.createCampaign({
      organizationId: org,
      name: 'Hi',
      type: 'TRANSACTIONAL',
      messageTemplate: 'Hi',
    });
    await app.campaigns.startCampaign({ organizationId: org, campaignId: campaign.id });
    await app.campaigns.pauseCampaign({ organizationId: org, campaignId: campaign.id });
    await app.campaigns.resumeCampaign({ organizationId: org, campaignId: campaign.id });
    expect(
      (await app.campaigns.cancelCampaign({ organizationId: org, campaignId: campaign.id })).status,
    ).toBe('CANCELLED');
    const voidable = await app.orders.createOrder({
      organizationId: org,
      customerId: order.customerId,
      items: [{ productId: 'dal', quantity: 1 }],
    });
    await app.orders.confirmOrder({ organizationId: org, orderId: voidable.id });
    const second = await app.invoices.issueInvoice({ organizationId: org, orderId: voidable.id });
    expect(
      (await app.invoices.voidInvoice({ organizationId: org, invoiceId: second.id, reason: 'duplicate' }))
        .status,
    ).toBe('VOID');
  });
});
