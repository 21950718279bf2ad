import { z } from 'zod';
import { ValidationError } from '../../domain/errors.js';
import { Invoice } from '../../domain/invoice.js';
import { MAX_TAX_RATE_BPS } from '../../domain/invoice-line.js';
import { type InvoiceSnapshot, MAX_PAYMENT_TERMS_DAYS } from '../../domain/invoice-snapshot.js';
import { formatInvoiceNumber } from '../../ports/invoice-number-sequence.js';
import type { CommandRunner } from '../command-runner.js';
import { cancelPendingReminders } from '../reminder-cleanup.js';
import {
  clientIdSchema,
  expected,
  idSchema,
  moneySchema,
  optionalTextSchema,
  organizationIdSchema,
  timestampSchema,
} from '../schemas.js';
import { parseInput } from '../validation.js';

const basisPoints = (max: number) =>
  z
    .number(expected('must be a number of basis points'))
    .int({ error: 'must be a whole number of basis points' })
    .min(0, { error: 'must not be negative' })
    .max(max, { error: `must be at most ${max} (100 %)` });

const discountSchema = z.discriminatedUnion(
  'type',
  [
    z.object({ type: z.literal('percentage'), basisPoints: basisPoints(10_000) }),
    z.object({ type: z.literal('amount'), amount: moneySchema }),
  ],
  { error: "must be { type: 'percentage', basisPoints } or { type: 'amount', amount }" },
);

/** Input of `issueInvoice`: the order, and how to tax and discount its lines. */
export const issueInvoiceSchema = z.object({
  organizationId: organizationIdSchema,
  orderId: idSchema,
  /** Pick the id to make a retried request return the invoice the first one issued. */
  invoiceId: clientIdSchema,
  /** Tax rate of lines not listed in `taxRatesBps`; 0 when omitted. */
  defaultTaxRateBps: basisPoints(MAX_TAX_RATE_BPS).optional(),
  /** Tax rate per product id. */
  taxRatesBps: z.record(z.string(), basisPoints(MAX_TAX_RATE_BPS)).optional(),
  /** Discount per product id. */
  discounts: z.record(z.string(), discountSchema).optional(),
  /** Days from issue to due date (default 7); ignored when `dueAt` is given. */
  paymentTermsDays: z
    .number()
    .int({ error: 'must be a whole number of days' })
    .min(0, { error: 'must not be negative' })
    .max(MAX_PAYMENT_TERMS_DAYS, { error: `must be at most ${MAX_PAYMENT_TERMS_DAYS}` })
    .optional(),
  dueAt: timestampSchema.optional(),
  /** The number series, usually the year (`'2026'`): numbers restart per series and read `INV-2026-000001`. */
  series: z.string().trim().min(1).max(100, { error: 'must be at most 100 characters' }).optional(),
});

/** Input of `recordPayment`. Without `amount`, everything still due is recorded. */
export const recordPaymentSchema = z.object({
  organizationId: organizationIdSchema,
  invoiceId: idSchema,
  amount: moneySchema.optional(),
  /** When the money arrived; now when omitted. */
  paidAt: timestampSchema.optional(),
  /** The payment provider's id: a payment seen again with the same reference is ignored. */
  reference: optionalTextSchema(200),
});

/** Input of `voidInvoice`. */
export const voidInvoiceSchema = z.object({
  organizationId: organizationIdSchema,
  invoiceId: idSchema,
  reason: z
    .string(expected('must say why the invoice is voided'))
    .trim()
    .min(1, { error: 'must say why the invoice is voided' })
    .max(500),
});

export type IssueInvoiceCommand = z.input<typeof issueInvoiceSchema>;
export type RecordPaymentCommand = z.input<typeof recordPaymentSchema>;
export type VoidInvoiceCommand = z.input<typeof voidInvoiceSchema>;

/** The invoice commands; gathered into `CommandHandlers` by `createCommandHandlers`. */
export interface InvoiceCommands {
  /**
   * Invoices a confirmed order and issues the invoice, with the next gap-free number of the organization.
   * Idempotent per order: while the order has an invoice that is not VOID, that invoice is returned.
   */
  issueInvoice(input: IssueInvoiceCommand): Promise<InvoiceSnapshot>;
  /**
   * Records a payment. Idempotent on `reference` (provider webhooks repeat). Once the invoice is PAID, its
   * pending PAYMENT_DUE reminders are cancelled in the same transaction.
   */
  recordPayment(input: RecordPaymentCommand): Promise<InvoiceSnapshot>;
  /** Voids a DRAFT or ISSUED invoice and cancels its pending reminders. */
  voidInvoice(input: VoidInvoiceCommand): Promise<InvoiceSnapshot>;
}

/** Builds the invoice commands on a runner. */
export function createInvoiceCommands(runner: CommandRunner): InvoiceCommands {
  return {
    issueInvoice: async (raw) => {
      const input = parseInput(issueInvoiceSchema, raw, 'issueInvoice');
      return runner.run('issueInvoice', async (scope) => {
        const { tx, now } = scope;
        const { organizationId, orderId, series } = input;
        if (input.invoiceId !== undefined) {
          const existing = await tx.invoices.findById(organizationId, input.invoiceId);
          if (existing && existing.orderId !== orderId) {
            throw new ValidationError('Invalid issueInvoice input.', [
              { path: 'invoiceId', message: `is already the id of an invoice for order ${existing.orderId}` },
            ]);
          }
          if (existing) return existing.toSnapshot();
        }
        const issued = await tx.invoices.findByOrderId(organizationId, orderId);
        if (issued) return issued.toSnapshot();
        const order = await tx.orders.getById(organizationId, orderId);
        const number = await tx.invoiceNumbers.next(organizationId, series === undefined ? {} : { series });
        const invoice = Invoice.fromOrder(order, {
          id: input.invoiceId ?? scope.ids.next('inv'),
          invoiceNumber: formatInvoiceNumber(number, series === undefined ? {} : { series }),
          ...(input.defaultTaxRateBps === undefined ? {} : { defaultTaxRateBps: input.defaultTaxRateBps }),
          ...(input.taxRatesBps === undefined ? {} : { taxRatesBps: input.taxRatesBps }),
          ...(input.discounts === undefined ? {} : { discounts: input.discounts }),
          ...(input.paymentTermsDays === undefined ? {} : { paymentTermsDays: input.paymentTermsDays }),
          ...(input.dueAt === undefined ? {} : { dueAt: input.dueAt }),
          now,
        });
        invoice.issue(now);
        await scope.save(tx.invoices, invoice);
        return invoice.toSnapshot();
      });
    },

    recordPayment: async (raw) => {
      const input = parseInput(recordPaymentSchema, raw, 'recordPayment');
      return runner.run('recordPayment', async (scope) => {
        const { tx, now } = scope;
        const invoice = await tx.invoices.getById(input.organizationId, input.invoiceId);
        const { reference, amount } = input;
        // "Pay the rest" seen again: the amount due has changed since, so only the reference identifies it.
        if (
          amount === undefined &&
          reference !== undefined &&
          invoice.payments.some((p) => p.reference === reference)
        ) {
          return invoice.toSnapshot();
        }
        const paidAt = input.paidAt ?? now;
        const recorded =
          amount === undefined
            ? invoice.markAsPaid(paidAt, reference)
            : invoice.recordPayment({ amount, paidAt, ...(reference === undefined ? {} : { reference }) });
        if (!recorded) return invoice.toSnapshot();
        await scope.save(tx.invoices, invoice);
        if (invoice.status === 'PAID') {
          await cancelPendingReminders(scope, {
            organizationId: invoice.organizationId,
            referenceId: invoice.id,
            types: ['PAYMENT_DUE'],
            reason: `Invoice ${invoice.invoiceNumber} was paid`,
          });
        }
        return invoice.toSnapshot();
      });
    },

    voidInvoice: async (raw) => {
      const input = parseInput(voidInvoiceSchema, raw, 'voidInvoice');
      return runner.run('voidInvoice', async (scope) => {
        const invoice = await scope.tx.invoices.getById(input.organizationId, input.invoiceId);
        invoice.void(scope.now, input.reason);
        await scope.save(scope.tx.invoices, invoice);
        await cancelPendingReminders(scope, {
          organizationId: invoice.organizationId,
          referenceId: invoice.id,
          reason: `Invoice ${invoice.invoiceNumber} was voided`,
        });
        return invoice.toSnapshot();
      });
    },
  };
}
