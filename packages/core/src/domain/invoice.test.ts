import { describe, expect, it } from 'vitest';
import { InvalidTransitionError, ValidationError } from './errors.js';
import { Invoice } from './invoice.js';
import {
  InvoiceDiscountTooLargeError,
  InvoiceDueBeforeIssueError,
  InvoiceHasPaymentsError,
  InvoiceOverpaymentError,
  OrderNotInvoiceableError,
  PaymentReferenceConflictError,
} from './invoice-errors.js';
import { Money } from './money.js';
import { CurrencyMismatchError } from './money-errors.js';
import { Order } from './order.js';

const DAY = 86_400_000;
const now = 1_700_000_000_000;
const eur = (amount: string) => Money.fromDecimal(amount, 'EUR');

function confirmedOrder(): Order {
  const order = Order.create({
    id: 'ord_1',
    organizationId: 'org_1',
    customerId: 'cus_1',
    currency: 'EUR',
    now,
  });
  order.addItem({ productId: 'shoes', name: 'Shoes', unitPrice: eur('50.00'), quantity: 2 }, now);
  order.addItem({ productId: 'socks', name: 'Socks', unitPrice: eur('3.33'), quantity: 3 }, now);
  order.confirm(now);
  return order;
}

function invoice(options: Partial<Parameters<typeof Invoice.fromOrder>[1]> = {}): Invoice {
  return Invoice.fromOrder(confirmedOrder(), { id: 'inv_1', invoiceNumber: 'INV-0001', now, ...options });
}

describe('Invoice', () => {
  it('copies the order lines, customer and currency into a DRAFT', () => {
    const inv = invoice();
    expect(inv.status).toBe('DRAFT');
    expect(inv.orderId).toBe('ord_1');
    expect(inv.customerId).toBe('cus_1');
    expect(inv.lines.map((l) => [l.productId, l.description, l.quantity])).toEqual([
      ['shoes', 'Shoes', 2],
      ['socks', 'Socks', 3],
    ]);
    expect(inv.total.toDecimalString()).toBe('109.99');
    expect(inv.pullEvents().map((e) => e.type)).toEqual(['invoice.created']);
  });

  it('applies the discount before tax and rounds once per line', () => {
    const inv = invoice({
      defaultTaxRateBps: 2100,
      taxRatesBps: { socks: 1000 },
      discounts: {
        shoes: { type: 'percentage', basisPoints: 1000 },
        socks: { type: 'amount', amount: eur('0.99') },
      },
    });
    const [shoes, socks] = inv.lines;
    // shoes: 100.00 − 10.00 = 90.00, tax 21 % = 18.90
    expect(
      [shoes?.subtotal, shoes?.discountAmount, shoes?.taxAmount, shoes?.total].map((m) =>
        m?.toDecimalString(),
      ),
    ).toEqual(['100.00', '10.00', '18.90', '108.90']);
    // socks: 9.99 − 0.99 = 9.00, tax 10 % = 0.90
    expect(socks?.taxAmount.toDecimalString()).toBe('0.90');
    expect(inv.subtotal.toDecimalString()).toBe('109.99');
    expect(inv.discountTotal.toDecimalString()).toBe('10.99');
    expect(inv.taxTotal.toDecimalString()).toBe('19.80');
    expect(inv.total.toDecimalString()).toBe('118.80');
    expect(inv.total.equals(inv.subtotal.subtract(inv.discountTotal).add(inv.taxTotal))).toBe(true);
  });

  it('rounds a half-cent tax up', () => {
    const order = Order.create({ id: 'o', organizationId: 'org', customerId: 'c', currency: 'USD', now });
    order.addItem({ productId: 'p', name: 'P', unitPrice: Money.of(50, 'USD'), quantity: 1 }, now);
    order.confirm(now);
    const inv = Invoice.fromOrder(order, { id: 'i', invoiceNumber: '1', defaultTaxRateBps: 500, now }); // 2.5 cents
    expect(inv.taxTotal.amountMinor).toBe(3);
  });

  it('refuses to invoice a DRAFT or CANCELLED order', () => {
    const order = Order.create({ id: 'o', organizationId: 'org', customerId: 'c', currency: 'EUR', now });
    expect(() => Invoice.fromOrder(order, { id: 'i', invoiceNumber: '1', now })).toThrow(
      OrderNotInvoiceableError,
    );
    order.cancel(now);
    expect(() => Invoice.fromOrder(order, { id: 'i', invoiceNumber: '1', now })).toThrow(
      OrderNotInvoiceableError,
    );
  });

  it('refuses tax rates or discounts for products not on the order', () => {
    expect(() => invoice({ taxRatesBps: { hats: 100 } })).toThrow(/not on order ord_1: hats/);
  });

  it('refuses invalid tax rates and discounts', () => {
    expect(() => invoice({ defaultTaxRateBps: 10_001 })).toThrow(ValidationError);
    expect(() => invoice({ defaultTaxRateBps: 1.5 })).toThrow(ValidationError);
    expect(() => invoice({ discounts: { shoes: { type: 'percentage', basisPoints: 10_001 } } })).toThrow(
      ValidationError,
    );
    expect(() => invoice({ discounts: { shoes: { type: 'amount', amount: eur('100.01') } } })).toThrow(
      InvoiceDiscountTooLargeError,
    );
    expect(() => invoice({ discounts: { shoes: { type: 'amount', amount: Money.of(1, 'USD') } } })).toThrow(
      CurrencyMismatchError,
    );
  });

  it('sets the due date from payment terms at issue', () => {
    const inv = invoice({ paymentTermsDays: 14 });
    expect(inv.dueAt).toBeNull();
    inv.issue(now + 1000);
    expect(inv.status).toBe('ISSUED');
    expect(inv.issuedAt).toBe(now + 1000);
    expect(inv.dueAt).toBe(now + 1000 + 14 * DAY);
    expect(inv.pullEvents().at(-1)).toMatchObject({
      type: 'invoice.issued',
      payload: { invoiceNumber: 'INV-0001' },
    });
  });

  it('keeps a fixed due date, but not one before the issue date', () => {
    const inv = invoice({ dueAt: now + DAY });
    inv.issue(now);
    expect(inv.dueAt).toBe(now + DAY);
    expect(() => invoice({ dueAt: now - 1 }).issue(now)).toThrow(InvoiceDueBeforeIssueError);
  });

  it('records a partial payment without treating it as full', () => {
    const inv = invoice();
    inv.issue(now);
    expect(inv.recordPayment({ amount: eur('50.00'), paidAt: now + 1, reference: 'pay_1' })).toBe(true);
    expect(inv.status).toBe('PARTIALLY_PAID');
    expect(inv.amountPaid.toDecimalString()).toBe('50.00');
    expect(inv.amountDue.toDecimalString()).toBe('59.99');
    expect(inv.paidAt).toBeNull();
    inv.recordPayment({ amount: eur('59.99'), paidAt: now + 2, reference: 'pay_2' });
    expect(inv.status).toBe('PAID');
    expect(inv.paidAt).toBe(now + 2);
    expect(inv.amountDue.isZero()).toBe(true);
    const types = inv.pullEvents().map((e) => e.type);
    expect(types.slice(-3)).toEqual(['invoice.payment_recorded', 'invoice.payment_recorded', 'invoice.paid']);
  });

  it('refuses an overpayment and names what is still due', () => {
    const inv = invoice();
    inv.issue(now);
    expect(() => inv.recordPayment({ amount: eur('110.00'), paidAt: now })).toThrow(InvoiceOverpaymentError);
    expect(() => inv.recordPayment({ amount: eur('110.00'), paidAt: now })).toThrow(/109.99 EUR still due/);
    expect(inv.amountPaid.isZero()).toBe(true);
  });

  it('ignores a duplicate payment webhook and refuses a reused reference with another amount', () => {
    const inv = invoice();
    inv.issue(now);
    inv.recordPayment({ amount: eur('10.00'), paidAt: now, reference: 'pay_1' });
    expect(inv.recordPayment({ amount: eur('10.00'), paidAt: now, reference: 'pay_1' })).toBe(false);
    expect(inv.payments).toHaveLength(1);
    expect(() => inv.recordPayment({ amount: eur('11.00'), paidAt: now, reference: 'pay_1' })).toThrow(
      PaymentReferenceConflictError,
    );
  });

  it('refuses payments on a DRAFT or VOID invoice, and zero or foreign amounts', () => {
    const inv = invoice();
    expect(() => inv.recordPayment({ amount: eur('1.00'), paidAt: now })).toThrow(InvalidTransitionError);
    inv.issue(now);
    expect(() => inv.recordPayment({ amount: eur('0'), paidAt: now })).toThrow(/above zero/);
    expect(() => inv.recordPayment({ amount: Money.of(1, 'USD'), paidAt: now })).toThrow(
      CurrencyMismatchError,
    );
  });

  it('marks as paid with everything still due', () => {
    const inv = invoice();
    inv.issue(now);
    inv.recordPayment({ amount: eur('9.99'), paidAt: now });
    inv.markAsPaid(now + 5, 'pay_final');
    expect(inv.status).toBe('PAID');
    expect(inv.payments.at(-1)?.amount.toDecimalString()).toBe('100.00');
    expect(() => inv.markAsPaid(now + 6)).toThrow(InvalidTransitionError);
  });

  it('is PAID at issue when its total is zero', () => {
    const inv = invoice({
      discounts: {
        shoes: { type: 'percentage', basisPoints: 10_000 },
        socks: { type: 'percentage', basisPoints: 10_000 },
      },
    });
    inv.issue(now);
    expect(inv.status).toBe('PAID');
    expect(inv.pullEvents().map((e) => e.type)).toEqual([
      'invoice.created',
      'invoice.issued',
      'invoice.paid',
    ]);
  });

  it('voids a DRAFT or ISSUED invoice, but not one with payments or already paid', () => {
    const issued = invoice();
    issued.issue(now);
    issued.void(now, 'wrong address');
    expect(issued.status).toBe('VOID');
    expect(issued.voidReason).toBe('wrong address');
    const partial = invoice();
    partial.issue(now);
    partial.recordPayment({ amount: eur('1.00'), paidAt: now });
    expect(() => partial.void(now, 'oops')).toThrow(InvoiceHasPaymentsError);
    partial.markAsPaid(now);
    expect(() => partial.void(now, 'oops')).toThrow(InvalidTransitionError);
    expect(() => invoice().void(now, ' ')).toThrow(ValidationError);
  });

  it('is overdue only while money is owed after the due date', () => {
    const inv = invoice({ paymentTermsDays: 1 });
    expect(inv.isOverdue(now + 10 * DAY)).toBe(false);
    inv.issue(now);
    expect(inv.isOverdue(now + DAY)).toBe(false);
    expect(inv.isOverdue(now + DAY + 1)).toBe(true);
    inv.recordPayment({ amount: eur('1.00'), paidAt: now });
    expect(inv.isOverdue(now + 2 * DAY)).toBe(true);
    inv.markAsPaid(now + 2 * DAY);
    expect(inv.isOverdue(now + 3 * DAY)).toBe(false);
  });

  it('round-trips through a JSON snapshot', () => {
    const inv = invoice({
      discounts: { socks: { type: 'amount', amount: eur('1.00') } },
      defaultTaxRateBps: 700,
    });
    inv.issue(now);
    inv.recordPayment({ amount: eur('5.00'), paidAt: now, reference: 'p' });
    const snapshot = JSON.parse(JSON.stringify(inv.toSnapshot()));
    expect(Invoice.fromSnapshot(snapshot).toSnapshot()).toEqual(inv.toSnapshot());
  });

  it('rejects a snapshot whose status does not match its payments', () => {
    const inv = invoice();
    inv.issue(now);
    const snapshot = { ...inv.toSnapshot(), status: 'PAID' as const, paidAt: now };
    expect(() => Invoice.fromSnapshot(snapshot)).toThrow(/status/);
    const over = {
      ...inv.toSnapshot(),
      payments: [{ amount: { amountMinor: 999_999, currency: 'EUR' }, paidAt: now, reference: null }],
    };
    expect(() => Invoice.fromSnapshot(over)).toThrow(ValidationError);
  });
});
