import type { InvoiceDiscount, InvoiceLineInput } from './invoice-line.js';
import type { Money } from './money.js';

/** The payment term used when none is given, in days. */
export const DEFAULT_PAYMENT_TERMS_DAYS = 7;

/** What {@link Invoice.create} takes. */
export interface CreateInvoiceInput {
  readonly id: string;
  readonly organizationId: string;
  /** The human-facing number, for example `INV-2024-0042`; the store hands them out in sequence. */
  readonly invoiceNumber: string;
  readonly orderId: string;
  readonly customerId: string;
  readonly currency: string;
  readonly lines: readonly InvoiceLineInput[];
  /** Days from issue to due date; default {@link DEFAULT_PAYMENT_TERMS_DAYS}. Ignored when `dueAt` is given. */
  readonly paymentTermsDays?: number;
  /** A fixed due date (epoch ms) instead of payment terms. */
  readonly dueAt?: number;
  readonly now: number;
}

/** What {@link Invoice.fromOrder} takes besides the order. */
export interface InvoiceFromOrderOptions {
  readonly id: string;
  readonly invoiceNumber: string;
  /** Tax rate for lines not listed in `taxRatesBps`; default 0. */
  readonly defaultTaxRateBps?: number;
  /** Tax rate per product id, in basis points. */
  readonly taxRatesBps?: Readonly<Record<string, number>>;
  /** Discount per product id. */
  readonly discounts?: Readonly<Record<string, InvoiceDiscount>>;
  readonly paymentTermsDays?: number;
  readonly dueAt?: number;
  readonly now: number;
}

/** A payment as read from the invoice. */
export interface InvoicePayment {
  readonly amount: Money;
  readonly paidAt: number;
  readonly reference: string | null;
}

/** What {@link Invoice.recordPayment} takes. */
export interface RecordPaymentInput {
  readonly amount: Money;
  /** When the money arrived (from the provider when it says so), epoch ms. */
  readonly paidAt: number;
  /** The provider's payment id; a second payment with the same reference and amount is ignored. */
  readonly reference?: string;
}
