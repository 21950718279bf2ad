import { afterEach, describe, expect, it } from 'vitest';
import { Money } from '../domain/money.js';
import { Product } from '../domain/product.js';
import { paymentReminderId } from '../jobs/reminder-scheduling.js';
import { MemoryTransport } from '../memory/memory-transport.js';
import { ManualClock } from '../testing/manual-clock.js';
import { ManualScheduler } from '../testing/manual-scheduler.js';
import { SequentialIdGenerator } from '../testing/sequential-id-generator.js';
import type { Bot } from './bot.js';
import { createBot } from './create-bot.js';

const START = Date.parse('2026-03-02T04:30:00Z'); // 10:00 in Kolkata
const HOUR = 3_600_000;
const DAY = 24 * HOUR;
const ORG = 'org_1';
const ASHA = '+919812345678';

let bot: Bot | undefined;
afterEach(async () => {
  await bot?.stop();
  bot = undefined;
});

function inMemoryBot() {
  const scheduler = new ManualScheduler(new ManualClock(START));
  const transport = new MemoryTransport();
  bot = createBot({
    scheduler,
    transport,
    ids: new SequentialIdGenerator(),
    defaults: {
      locale: 'en-IN',
      currency: 'INR',
      timeZone: 'Asia/Kolkata',
      defaultTaxRateBps: 1800,
      paymentTermsDays: 7,
    },
    reminders: { paymentDueOffsetsMs: [0, 3 * DAY], sweepIntervalMs: DAY },
    // Polling once an hour of manual time keeps a week of advancing cheap; flush() relays on demand.
    relay: { pollIntervalMs: HOUR },
  });
  const advance = async (ms: number) => {
    await scheduler.advance(ms);
    await bot!.flush();
  };
  return { bot, scheduler, transport, advance };
}

async function addProduct(bot: Bot, id: string, price: string) {
  const product = Product.create({
    id,
    organizationId: ORG,
    sku: id.toUpperCase(),
    name: id === 'rice' ? 'Basmati rice 5kg' : 'Toor dal 1kg',
    price: Money.fromDecimal(price, 'INR'),
    stock: null,
    active: true,
    now: START,
  });
  await bot.adapters.stores.repositories.products.save(product);
}

describe('a bot in memory, end to end', () => {
  it('takes an order through invoice, reminder and payment', async () => {
    const { bot, transport, advance } = inMemoryBot();
    await bot.start();
    await addProduct(bot, 'rice', '450');
    await addProduct(bot, 'dal', '120');

    const draft = await bot.commands.createOrder({
      organizationId: ORG,
      customerPhone: ASHA,
      customerName: 'Asha Rao',
    });
    await bot.commands.addOrderItems({
      organizationId: ORG,
      orderId: draft.id,
      items: [
        { productId: 'rice', quantity: 2 },
        { productId: 'dal', quantity: 1 },
      ],
    });
    await bot.commands.confirmOrder({ organizationId: ORG, orderId: draft.id });
    await bot.flush();

    const invoices = await bot.adapters.stores.repositories.invoices.list(ORG);
    expect(invoices.items).toHaveLength(1);
    const invoice = invoices.items[0]!;
    expect(invoice.status).toBe('ISSUED');
    expect(invoice.dueAt).toBe(START + 7 * DAY);
    const [invoiceMessage] = transport.sentTo(ASHA);
    expect(invoiceMessage).toContain(`*Invoice ${invoice.invoiceNumber}*`);
    expect(invoiceMessage).toContain('• Basmati rice 5kg: 2 × ₹450.00 = ₹900.00');
    expect(invoiceMessage).toContain('Tax: ₹183.60');
    expect(invoiceMessage).toContain('*Total: ₹1,203.60*');
    expect(invoiceMessage).toContain('Due date: 9 Mar 2026');

    const onDueDate = await bot.queries.listDueReminders({ now: START + 7 * DAY });
    expect(onDueDate.map((reminder) => [reminder.id, reminder.type, reminder.status])).toEqual([
      [paymentReminderId(invoice.id, 0), 'PAYMENT_DUE', 'PENDING'],
    ]);

    await advance(7 * DAY - 1);
    expect(transport.sentTo(ASHA)).toHaveLength(1);
    await advance(1);
    expect(transport.sentTo(ASHA)).toEqual([
      invoiceMessage,
      `Reminder: invoice ${invoice.invoiceNumber} of ₹1,203.60 is due on 9 Mar 2026.`,
    ]);
    await advance(DAY);
    expect(transport.sentTo(ASHA)).toHaveLength(2);

    await bot.commands.recordPayment({ organizationId: ORG, invoiceId: invoice.id, reference: 'upi_8812' });
    const later = await bot.adapters.stores.repositories.reminders.getById(
      ORG,
      paymentReminderId(invoice.id, 3 * DAY),
    );
    expect(later.status).toBe('CANCELLED');
    await advance(5 * DAY);
    expect(transport.sentTo(ASHA)).toHaveLength(2);
    const sent = await bot.adapters.stores.repositories.reminders.getById(
      ORG,
      paymentReminderId(invoice.id, 0),
    );
    expect(sent).toMatchObject({ status: 'SENT', attempts: 1 });
  });

  it('runs a campaign to completion, leaving out a customer who opted out', async () => {
    const { bot, transport } = inMemoryBot();
    await bot.start();
    const phones = ['+14155550101', '+14155550102', '+14155550103'];
    for (const [n, phone] of phones.entries()) {
      await bot.commands.optInCustomer({
        organizationId: ORG,
        phone,
        name: ['Ana Silva', 'Ben', 'Chen Li'][n],
      });
    }
    await bot.commands.createCampaign({
      organizationId: ORG,
      campaignId: 'cmp_spring',
      name: 'Spring sale',
      type: 'PROMOTIONAL',
      messageTemplate: 'Hi {{firstName}}! Spring sale: 20% off everything today.',
    });
    await bot.commands.startCampaign({ organizationId: ORG, campaignId: 'cmp_spring' });
    await bot.commands.optOutCustomer({ organizationId: ORG, phone: phones[1]!, reason: 'STOP' });
    await bot.flush();

    expect(transport.sentTo(phones[0]!)).toEqual(['Hi Ana! Spring sale: 20% off everything today.']);
    expect(transport.sentTo(phones[1]!)).toEqual([]);
    expect(transport.sentTo(phones[2]!)).toEqual(['Hi Chen! Spring sale: 20% off everything today.']);
    const [first] = transport.sent;
    await bot.handleDeliveryStatus({
      messageId: first!.providerMessageId,
      organizationId: ORG,
      to: phones[0]!,
      status: 'read',
      occurredAt: START,
    });
    const metrics = await bot.queries.getCampaignMetrics({ organizationId: ORG, campaignId: 'cmp_spring' });
    expect(metrics).toMatchObject({ targeted: 3, sent: 2, delivered: 1, read: 1, failed: 0 });
    const campaign = await bot.adapters.stores.repositories.campaigns.getById(ORG, 'cmp_spring');
    expect(campaign.status).toBe('COMPLETED');
  });
});
