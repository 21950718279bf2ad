import { NotFoundError } from '../domain/errors.js';
import type { Job, JobHandler } from '../ports/job-queue.js';
import { formatInvoiceMessage } from './invoice-message.js';
import { isLastAttempt, type JobContext, readEvent, UnknownJobError } from './job-context.js';
import { JOB_NAMES } from './job-names.js';
import { schedulePaymentReminders } from './reminder-scheduling.js';
import { sendOnce } from './send-once.js';

/** The send-ledger key of an invoice's message. */
export function invoiceSendKey(invoiceId: string): string {
  return `invoice_${invoiceId}`;
}

/**
 * The invoice-processing queue's handler for `invoice-issued`: sends the invoice to the customer on WhatsApp
 * (formatted by `formatInvoiceMessage` in the organization's locale), then schedules its PAYMENT_DUE
 * reminders for the due date.
 *
 * Idempotent: the message is sent at most once per invoice (the send ledger), and the reminders have ids
 * derived from the invoice. A send the transport proves it refused is retried by the queue; on the last
 * attempt the reminders are still scheduled and the job fails visibly. A voided invoice is not sent.
 *
 * @example
 * ```ts
 * await queue.process(QUEUE_NAMES.invoiceProcessing, invoiceProcessingHandler(context), { concurrency: 4 });
 * ```
 */
export function invoiceProcessingHandler(context: JobContext): JobHandler {
  return async (job: Job) => {
    if (job.name !== JOB_NAMES.invoiceIssued) throw new UnknownJobError(job);
    const { organizationId, aggregateId: invoiceId } = readEvent(job);
    const { repositories, logger } = context;
    const invoice = await repositories.invoices.findById(organizationId, invoiceId);
    if (!invoice || invoice.status === 'VOID' || invoice.status === 'DRAFT') {
      logger.warn(
        { organizationId, invoiceId, status: invoice?.status ?? null },
        'invoice not sent: not issued',
      );
      return;
    }
    const customer = await repositories.customers.findById(organizationId, invoice.customerId);
    // Without the customer there is no phone to send to; fail visibly rather than drop the invoice.
    if (!customer) throw new NotFoundError('Customer', invoice.customerId);

    const settings = context.settings.organization(organizationId);
    const body = formatInvoiceMessage(invoice, { locale: settings.locale, timeZone: settings.timeZone });
    const result = await sendOnce(context, {
      organizationId,
      key: invoiceSendKey(invoice.id),
      message: { kind: 'text', to: customer.phone, body },
    });
    if (result.outcome === 'refused' && !isLastAttempt(job)) throw result.error;
    if (result.outcome === 'sent') {
      logger.info({ organizationId, invoiceId, providerMessageId: result.providerMessageId }, 'invoice sent');
    }
    if (context.settings.reminders) await schedulePaymentReminders(context, invoice, customer);
    if (result.outcome === 'refused') throw result.error;
  };
}
