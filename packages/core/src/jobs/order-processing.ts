import type { Job, JobHandler } from '../ports/job-queue.js';
import { type JobContext, readEvent, UnknownJobError } from './job-context.js';
import { JOB_NAMES } from './job-names.js';
import { scheduleOrderFollowup } from './reminder-scheduling.js';

/**
 * The order-processing queue's handler:
 *
 * - `order-confirmed`: issues the order's invoice (`commands.issueInvoice`, idempotent per order), taxed and
 *   with the payment terms of the organization. The invoice's `invoice.issued` event reaches
 *   invoice-processing through the outbox.
 * - `order-delivered`: schedules the ORDER_FOLLOWUP reminder, when reminders and follow-ups are on.
 *
 * Running a job twice has the effect of once: the second `issueInvoice` returns the invoice the first
 * issued, and the follow-up reminder has an id derived from the order.
 *
 * @example
 * ```ts
 * await queue.process(QUEUE_NAMES.orderProcessing, orderProcessingHandler(context), { concurrency: 4 });
 * ```
 */
export function orderProcessingHandler(context: JobContext): JobHandler {
  return async (job: Job) => {
    const event = readEvent(job);
    const { organizationId, aggregateId: orderId } = event;
    if (job.name === JOB_NAMES.orderConfirmed) {
      const order = await context.repositories.orders.findById(organizationId, orderId);
      if (!order || order.status === 'CANCELLED' || order.status === 'DRAFT') {
        // Cancelled (or gone) before the job ran: there is nothing to invoice, and retrying will not change that.
        context.logger.warn(
          { organizationId, orderId, status: order?.status ?? null },
          'confirmed order is no longer invoiceable',
        );
        return;
      }
      const settings = context.settings.organization(organizationId);
      const invoice = await context.commands.issueInvoice({
        organizationId,
        orderId,
        defaultTaxRateBps: settings.defaultTaxRateBps,
        paymentTermsDays: settings.paymentTermsDays,
      });
      context.logger.info(
        { organizationId, orderId, invoiceId: invoice.id },
        'invoice issued for confirmed order',
      );
      return;
    }
    if (job.name === JOB_NAMES.orderDelivered) {
      if (!context.settings.reminders || context.settings.orderFollowup === null) return;
      await scheduleOrderFollowup(context, {
        organizationId,
        orderId,
        deliveredAt: event.occurredAt,
        ...context.settings.orderFollowup,
      });
      return;
    }
    throw new UnknownJobError(job);
  };
}
