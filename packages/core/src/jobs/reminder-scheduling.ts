import type { ReminderCommands } from '../application/commands/reminder-commands.js';
import type { Customer } from '../domain/customer.js';
import type { Invoice } from '../domain/invoice.js';
import type { ReminderSnapshot } from '../domain/reminder-snapshot.js';
import type { JobContext } from './job-context.js';
import { jobIdOf } from './job-names.js';

/**
 * The id of an invoice's PAYMENT_DUE reminder at `offsetMs` from its due date: derived from the invoice, so
 * scheduling it again (a job run twice) finds the reminder already there.
 */
export function paymentReminderId(invoiceId: string, offsetMs: number): string {
  const offset = offsetMs === 0 ? 'due' : offsetMs > 0 ? `due_plus_${offsetMs}` : `due_minus_${-offsetMs}`;
  return jobIdOf('rem', invoiceId, offset);
}

/** The id of an order's ORDER_FOLLOWUP reminder. */
export function orderFollowupReminderId(orderId: string): string {
  return jobIdOf('rem', orderId, 'followup');
}

/** The id of a draft order's CART_ABANDONED reminder. */
export function cartAbandonedReminderId(orderId: string): string {
  return jobIdOf('rem', orderId, 'cart');
}

/**
 * Schedules the PAYMENT_DUE reminders of an issued invoice, one per configured offset from its due date.
 * Idempotent: ids derive from the invoice. Nothing is scheduled for an invoice already paid or voided.
 */
export async function schedulePaymentReminders(
  context: JobContext,
  invoice: Invoice,
  customer: Customer,
): Promise<ReminderSnapshot[]> {
  const dueAt = invoice.dueAt;
  if (dueAt === null || (invoice.status !== 'ISSUED' && invoice.status !== 'PARTIALLY_PAID')) return [];
  const settings = context.settings.organization(invoice.organizationId);
  const message = context.settings.paymentDueMessage({ invoice, customer, settings });
  const scheduled: ReminderSnapshot[] = [];
  for (const offsetMs of context.settings.paymentReminderOffsetsMs) {
    scheduled.push(
      await context.commands.scheduleReminder({
        organizationId: invoice.organizationId,
        reminderId: paymentReminderId(invoice.id, offsetMs),
        customerId: customer.id,
        customerPhone: customer.phone,
        type: 'PAYMENT_DUE',
        message,
        scheduledFor: Math.max(0, dueAt + offsetMs),
        reference: { kind: 'invoice', id: invoice.id },
      }),
    );
  }
  return scheduled;
}

/** What {@link scheduleOrderFollowup} needs. */
export interface OrderFollowupInput {
  readonly organizationId: string;
  readonly orderId: string;
  /** When the order was delivered, in epoch ms. */
  readonly deliveredAt: number;
  /** How long after delivery the follow-up fires. */
  readonly delayMs: number;
  readonly message: string;
}

/**
 * Schedules the ORDER_FOLLOWUP reminder of a delivered order, `delayMs` after delivery, with an id derived
 * from the order (so a delivery event handled twice schedules one reminder). Resolves with `null` when the
 * order or its customer is gone.
 */
export async function scheduleOrderFollowup(
  context: Pick<JobContext, 'commands' | 'repositories' | 'logger'>,
  input: OrderFollowupInput,
): Promise<ReminderSnapshot | null> {
  const { organizationId, orderId } = input;
  const order = await context.repositories.orders.findById(organizationId, orderId);
  const customer = order && (await context.repositories.customers.findById(organizationId, order.customerId));
  if (!order || !customer) {
    context.logger.warn({ organizationId, orderId }, 'no follow-up: the order or its customer is gone');
    return null;
  }
  return context.commands.scheduleReminder({
    organizationId,
    reminderId: orderFollowupReminderId(orderId),
    customerId: customer.id,
    customerPhone: customer.phone,
    type: 'ORDER_FOLLOWUP',
    message: input.message,
    scheduledFor: input.deliveredAt + input.delayMs,
    reference: { kind: 'order', id: orderId },
  });
}

/** What {@link scheduleCartAbandonedReminder} needs. */
export interface CartAbandonedInput {
  readonly organizationId: string;
  /** The DRAFT order the customer left. */
  readonly orderId: string;
  readonly customerId: string;
  readonly customerPhone: string;
  readonly message: string;
  /** When to nudge, as a Date or epoch ms (for example the last activity plus an hour). */
  readonly scheduledFor: Date | number;
}

/**
 * Schedules a CART_ABANDONED reminder about a DRAFT order, with an id derived from the order: calling it on
 * every cart change keeps one reminder. When it fires, the reminder job sends it only if the order is still
 * a DRAFT (a checked-out or cancelled cart is left alone, and the reminder cancelled).
 *
 * @example
 * ```ts
 * await scheduleCartAbandonedReminder(bot.commands, { organizationId, orderId: order.id, customerId,
 *   customerPhone, message: 'Your cart is waiting for you!', scheduledFor: Date.now() + 3_600_000 });
 * ```
 */
export function scheduleCartAbandonedReminder(
  commands: Pick<ReminderCommands, 'scheduleReminder'>,
  input: CartAbandonedInput,
): Promise<ReminderSnapshot> {
  return commands.scheduleReminder({
    organizationId: input.organizationId,
    reminderId: cartAbandonedReminderId(input.orderId),
    customerId: input.customerId,
    customerPhone: input.customerPhone,
    type: 'CART_ABANDONED',
    message: input.message,
    scheduledFor: input.scheduledFor,
    reference: { kind: 'order', id: input.orderId },
  });
}
