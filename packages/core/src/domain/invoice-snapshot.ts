import type { InvoiceDiscountSnapshot, InvoiceLineSnapshot } from './invoice-line.js';
import { computeInvoiceLine, lineFromSnapshot, MAX_TAX_RATE_BPS } from './invoice-line.js';
import { Money, type MoneySnapshot } from './money.js';
import { MAX_ITEM_NAME_LENGTH, MAX_ITEM_QUANTITY, MAX_ORDER_ITEMS } from './order-item.js';
import { SnapshotReader } from './snapshot-reader.js';

/** Every status an invoice can be in. */
export const INVOICE_STATUSES = ['DRAFT', 'ISSUED', 'PARTIALLY_PAID', 'PAID', 'VOID'] as const;

/** DRAFT → ISSUED → (PARTIALLY_PAID →) PAID, or VOID before any payment. */
export type InvoiceStatus = (typeof INVOICE_STATUSES)[number];

/** The most payments one invoice records. */
export const MAX_INVOICE_PAYMENTS = 100;

/** The longest payment term, in days. */
export const MAX_PAYMENT_TERMS_DAYS = 365;

/** One recorded payment. `reference` is the payment provider's id, used to ignore duplicate webhooks. */
export interface InvoicePaymentSnapshot {
  readonly amount: MoneySnapshot;
  readonly paidAt: number;
  readonly reference: string | null;
}

/** The JSON shape of an invoice, the only way in and out of a store. Amounts are derived from the lines. */
export interface InvoiceSnapshot {
  readonly id: string;
  readonly organizationId: string;
  readonly version: number;
  readonly invoiceNumber: string;
  readonly orderId: string;
  readonly customerId: string;
  readonly currency: string;
  readonly status: InvoiceStatus;
  readonly lines: readonly InvoiceLineSnapshot[];
  readonly payments: readonly InvoicePaymentSnapshot[];
  /** Days from issue to due date, used when `dueAt` was not fixed at creation. */
  readonly paymentTermsDays: number;
  /** Fixed at creation, or set at issue from the terms; null on a DRAFT with terms. */
  readonly dueAt: number | null;
  readonly createdAt: number;
  readonly updatedAt: number;
  readonly issuedAt: number | null;
  readonly paidAt: number | null;
  readonly voidedAt: number | null;
  readonly voidReason: string | null;
}

/**
 * Validates an untrusted invoice snapshot, fields and invariants, and returns a clean copy (internal; use
 * `Invoice.fromSnapshot`).
 *
 * @throws {ValidationError} listing every problem.
 */
export function readInvoiceSnapshot(input: unknown): InvoiceSnapshot {
  const r = SnapshotReader.of(input);
  const currency = r.currency('currency');
  const status = r.oneOf('status', INVOICE_STATUSES);
  const lines = r.array('lines', MAX_ORDER_ITEMS, (line) => ({
    productId: line.string('productId'),
    description: line.string('description', { max: MAX_ITEM_NAME_LENGTH }),
    unitPrice: line.money('unitPrice').toJSON(),
    quantity: line.integer('quantity', 1, MAX_ITEM_QUANTITY),
    taxRateBps: line.integer('taxRateBps', 0, MAX_TAX_RATE_BPS),
    discount: line.isNull('discount') ? null : line.object('discount', readDiscount),
  }));
  const payments = r.array('payments', MAX_INVOICE_PAYMENTS, (payment) => ({
    amount: payment.money('amount').toJSON(),
    paidAt: payment.timestamp('paidAt'),
    reference: payment.stringOrNull('reference'),
  }));
  const snapshot: InvoiceSnapshot = {
    id: r.string('id'),
    organizationId: r.string('organizationId'),
    version: r.integer('version', 0),
    invoiceNumber: r.string('invoiceNumber', { max: 64 }),
    orderId: r.string('orderId'),
    customerId: r.string('customerId'),
    currency,
    status,
    lines,
    payments,
    paymentTermsDays: r.integer('paymentTermsDays', 0, MAX_PAYMENT_TERMS_DAYS),
    dueAt: r.timestampOrNull('dueAt'),
    createdAt: r.timestamp('createdAt'),
    updatedAt: r.timestamp('updatedAt'),
    issuedAt: r.timestampOrNull('issuedAt'),
    paidAt: r.timestampOrNull('paidAt'),
    voidedAt: r.timestampOrNull('voidedAt'),
    voidReason: r.stringOrNull('voidReason', { max: 500 }),
  };
  r.finish('invoice');
  checkInvariants(snapshot, r);
  r.finish('invoice');
  return snapshot;
}

function readDiscount(d: SnapshotReader): InvoiceDiscountSnapshot {
  const type = d.oneOf('type', ['percentage', 'amount'] as const);
  return type === 'percentage'
    ? { type, basisPoints: d.integer('basisPoints', 0, 10_000) }
    : { type, amount: d.money('amount').toJSON() };
}

function checkInvariants(s: InvoiceSnapshot, r: SnapshotReader): void {
  if (s.lines.length === 0) r.issue('lines', 'an invoice must have at least one line');
  let total = Money.zero(s.currency);
  const wrong = (path: string, money: MoneySnapshot): boolean => {
    if (money.currency === s.currency) return false;
    r.issue(`${path}.currency`, `must be ${s.currency}`);
    return true;
  };
  s.lines.forEach((line, i) => {
    const discount = line.discount?.type === 'amount' ? line.discount.amount : null;
    const priceOk = !wrong(`lines.${i}.unitPrice`, line.unitPrice) && line.unitPrice.amountMinor >= 0;
    const discountOk =
      !discount || (!wrong(`lines.${i}.discount.amount`, discount) && discount.amountMinor >= 0);
    if (!priceOk || !discountOk) {
      r.issue(`lines.${i}`, 'prices and discounts must be non-negative and in the invoice currency');
      return;
    }
    try {
      total = total.add(computeInvoiceLine(lineFromSnapshot(line)).total);
    } catch (error) {
      r.issue(`lines.${i}`, error instanceof Error ? error.message : 'is invalid');
    }
  });
  let paid = Money.zero(s.currency);
  const references = new Set<string>();
  s.payments.forEach((payment, i) => {
    if (wrong(`payments.${i}.amount`, payment.amount)) return;
    if (payment.amount.amountMinor <= 0) r.issue(`payments.${i}.amount.amountMinor`, 'must be positive');
    if (payment.reference !== null && references.has(payment.reference))
      r.issue(`payments.${i}.reference`, 'appears twice');
    if (payment.reference !== null) references.add(payment.reference);
    paid = paid.add(Money.fromSnapshot(payment.amount));
  });
  const issued = s.issuedAt !== null;
  const expected: Record<InvoiceStatus, boolean> = {
    DRAFT: !issued && paid.isZero(),
    ISSUED: issued && paid.isZero() && total.isPositive(),
    PARTIALLY_PAID: issued && paid.isPositive() && paid.lessThan(total),
    PAID: issued && paid.equals(total),
    VOID: paid.isZero(),
  };
  if (!expected[s.status])
    r.issue('status', `does not match the issue date, payments (${paid}) and total (${total})`);
  if (paid.greaterThan(total)) r.issue('payments', `sum to ${paid}, more than the total ${total}`);
  if (issued && (s.dueAt === null || s.dueAt < (s.issuedAt ?? 0)))
    r.issue('dueAt', 'must be set, and not before issuedAt');
  if ((s.paidAt !== null) !== (s.status === 'PAID'))
    r.issue('paidAt', 'must be set exactly when the invoice is PAID');
  const isVoid = s.status === 'VOID';
  if ((s.voidedAt !== null) !== isVoid || (s.voidReason !== null) !== isVoid) {
    r.issue('voidedAt', 'voidedAt and voidReason must be set exactly when the invoice is VOID');
  }
}
