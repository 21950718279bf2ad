import { z } from 'zod';
import { DomainError } from '../domain/errors.js';
import type { Reminder } from '../domain/reminder.js';
import type { Job, JobHandler } from '../ports/job-queue.js';
import { QUEUE_NAMES } from '../ports/job-queue.js';
import { followUpJob, type JobContext, readPayload, UnknownJobError } from './job-context.js';
import { JOB_NAMES, jobIdOf } from './job-names.js';
import { sendOnce } from './send-once.js';

// A relayed event carries the reminder as `aggregateId`; a job the handler enqueued itself, as `reminderId`.
const reminderJobSchema = z
  .object({
    organizationId: z.string().min(1),
    aggregateId: z.string().min(1).optional(),
    reminderId: z.string().min(1).optional(),
  })
  .transform((value, ctx) => {
    const reminderId = value.reminderId ?? value.aggregateId;
    if (reminderId === undefined) {
      ctx.addIssue({ code: 'custom', message: 'needs reminderId (or aggregateId)', path: ['reminderId'] });
      return z.NEVER;
    }
    return { organizationId: value.organizationId, reminderId };
  });

/** The send-ledger key of a reminder's message: a reminder is one message, whatever its attempts. */
export function reminderSendKey(reminderId: string): string {
  return `reminder_${reminderId}`;
}

/**
 * The reminders queue's handler for `fire-reminder`. At fire time it reloads the reminder and:
 *
 * - does nothing unless it is still PENDING (cancelling is a state change, never a hunt for the job);
 * - when it fired early (rescheduled later, clocks apart), enqueues itself again for the remaining time;
 * - cancels instead of sending when the reason is gone: the invoice was paid or voided, the abandoned cart
 *   was checked out or cancelled, the customer opted out;
 * - sends the message at most once (the send ledger), then marks the reminder SENT;
 * - when the transport proves it refused, records the failure (`markAsFailed`; the reminder decides whether
 *   attempts remain) and enqueues the retry after `reminderRetryDelayMs`.
 *
 * A job delivered twice sends one message: the second run finds the reminder SENT, or the ledger entry.
 */
export function reminderHandler(context: JobContext): JobHandler {
  return async (job: Job) => {
    if (job.name !== JOB_NAMES.fireReminder) throw new UnknownJobError(job);
    const { organizationId, reminderId } = readPayload(job, reminderJobSchema);
    const { clock, logger } = context;
    const reminder = await context.repositories.reminders.findById(organizationId, reminderId);
    if (reminder?.status !== 'PENDING') return;
    const now = clock.now();
    if (now < reminder.scheduledFor) {
      // Named after this moment too: a job that fires early twice (clocks apart) must not collide with itself.
      await fireLater(context, reminder, reminder.scheduledFor, `at_${reminder.scheduledFor}_from_${now}`);
      return;
    }
    const obsolete = await whyObsolete(context, reminder);
    if (obsolete) {
      await context.commands.cancelReminder({ organizationId, reminderId, reason: obsolete });
      logger.info({ organizationId, reminderId, reason: obsolete }, 'reminder cancelled instead of sent');
      return;
    }
    const result = await sendOnce(context, {
      organizationId,
      key: reminderSendKey(reminderId),
      message: { kind: 'text', to: reminder.customerPhone, body: reminder.message },
    });
    if (result.outcome === 'refused') {
      const failed = await recordFailure(context, organizationId, reminderId, result.error.message);
      if (failed?.status === 'PENDING')
        await fireLater(context, failed, failed.scheduledFor, `try_${failed.attempts}`);
      return;
    }
    await markSent(context, organizationId, reminderId);
  };
}

/** Why sending the reminder no longer makes sense, or `null` when it still does. */
async function whyObsolete(context: JobContext, reminder: Reminder): Promise<string | null> {
  const { repositories } = context;
  const { organizationId, reference } = reminder;
  const customer = await repositories.customers.findById(organizationId, reminder.customerId);
  if (customer?.consent === 'OPTED_OUT') return 'The customer opted out of messages';
  if (reference?.kind === 'invoice') {
    const invoice = await repositories.invoices.findById(organizationId, reference.id);
    if (invoice && (invoice.status === 'PAID' || invoice.status === 'VOID')) {
      return `Invoice ${invoice.invoiceNumber} is ${invoice.status === 'PAID' ? 'paid' : 'void'}`;
    }
  }
  if (reference?.kind === 'order' && reminder.type === 'CART_ABANDONED') {
    const order = await repositories.orders.findById(organizationId, reference.id);
    if (order && order.status !== 'DRAFT') return `The cart became a ${order.status.toLowerCase()} order`;
  }
  return null;
}

async function markSent(context: JobContext, organizationId: string, reminderId: string): Promise<void> {
  await context.runner.run('markReminderSent', async (scope) => {
    const reminder = await scope.tx.reminders.findById(organizationId, reminderId);
    // Already settled by a concurrent run of the same job, or cancelled meanwhile (the message went out).
    if (reminder?.status !== 'PENDING') return;
    try {
      reminder.markAsSent(scope.now);
    } catch (error) {
      if (!(error instanceof DomainError)) throw error;
      context.logger.warn(
        { err: error, organizationId, reminderId },
        'reminder sent but could not be marked sent',
      );
      return;
    }
    await scope.save(scope.tx.reminders, reminder);
  });
}

async function recordFailure(
  context: JobContext,
  organizationId: string,
  reminderId: string,
  error: string,
): Promise<Reminder | null> {
  return context.runner.run('markReminderFailed', async (scope) => {
    const reminder = await scope.tx.reminders.findById(organizationId, reminderId);
    if (reminder?.status !== 'PENDING') return null;
    reminder.markAsFailed(scope.now, error, { retryAt: scope.now + context.settings.reminderRetryDelayMs });
    await scope.save(scope.tx.reminders, reminder);
    return reminder;
  });
}

/** Enqueues the reminder's job again for `at`, under an id that names why (so repeats de-duplicate). */
async function fireLater(context: JobContext, reminder: Reminder, at: number, why: string): Promise<void> {
  await context.queue.enqueue(
    QUEUE_NAMES.reminders,
    JOB_NAMES.fireReminder,
    { organizationId: reminder.organizationId, reminderId: reminder.id },
    followUpJob(context, jobIdOf('rem', reminder.id, why), Math.max(0, at - context.clock.now())),
  );
}
