import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { applyAtomically, RUNS, timestamps } from './domain-test-helpers.js';
import { Invoice } from './invoice.js';
import type { InvoiceLineInput } from './invoice-line.js';
import { Money } from './money.js';

const line = fc
  .record({
    price: fc.integer({ min: 0, max: 1_000_000 }),
    quantity: fc.integer({ min: 1, max: 50 }),
    taxRateBps: fc.integer({ min: 0, max: 3000 }),
    discount: fc.option(
      fc.oneof(
        fc
          .integer({ min: 0, max: 10_000 })
          .map((basisPoints) => ({ type: 'percentage' as const, basisPoints })),
        fc
          .integer({ min: 0, max: 1000 })
          .map((amount) => ({ type: 'amount' as const, amount: Money.of(amount, 'INR') })),
      ),
    ),
  })
  .map(
    ({ price, quantity, taxRateBps, discount }): Omit<InvoiceLineInput, 'productId'> => ({
      description: 'Item',
      unitPrice: Money.of(price, 'INR'),
      quantity,
      taxRateBps,
      discount,
    }),
  );

const lines = fc
  .array(line, { minLength: 1, maxLength: 6 })
  .map((list) => list.map((l, i) => ({ ...l, productId: `p${i}` })));

function create(inputLines: InvoiceLineInput[]): Invoice | null {
  try {
    return Invoice.create({
      id: 'inv',
      organizationId: 'org',
      invoiceNumber: 'INV-1',
      orderId: 'ord',
      customerId: 'cus',
      currency: 'INR',
      lines: inputLines,
      now: 1,
    });
  } catch {
    return null; // an amount discount larger than its line
  }
}

const operation = fc.oneof(
  timestamps().map((now) => (inv: Invoice) => inv.issue(now)),
  fc
    .tuple(fc.integer({ min: -5, max: 2_000_000 }), timestamps(), fc.option(fc.constantFrom('a', 'b', 'c')))
    .map(
      ([amount, paidAt, reference]) =>
        (inv: Invoice) =>
          inv.recordPayment({ amount: Money.of(amount, 'INR'), paidAt, ...(reference ? { reference } : {}) }),
    ),
  timestamps().map((now) => (inv: Invoice) => inv.markAsPaid(now)),
  fc.tuple(timestamps(), fc.constantFrom('duplicate', ' ')).map(
    ([now, reason]) =>
      (inv: Invoice) =>
        inv.void(now, reason),
  ),
);

describe('Invoice properties', () => {
  it('always totals subtotal − discount + tax, equal to the sum of its lines', () => {
    fc.assert(
      fc.property(lines, (inputLines) => {
        const inv = create(inputLines);
        if (!inv) return;
        expect(inv.total.equals(inv.subtotal.subtract(inv.discountTotal).add(inv.taxTotal))).toBe(true);
        expect(inv.total.amountMinor).toBe(inv.lines.reduce((sum, l) => sum + l.total.amountMinor, 0));
        for (const l of inv.lines)
          expect(l.discountAmount.amountMinor).toBeLessThanOrEqual(l.subtotal.amountMinor);
      }),
      RUNS,
    );
  });

  it('stays valid under any sequence of operations, never paid beyond its total', () => {
    fc.assert(
      fc.property(lines, fc.array(operation, { maxLength: 15 }), (inputLines, operations) => {
        const inv = create(inputLines);
        if (!inv) return;
        applyAtomically(inv, operations, (snapshot) => Invoice.fromSnapshot(snapshot));
        expect(inv.amountPaid.lessThan(inv.total) || inv.amountPaid.equals(inv.total)).toBe(true);
        expect(inv.status === 'PAID').toBe(
          inv.issuedAt !== null && inv.amountDue.isZero() && inv.status !== 'VOID',
        );
      }),
      RUNS,
    );
  });
});
