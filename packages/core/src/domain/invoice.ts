import { AggregateRoot } from './aggregate-root.js';
import { normalizeCurrency } from './currency.js';
import type { InvoiceEventName } from './domain-event.js';
import { InvalidTransitionError, ValidationError } from './errors.js';
import { optionalText, requireId, requireInteger, requireText, requireTimestamp } from './guards.js';
import {
  InvoiceDueBeforeIssueError,
  InvoiceHasPaymentsError,
  InvoiceOverpaymentError,
  PaymentReferenceConflictError,
} from './invoice-errors.js';
import { invoiceInputFromOrder } from './invoice-from-order.js';
import {
  assertInvoiceLineRates,
  computeInvoiceLine,
  type InvoiceLine,
  lineFromSnapshot,
  lineToSnapshot,
} from './invoice-line.js';
import {
  type InvoicePaymentSnapshot,
  type InvoiceSnapshot,
  type InvoiceStatus,
  MAX_INVOICE_PAYMENTS,
  MAX_PAYMENT_TERMS_DAYS,
  readInvoiceSnapshot,
} from './invoice-snapshot.js';
import type {
  CreateInvoiceInput,
  InvoiceFromOrderOptions,
  InvoicePayment,
  RecordPaymentInput,
} from './invoice-types.js';
import { DEFAULT_PAYMENT_TERMS_DAYS } from './invoice-types.js';
import { Money } from './money.js';
import { CurrencyMismatchError, InvalidAmountError } from './money-errors.js';
import type { Order } from './order.js';
import { assertQuantity, assertUnitPrice, MAX_ITEM_NAME_LENGTH, MAX_ORDER_ITEMS } from './order-item.js';

const DAY_MS = 86_400_000;

type InvoiceState = Omit<InvoiceSnapshot, 'id' | 'organizationId' | 'version' | 'lines' | 'payments'> & {
  lines: InvoiceLine[];
  payments: InvoicePayment[];
};

/**
 * An invoice for a confirmed order: lines with per-line tax and discount, payments, and a due date.
 * Amounts are derived from the lines: discount first, then tax on the discounted amount, rounded per line.
 *
 * @example
 * ```ts
 * const invoice = Invoice.fromOrder(order, { id: 'inv_1', invoiceNumber: 'INV-0001', defaultTaxRateBps: 1800, now });
 * invoice.issue(now); // due in 7 days
 * invoice.recordPayment({ amount: Money.of(500, 'INR'), paidAt: now, reference: 'pay_1' }); // PARTIALLY_PAID
 * invoice.amountDue; // what is left
 * ```
 */
export class Invoice extends AggregateRoot<InvoiceEventName> {
  #state: InvoiceState;

  private constructor(id: string, organizationId: string, version: number, state: InvoiceState) {
    super(id, organizationId, version);
    this.#state = state;
  }

  /**
   * A new DRAFT invoice from explicit lines; raises `invoice.created`.
   *
   * @throws {ValidationError | InvalidQuantityError | CurrencyMismatchError | InvoiceDiscountTooLargeError}
   */
  static create(input: CreateInvoiceInput): Invoice {
    const now = requireTimestamp(input.now, 'now');
    const currency = normalizeCurrency(input.currency);
    if (input.lines.length === 0 || input.lines.length > MAX_ORDER_ITEMS) {
      throw new ValidationError('Invalid invoice lines.', [
        { path: 'lines', message: `must have from 1 to ${MAX_ORDER_ITEMS} lines` },
      ]);
    }
    const lines = input.lines.map((line, i) => {
      const path = `lines.${i}`;
      assertQuantity(line.quantity);
      if (line.unitPrice.currency !== currency)
        throw new CurrencyMismatchError(currency, line.unitPrice.currency, path);
      assertUnitPrice(line.unitPrice);
      assertInvoiceLineRates(line, path);
      return computeInvoiceLine({
        ...line,
        productId: requireId(line.productId, `${path}.productId`),
        description: requireText(line.description, `${path}.description`, { max: MAX_ITEM_NAME_LENGTH }),
      });
    });
    const fixedDueAt = input.dueAt === undefined ? null : requireTimestamp(input.dueAt, 'dueAt');
    const terms = input.paymentTermsDays ?? DEFAULT_PAYMENT_TERMS_DAYS;
    const invoice = new Invoice(
      requireId(input.id, 'id'),
      requireId(input.organizationId, 'organizationId'),
      0,
      {
        invoiceNumber: requireText(input.invoiceNumber, 'invoiceNumber', { max: 64 }),
        orderId: requireId(input.orderId, 'orderId'),
        customerId: requireId(input.customerId, 'customerId'),
        currency,
        status: 'DRAFT',
        lines,
        payments: [],
        paymentTermsDays: requireInteger(terms, 'paymentTermsDays', 0, MAX_PAYMENT_TERMS_DAYS),
        dueAt: fixedDueAt,
        createdAt: now,
        updatedAt: now,
        issuedAt: null,
        paidAt: null,
        voidedAt: null,
        voidReason: null,
      },
    );
    invoice.raise('invoice.created', now, {
      orderId: invoice.orderId,
      invoiceNumber: invoice.invoiceNumber,
      total: invoice.total.toJSON(),
    });
    return invoice;
  }

  /**
   * A DRAFT invoice with one line per order item. The order must be CONFIRMED, PROCESSING, SHIPPED or
   * DELIVERED. Every product id in `taxRatesBps` and `discounts` must be on the order (catches typos).
   *
   * @throws {OrderNotInvoiceableError | ValidationError | InvoiceDiscountTooLargeError}
   */
  static fromOrder(order: Order, options: InvoiceFromOrderOptions): Invoice {
    return Invoice.create(invoiceInputFromOrder(order, options));
  }

  /** Rebuilds an invoice from a stored snapshot, checking every field and invariant. @throws {ValidationError} */
  static fromSnapshot(snapshot: InvoiceSnapshot): Invoice {
    const { id, organizationId, version, lines, payments, ...rest } = readInvoiceSnapshot(snapshot);
    return new Invoice(id, organizationId, version, {
      ...rest,
      lines: lines.map((line) => computeInvoiceLine(lineFromSnapshot(line))),
      payments: payments.map((p) => Object.freeze({ ...p, amount: Money.fromSnapshot(p.amount) })),
    });
  }

  get invoiceNumber(): string {
    return this.#state.invoiceNumber;
  }
  get orderId(): string {
    return this.#state.orderId;
  }
  get customerId(): string {
    return this.#state.customerId;
  }
  get currency(): string {
    return this.#state.currency;
  }
  get status(): InvoiceStatus {
    return this.#state.status;
  }
  get issuedAt(): number | null {
    return this.#state.issuedAt;
  }
  /** The due date: fixed at creation or set at issue; null on a DRAFT with payment terms. */
  get dueAt(): number | null {
    return this.#state.dueAt;
  }
  get paidAt(): number | null {
    return this.#state.paidAt;
  }
  get voidReason(): string | null {
    return this.#state.voidReason;
  }
  /** Lines with their derived amounts. */
  get lines(): readonly InvoiceLine[] {
    return [...this.#state.lines];
  }
  get payments(): readonly InvoicePayment[] {
    return [...this.#state.payments];
  }
  /** Sum of line subtotals, before discount and tax. */
  get subtotal(): Money {
    return this.sumLines((line) => line.subtotal);
  }
  get discountTotal(): Money {
    return this.sumLines((line) => line.discountAmount);
  }
  get taxTotal(): Money {
    return this.sumLines((line) => line.taxAmount);
  }
  /** `subtotal − discountTotal + taxTotal`, equal to the sum of line totals. */
  get total(): Money {
    return this.sumLines((line) => line.total);
  }
  get amountPaid(): Money {
    return Money.sum(
      this.#state.payments.map((payment) => payment.amount),
      this.currency,
    );
  }
  /** `total − amountPaid`; zero once PAID. */
  get amountDue(): Money {
    return this.total.subtract(this.amountPaid);
  }

  /** True when money is still owed and the due date has passed. */
  isOverdue(now: number): boolean {
    const { status, dueAt } = this.#state;
    return (status === 'ISSUED' || status === 'PARTIALLY_PAID') && dueAt !== null && now > dueAt;
  }

  /**
   * DRAFT → ISSUED, fixing the issue date and, unless fixed at creation, the due date (`now` + terms). An
   * invoice whose total is zero is PAID at once.
   *
   * @throws {InvalidTransitionError | InvoiceDueBeforeIssueError}
   */
  issue(now: number): void {
    requireTimestamp(now, 'now');
    this.assertStatus(['DRAFT'], 'ISSUED');
    const dueAt = this.#state.dueAt ?? now + this.#state.paymentTermsDays * DAY_MS;
    if (dueAt < now) throw new InvoiceDueBeforeIssueError(this.id, dueAt, now);
    const free = this.total.isZero();
    this.#state = {
      ...this.#state,
      status: free ? 'PAID' : 'ISSUED',
      issuedAt: now,
      dueAt,
      paidAt: free ? now : null,
      updatedAt: now,
    };
    const { orderId, customerId, invoiceNumber } = this;
    this.raise('invoice.issued', now, {
      orderId,
      customerId,
      invoiceNumber,
      total: this.total.toJSON(),
      dueAt,
    });
    if (free) this.raise('invoice.paid', now, { amountPaid: this.amountPaid.toJSON(), paidAt: now });
  }

  /**
   * Records a payment on an ISSUED or PARTIALLY_PAID invoice. The status becomes PARTIALLY_PAID, or PAID
   * when the payments reach the total. Returns `false` (and changes nothing) when a payment with the same
   * reference and amount was already recorded: payment webhooks arrive more than once.
   *
   * @throws {InvalidTransitionError | InvoiceOverpaymentError | PaymentReferenceConflictError | InvalidAmountError | CurrencyMismatchError}
   */
  recordPayment(payment: RecordPaymentInput): boolean {
    const paidAt = requireTimestamp(payment.paidAt, 'paidAt');
    const reference = optionalText(payment.reference, 'reference', { max: 200 });
    const duplicate =
      reference === null ? undefined : this.#state.payments.find((p) => p.reference === reference);
    if (duplicate) {
      if (duplicate.amount.equals(payment.amount)) return false;
      throw new PaymentReferenceConflictError(this.id, reference as string);
    }
    this.assertStatus(['ISSUED', 'PARTIALLY_PAID'], 'PAID');
    if (payment.amount.currency !== this.currency) {
      throw new CurrencyMismatchError(this.currency, payment.amount.currency, `invoice ${this.id}`);
    }
    if (!payment.amount.isPositive()) throw new InvalidAmountError('A payment must be above zero.');
    const amountDue = this.amountDue;
    if (payment.amount.greaterThan(amountDue)) {
      throw new InvoiceOverpaymentError(this.id, payment.amount.toString(), amountDue.toString());
    }
    if (this.#state.payments.length >= MAX_INVOICE_PAYMENTS) {
      throw new ValidationError('Too many payments.', [
        { path: 'payments', message: `at most ${MAX_INVOICE_PAYMENTS}` },
      ]);
    }
    const recorded: InvoicePayment = Object.freeze({ amount: payment.amount, paidAt, reference });
    const paidInFull = payment.amount.equals(amountDue);
    this.#state = {
      ...this.#state,
      payments: [...this.#state.payments, recorded],
      status: paidInFull ? 'PAID' : 'PARTIALLY_PAID',
      paidAt: paidInFull ? paidAt : null,
      updatedAt: paidAt,
    };
    this.raise('invoice.payment_recorded', paidAt, {
      amount: payment.amount.toJSON(),
      paidAt,
      reference,
      amountPaid: this.amountPaid.toJSON(),
      amountDue: this.amountDue.toJSON(),
    });
    if (paidInFull) this.raise('invoice.paid', paidAt, { amountPaid: this.amountPaid.toJSON(), paidAt });
    return true;
  }

  /** Records a payment of everything still due. @see recordPayment */
  markAsPaid(paidAt: number, reference?: string): boolean {
    return this.recordPayment({
      amount: this.amountDue,
      paidAt,
      ...(reference === undefined ? {} : { reference }),
    });
  }

  /**
   * Voids a DRAFT or ISSUED invoice. One with payments cannot be voided (refund them first); a PAID one
   * cannot either.
   *
   * @throws {InvalidTransitionError | InvoiceHasPaymentsError | ValidationError}
   */
  void(now: number, reason: string): void {
    requireTimestamp(now, 'now');
    const why = requireText(reason, 'reason', { max: 500 });
    if (this.#state.status === 'PARTIALLY_PAID') throw new InvoiceHasPaymentsError(this.id);
    this.assertStatus(['DRAFT', 'ISSUED'], 'VOID');
    this.#state = { ...this.#state, status: 'VOID', voidedAt: now, voidReason: why, updatedAt: now };
    this.raise('invoice.voided', now, { reason: why });
  }

  /** The JSON-safe snapshot stores persist. */
  toSnapshot(): InvoiceSnapshot {
    const { lines, payments, ...rest } = this.#state;
    return {
      id: this.id,
      organizationId: this.organizationId,
      version: this.version,
      ...rest,
      lines: lines.map(lineToSnapshot),
      payments: payments.map(
        (p): InvoicePaymentSnapshot => ({
          amount: p.amount.toJSON(),
          paidAt: p.paidAt,
          reference: p.reference,
        }),
      ),
    };
  }

  private sumLines(pick: (line: InvoiceLine) => Money): Money {
    return Money.sum(this.#state.lines.map(pick), this.currency);
  }

  private assertStatus(allowed: readonly InvoiceStatus[], to: InvoiceStatus): void {
    if (!allowed.includes(this.#state.status)) {
      throw new InvalidTransitionError(
        'Invoice',
        this.#state.status,
        to,
        `allowed only from ${allowed.join(' or ')}`,
      );
    }
  }
}
