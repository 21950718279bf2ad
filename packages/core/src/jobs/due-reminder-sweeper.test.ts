import { describe, expect, it } from 'vitest';
import { DueReminderSweeper } from './due-reminder-sweeper.js';
import { createJobsHarness, DAY, START } from './test-support.js';

const PHONE = '+14155550100';

describe('DueReminderSweeper', () => {
  it('re-enqueues an overdue reminder whose job was lost, and it is sent once', async () => {
    const h = createJobsHarness();
    await h.addCustomer({ id: 'cus_1', phone: PHONE });
    await h.app.commands.scheduleReminder({
      organizationId: 'org_1',
      reminderId: 'rem_1',
      customerId: 'cus_1',
      customerPhone: PHONE,
      type: 'CUSTOM',
      message: 'See you tomorrow',
      scheduledFor: START + DAY,
    });
    // The job is lost: the outbox message was marked relayed without ever reaching the queue.
    const lost = await h.stores.outbox.claimBatch({ limit: 10 });
    await h.stores.outbox.markRelayed(lost.map((message) => message.id));
    const sweeper = new DueReminderSweeper({
      reminders: h.stores.repositories.reminders,
      queue: h.queue,
      scheduler: h.scheduler,
      intervalMs: DAY / 4,
      graceMs: 60_000,
    });
    sweeper.start();
    await h.advance(DAY); // the sweep at the due time leaves it alone: it is within the grace period
    expect(h.transport.sent).toHaveLength(0);
    await h.advance(DAY / 4);
    expect(h.transport.sentTo(PHONE)).toEqual(['See you tomorrow']);
    await h.advance(DAY);
    expect(await sweeper.sweepOnce()).toBe(0);
    expect(h.transport.sent).toHaveLength(1);
    await sweeper.stop();
  });
});
