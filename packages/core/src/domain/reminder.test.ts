import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { applyAtomically, RUNS, timestamps } from './domain-test-helpers.js';
import { ChatcartError, InvalidTransitionError, ValidationError } from './errors.js';
import { InvalidPhoneNumberError } from './phone-number.js';
import type { ScheduleReminderInput } from './reminder.js';
import { Reminder } from './reminder.js';

const now = 1_700_000_000_000;
const input: ScheduleReminderInput = {
  id: 'rem_1',
  organizationId: 'org_1',
  type: 'PAYMENT_DUE',
  customerId: 'cus_1',
  customerPhone: 'whatsapp:+1 415-555-0100',
  message: 'Invoice INV-7 is due today.',
  scheduledFor: now + 1000,
  reference: { kind: 'invoice', id: 'inv_7' },
  now,
};

describe('Reminder', () => {
  it('is scheduled PENDING with a normalized phone and raises reminder.scheduled', () => {
    const reminder = Reminder.schedule(input);
    expect(reminder.status).toBe('PENDING');
    expect(reminder.customerPhone).toBe('+14155550100');
    expect(reminder.maxAttempts).toBe(3);
    expect(reminder.pullEvents()[0]).toMatchObject({
      type: 'reminder.scheduled',
      payload: { type: 'PAYMENT_DUE', reference: { kind: 'invoice', id: 'inv_7' }, scheduledFor: now + 1000 },
    });
  });

  it('refuses a bad phone, an empty message or an unknown type', () => {
    expect(() => Reminder.schedule({ ...input, customerPhone: '555-0100' })).toThrow(InvalidPhoneNumberError);
    expect(() => Reminder.schedule({ ...input, message: ' ' })).toThrow(ValidationError);
    expect(() => Reminder.schedule({ ...input, message: 'x'.repeat(4097) })).toThrow(ValidationError);
    expect(() => Reminder.schedule({ ...input, type: 'SPAM' as never })).toThrow(ChatcartError);
    expect(() => Reminder.schedule({ ...input, maxAttempts: 0 })).toThrow(ValidationError);
  });

  it('is ready to send only when PENDING and due', () => {
    const reminder = Reminder.schedule(input);
    expect(reminder.isReadyToSend(now)).toBe(false);
    expect(reminder.isReadyToSend(now + 1000)).toBe(true);
    reminder.cancel(now);
    expect(reminder.isReadyToSend(now + 2000)).toBe(false);
  });

  it('is marked sent once due, and refuses to be sent early', () => {
    const reminder = Reminder.schedule(input);
    expect(() => reminder.markAsSent(now)).toThrow(/not due/);
    reminder.markAsSent(now + 1000);
    expect(reminder.status).toBe('SENT');
    expect(reminder.attempts).toBe(1);
    expect(() => reminder.markAsSent(now + 2000)).toThrow(InvalidTransitionError);
  });

  it('stays PENDING after a failure while attempts remain, then becomes FAILED', () => {
    const reminder = Reminder.schedule({ ...input, maxAttempts: 2 });
    reminder.markAsFailed(now + 1000, 'provider timeout', { retryAt: now + 5000 });
    expect(reminder.status).toBe('PENDING');
    expect(reminder.attempts).toBe(1);
    expect(reminder.lastError).toBe('provider timeout');
    expect(reminder.scheduledFor).toBe(now + 5000);
    reminder.markAsFailed(now + 5000, 'provider timeout again');
    expect(reminder.status).toBe('FAILED');
    expect(reminder.attempts).toBe(2);
    const failures = reminder.pullEvents().filter((e) => e.type === 'reminder.failed');
    expect(failures.map((e) => e.payload.willRetry)).toEqual([true, false]);
  });

  it('cuts very long errors', () => {
    const reminder = Reminder.schedule(input);
    reminder.markAsFailed(now, 'e'.repeat(5000));
    expect(reminder.lastError).toHaveLength(1000);
  });

  it('cancels and reschedules only while PENDING', () => {
    const reminder = Reminder.schedule(input);
    reminder.reschedule(now, now + 9000);
    expect(reminder.scheduledFor).toBe(now + 9000);
    reminder.cancel(now, 'invoice paid');
    expect(reminder.status).toBe('CANCELLED');
    expect(() => reminder.cancel(now)).toThrow(InvalidTransitionError);
    expect(() => reminder.reschedule(now, now)).toThrow(InvalidTransitionError);
    expect(() => reminder.markAsFailed(now, 'x')).toThrow(InvalidTransitionError);
  });

  it('round-trips through a JSON snapshot and rejects an inconsistent one', () => {
    const reminder = Reminder.schedule(input);
    reminder.markAsFailed(now, 'boom');
    const snapshot = JSON.parse(JSON.stringify(reminder.toSnapshot()));
    expect(Reminder.fromSnapshot(snapshot).toSnapshot()).toEqual(reminder.toSnapshot());
    expect(() => Reminder.fromSnapshot({ ...snapshot, status: 'SENT' })).toThrow(/sentAt/);
    expect(() => Reminder.fromSnapshot({ ...snapshot, customerPhone: '12345' })).toThrow(/customerPhone/);
  });

  it('stays valid under any sequence of operations; failures change nothing', () => {
    const operation = fc.oneof(
      timestamps().map((t) => (r: Reminder) => r.markAsSent(t)),
      fc.tuple(timestamps(), fc.option(timestamps())).map(
        ([t, retryAt]) =>
          (r: Reminder) =>
            r.markAsFailed(t, 'error', retryAt === null ? {} : { retryAt }),
      ),
      timestamps().map((t) => (r: Reminder) => r.cancel(t)),
      fc.tuple(timestamps(), timestamps()).map(
        ([t, at]) =>
          (r: Reminder) =>
            r.reschedule(t, at),
      ),
    );
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 4 }),
        timestamps(),
        fc.array(operation, { maxLength: 12 }),
        (max, at, ops) => {
          const reminder = Reminder.schedule({ ...input, maxAttempts: max, scheduledFor: at });
          applyAtomically(reminder, ops, (s) => Reminder.fromSnapshot(s));
          expect(reminder.attempts).toBeLessThanOrEqual(max);
        },
      ),
      RUNS,
    );
  });
});
