import { describe, expect, it } from 'vitest';
import { Invoice } from '../domain/invoice.js';
import type { InvoiceLineInput } from '../domain/invoice-line.js';
import { Money } from '../domain/money.js';
import { formatInvoiceMessage, WHATSAPP_TEXT_LIMIT } from './invoice-message.js';

const NOW = Date.parse('2026-01-08T10:00:00Z');

function invoiceOf(currency: string, lines: InvoiceLineInput[]): Invoice {
  const invoice = Invoice.create({
    id: 'inv_1',
    organizationId: 'org_1',
    invoiceNumber: 'INV-0007',
    orderId: 'ord_1',
    customerId: 'cus_1',
    currency,
    lines,
    paymentTermsDays: 7,
    now: NOW,
  });
  invoice.issue(NOW);
  return invoice;
}

describe('formatInvoiceMessage', () => {
  it('lists lines with discount and tax, then totals and the due date, in the organization locale', () => {
    const invoice = invoiceOf('INR', [
      {
        productId: 'rice',
        description: 'Rice 5kg',
        unitPrice: Money.fromDecimal('450', 'INR'),
        quantity: 2,
        taxRateBps: 1800,
        discount: { type: 'percentage', basisPoints: 1000 },
      },
      {
        productId: 'dal',
        description: 'Toor dal',
        unitPrice: Money.fromDecimal('120000', 'INR'),
        quantity: 1,
        taxRateBps: 0,
        discount: null,
      },
    ]);
    expect(formatInvoiceMessage(invoice, { locale: 'en-IN', timeZone: 'Asia/Kolkata' })).toBe(
      [
        '*Invoice INV-0007*',
        '',
        '• Rice 5kg: 2 × ₹450.00 = ₹900.00',
        '   Discount 10%: -₹90.00',
        '   Tax 18%: ₹145.80',
        '• Toor dal: 1 × ₹1,20,000.00 = ₹1,20,000.00',
        '',
        'Subtotal: ₹1,20,900.00',
        'Discount: -₹90.00',
        'Tax: ₹145.80',
        '*Total: ₹1,20,955.80*',
        'Due date: 15 Jan 2026',
      ].join('\n'),
    );
  });

  it("uses the currency's minor digits and the locale's separators", () => {
    const yen = invoiceOf('JPY', [
      {
        productId: 'tea',
        description: 'Sencha',
        unitPrice: Money.of(1500, 'JPY'),
        quantity: 3,
        taxRateBps: 1000,
        discount: null,
      },
    ]);
    const text = formatInvoiceMessage(yen, { locale: 'ja-JP' });
    expect(text).toContain('3 × ￥1,500 = ￥4,500');
    expect(text).toContain('*Total: ￥4,950*');

    const euro = invoiceOf('EUR', [
      {
        productId: 'shoe',
        description: 'Schuh',
        unitPrice: Money.of(123456, 'EUR'),
        quantity: 1,
        taxRateBps: 0,
        discount: null,
      },
    ]);
    const german = formatInvoiceMessage(euro, { locale: 'de-DE', labels: { total: 'Summe' } });
    expect(german).toContain('*Summe: 1.234,56\u00a0€*'); // Intl puts a no-break space before the sign
    expect(german).not.toContain('Tax');
    expect(german).not.toContain('Discount');
  });

  it('shows what was paid and what is still due on a partly paid invoice', () => {
    const invoice = invoiceOf('USD', [
      {
        productId: 'mug',
        description: 'Mug',
        unitPrice: Money.of(1000, 'USD'),
        quantity: 2,
        taxRateBps: 0,
        discount: null,
      },
    ]);
    invoice.recordPayment({ amount: Money.of(500, 'USD'), paidAt: NOW, reference: 'pay_1' });
    const text = formatInvoiceMessage(invoice, { locale: 'en-US' });
    expect(text).toContain('Paid: $5.00\nAmount due: $15.00');
  });

  it("cuts trailing lines to fit WhatsApp's limit and says how many were left out", () => {
    const lines = Array.from({ length: 100 }, (_, i) => ({
      productId: `p${i}`,
      description: `A rather long product description number ${i} to fill the message`,
      unitPrice: Money.of(100, 'USD'),
      quantity: 1,
      taxRateBps: 500,
      discount: null,
    }));
    const text = formatInvoiceMessage(invoiceOf('USD', lines), { locale: 'en-US' });
    expect(text.length).toBeLessThanOrEqual(WHATSAPP_TEXT_LIMIT);
    expect(text).toMatch(/…and \d+ more items/);
    expect(text).toContain('*Total: $105.00*');
  });
});
