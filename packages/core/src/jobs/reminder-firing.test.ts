import { describe, expect, it } from 'vitest';
import { scheduleCartAbandonedReminder } from './reminder-scheduling.js';
import {
  createJobsHarness,
  DAY,
  failingCommitOnce,
  handlers,
  type JobsHarness,
  START,
} from './test-support.js';

const PHONE = '+14155550100';

async function schedule(h: JobsHarness, overrides: { maxAttempts?: number; at?: number } = {}) {
  await h.addCustomer({ id: 'cus_1', phone: PHONE });
  return h.app.commands.scheduleReminder({
    organizationId: 'org_1',
    reminderId: 'rem_1',
    customerId: 'cus_1',
    customerPhone: PHONE,
    type: 'CUSTOM',
    message: 'Your table is booked for tonight.',
    scheduledFor: overrides.at ?? START + DAY,
    ...(overrides.maxAttempts === undefined ? {} : { maxAttempts: overrides.maxAttempts }),
  });
}

const reminderOf = (h: JobsHarness) => h.stores.repositories.reminders.getById('org_1', 'rem_1');

describe('reminders job', () => {
  it('sends a reminder once, when it is due, and marks it sent', async () => {
    const h = createJobsHarness();
    await schedule(h);
    await h.advance(DAY - 1);
    expect(h.transport.sent).toHaveLength(0);
    await h.advance(1);
    expect(h.transport.sentTo(PHONE)).toEqual(['Your table is booked for tonight.']);
    expect(await reminderOf(h)).toMatchObject({ status: 'SENT', attempts: 1 });
  });

  it('sends one message when the same job runs twice', async () => {
    const h = createJobsHarness({ register: false });
    await schedule(h, { at: START });
    const job = h.job('reminders', 'fire-reminder', { organizationId: 'org_1', reminderId: 'rem_1' });
    await handlers(h).reminders(job);
    await handlers(h).reminders(job);
    expect(h.transport.sent).toHaveLength(1);
    expect((await reminderOf(h)).status).toBe('SENT');
  });

  it('waits again when it fires early, for instance after being moved later', async () => {
    const h = createJobsHarness({ register: false });
    await schedule(h);
    const early = h.job('reminders', 'fire-reminder', { organizationId: 'org_1', reminderId: 'rem_1' });
    await handlers(h).reminders(early);
    expect(h.transport.sent).toHaveLength(0);
    expect(await h.queue.counts('reminders')).toMatchObject({ delayed: 1 });
  });

  it('does nothing for a cancelled reminder', async () => {
    const h = createJobsHarness();
    await schedule(h);
    await h.app.commands.cancelReminder({ organizationId: 'org_1', reminderId: 'rem_1' });
    await h.advance(2 * DAY);
    expect(h.transport.sent).toHaveLength(0);
  });

  it('treats a send whose answer was lost as sent: no second message on the retry', async () => {
    const h = createJobsHarness();
    await schedule(h);
    h.transport.failNext('lost-answer');
    await h.advance(DAY);
    expect(h.transport.sent).toHaveLength(1);
    expect((await reminderOf(h)).status).toBe('SENT');
  });

  it('sends once when marking it sent fails and the job is retried', async () => {
    // Transactions: schedule (1), then mark sent (2), whose commit fails once.
    const h = createJobsHarness({ wrapUnitOfWork: failingCommitOnce((attempt) => attempt === 2) });
    const failed: string[] = [];
    h.queue.on('failed', ({ job }) => failed.push(job.queue));
    await schedule(h);
    await h.advance(DAY);
    await h.advance(60_000); // the retry's backoff
    expect(failed).toEqual(['reminders']);
    expect(h.transport.sent).toHaveLength(1);
    expect((await reminderOf(h)).status).toBe('SENT');
  });

  it('records a refused send, retries after the delay, and gives up when attempts run out', async () => {
    const h = createJobsHarness({ settings: { reminderRetryDelayMs: 60_000 } });
    await schedule(h, { maxAttempts: 2 });
    h.transport.failNext('refused');
    await h.advance(DAY);
    expect(await reminderOf(h)).toMatchObject({
      status: 'PENDING',
      attempts: 1,
      scheduledFor: START + DAY + 60_000,
    });
    expect((await reminderOf(h)).lastError).toMatch(/HTTP 503/);
    h.transport.failNext('refused');
    await h.advance(60_000);
    expect(await reminderOf(h)).toMatchObject({ status: 'FAILED', attempts: 2 });
    await h.advance(DAY);
    expect(h.transport.sent).toHaveLength(0);
  });

  it('sends the retry of a refused reminder once the provider takes it', async () => {
    const h = createJobsHarness({ settings: { reminderRetryDelayMs: 60_000 } });
    await schedule(h);
    h.transport.failNext('refused');
    await h.advance(DAY);
    await h.advance(60_000);
    expect(h.transport.sent).toHaveLength(1);
    expect(await reminderOf(h)).toMatchObject({ status: 'SENT', attempts: 2 });
  });

  it('cancels instead of sending when the customer opted out', async () => {
    const h = createJobsHarness();
    await schedule(h);
    await h.app.commands.optOutCustomer({ organizationId: 'org_1', phone: PHONE, reason: 'STOP' });
    await h.advance(DAY);
    expect(h.transport.sent).toHaveLength(0);
    expect((await reminderOf(h)).status).toBe('CANCELLED');
  });

  it('cancels a cart reminder once the cart was checked out', async () => {
    const h = createJobsHarness();
    await h.addCustomer({ id: 'cus_1', phone: PHONE });
    await h.addProduct({ id: 'rice', price: 45_000 });
    const order = await h.app.commands.createOrder({
      organizationId: 'org_1',
      customerId: 'cus_1',
      items: [{ productId: 'rice', quantity: 1 }],
    });
    const input = {
      organizationId: 'org_1',
      orderId: order.id,
      customerId: 'cus_1',
      customerPhone: PHONE,
      message: 'Your cart misses you',
      scheduledFor: START + 3_600_000,
    };
    const first = await scheduleCartAbandonedReminder(h.app.commands, input);
    expect((await scheduleCartAbandonedReminder(h.app.commands, input)).id).toBe(first.id);
    await h.app.commands.confirmOrder({ organizationId: 'org_1', orderId: order.id });
    await h.advance(3_600_000);
    expect(h.transport.sentTo(PHONE).some((body) => body.includes('cart'))).toBe(false);
    expect((await h.stores.repositories.reminders.getById('org_1', first.id)).status).toBe('CANCELLED');
  });
});
