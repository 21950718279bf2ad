import { describe, expect, it } from 'vitest';
import { InvalidTransitionError, NotFoundError, ValidationError } from '../domain/errors.js';
import { ReminderType } from './index.js';
import { createApplicationHarness, START } from './test-support.js';

const org = 'org_1';

describe('scheduleReminder', () => {
  it('works as the seed writes it: ReminderType.PAYMENT_DUE and a Date', async () => {
    const h = createApplicationHarness();
    const reminder = await h.app.reminders.scheduleReminder({
      organizationId: 'org-123',
      customerId: 'cust-456',
      customerPhone: '+1234567890',
      type: ReminderType.PAYMENT_DUE,
      message: 'Payment reminder message',
      scheduledFor: new Date('2026-03-15T10:00:00Z'),
    });
    expect(reminder).toMatchObject({
      id: 'rem_1',
      organizationId: 'org-123',
      type: 'PAYMENT_DUE',
      status: 'PENDING',
      customerPhone: '+1234567890',
      scheduledFor: Date.parse('2026-03-15T10:00:00Z'),
      attempts: 0,
    });
    expect(h.events.types).toEqual(['reminder.scheduled']);
    expect((await h.drainOutbox()).map((message) => message.topic)).toEqual(['reminder.scheduled']);
  });

  it('accepts epoch milliseconds and a reference, and returns the same reminder for a retried reminderId', async () => {
    const h = createApplicationHarness();
    const input = {
      organizationId: org,
      reminderId: 'rem_cart_1',
      customerId: 'cus_1',
      customerPhone: 'whatsapp:+14155550100',
      type: ReminderType.CART_ABANDONED,
      message: 'You left rice in your cart.',
      scheduledFor: START + 3_600_000,
      maxAttempts: 5,
      reference: { kind: 'order' as const, id: 'ord_1' },
    };
    const [first, second] = await Promise.all([
      h.app.commands.scheduleReminder(input),
      h.app.commands.scheduleReminder(input),
    ]);
    expect(second).toEqual(first);
    expect(first).toMatchObject({
      id: 'rem_cart_1',
      maxAttempts: 5,
      reference: { kind: 'order', id: 'ord_1' },
    });
    expect(await h.drainOutbox()).toHaveLength(1);
  });

  it('names every bad field', async () => {
    const h = createApplicationHarness();
    const error = await h.app.commands
      .scheduleReminder({
        organizationId: org,
        customerId: 'cus_1',
        customerPhone: 'not a phone',
        type: 'SOMETIME' as never,
        message: '',
        scheduledFor: new Date('nonsense'),
      })
      .catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(ValidationError);
    expect((error as ValidationError).issues.map((issue) => issue.path).sort()).toEqual([
      'customerPhone',
      'message',
      'scheduledFor',
      'type',
    ]);
    expect(await h.drainOutbox()).toEqual([]);
  });
});

describe('cancelReminder', () => {
  it('cancels a pending reminder once; a second cancel is refused', async () => {
    const h = createApplicationHarness();
    const reminder = await h.app.commands.scheduleReminder({
      organizationId: org,
      customerId: 'cus_1',
      customerPhone: '+14155550100',
      type: 'CUSTOM',
      message: 'Hello',
      scheduledFor: START + 60_000,
    });
    await expect(
      h.app.commands.cancelReminder({ organizationId: 'org_2', reminderId: reminder.id }),
    ).rejects.toBeInstanceOf(NotFoundError);
    const cancelled = await h.app.reminders.cancelReminder({
      organizationId: org,
      reminderId: reminder.id,
      reason: 'paid',
    });
    expect(cancelled).toMatchObject({ status: 'CANCELLED', cancelledAt: START });
    await expect(
      h.app.commands.cancelReminder({ organizationId: org, reminderId: reminder.id }),
    ).rejects.toBeInstanceOf(InvalidTransitionError);
  });
});
