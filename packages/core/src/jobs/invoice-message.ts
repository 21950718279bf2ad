import type { Invoice } from '../domain/invoice.js';
import type { InvoiceLine } from '../domain/invoice-line.js';
import type { Money } from '../domain/money.js';

/** WhatsApp's limit on a text message body, in characters. */
export const WHATSAPP_TEXT_LIMIT = 4096;

/** The words of an invoice message; override them to speak the shop's language. */
export interface InvoiceMessageLabels {
  readonly invoice: string;
  readonly subtotal: string;
  readonly discount: string;
  readonly tax: string;
  readonly total: string;
  readonly paid: string;
  readonly amountDue: string;
  readonly dueDate: string;
  /** Shown when lines were left out to fit WhatsApp's limit; `{count}` is how many. */
  readonly moreItems: string;
}

/** English labels, the default. */
export const ENGLISH_INVOICE_LABELS: InvoiceMessageLabels = Object.freeze({
  invoice: 'Invoice',
  subtotal: 'Subtotal',
  discount: 'Discount',
  tax: 'Tax',
  total: 'Total',
  paid: 'Paid',
  amountDue: 'Amount due',
  dueDate: 'Due date',
  moreItems: '…and {count} more items',
});

/** How {@link formatInvoiceMessage} formats numbers and dates. */
export interface InvoiceMessageOptions {
  /** BCP 47 locale of the organization, e.g. `en-IN`; decides digit grouping, symbols and the date. */
  readonly locale: string;
  /** IANA time zone the due date is shown in. Default `UTC`. */
  readonly timeZone?: string;
  readonly labels?: Partial<InvoiceMessageLabels>;
}

/**
 * The WhatsApp text of an invoice: one entry per line (quantity × unit price, discount, tax), then subtotal,
 * discount, tax, total (bold), what was paid and is still due, and the due date. Amounts go through
 * `Intl.NumberFormat` for the organization's locale with the currency's own minor digits (`₹1,062.00`,
 * `¥1,500`, `1.062,00 €`); zero discounts and taxes are left out. Long invoices are cut to WhatsApp's 4 096
 * characters by leaving out trailing lines and saying how many. Pure: same invoice and options, same text.
 *
 * @example
 * ```ts
 * const text = formatInvoiceMessage(invoice, { locale: 'en-IN', timeZone: 'Asia/Kolkata' });
 * await transport.send(invoice.organizationId, { kind: 'text', to: customer.phone, body: text });
 * ```
 */
export function formatInvoiceMessage(invoice: Invoice, options: InvoiceMessageOptions): string {
  const labels = { ...ENGLISH_INVOICE_LABELS, ...options.labels };
  const money = (amount: Money): string => amount.format(options.locale);
  const percent = new Intl.NumberFormat(options.locale, { style: 'percent', maximumFractionDigits: 2 });
  const rate = (basisPoints: number): string => percent.format(basisPoints / 10_000);

  const header = [`*${labels.invoice} ${invoice.invoiceNumber}*`, ''];
  const items = invoice.lines.map((line) => describeLine(line, labels, money, rate));
  const footer = [''];
  footer.push(`${labels.subtotal}: ${money(invoice.subtotal)}`);
  if (!invoice.discountTotal.isZero())
    footer.push(`${labels.discount}: ${money(invoice.discountTotal.negate())}`);
  if (!invoice.taxTotal.isZero()) footer.push(`${labels.tax}: ${money(invoice.taxTotal)}`);
  footer.push(`*${labels.total}: ${money(invoice.total)}*`);
  if (!invoice.amountPaid.isZero()) {
    footer.push(`${labels.paid}: ${money(invoice.amountPaid)}`);
    footer.push(`${labels.amountDue}: ${money(invoice.amountDue)}`);
  }
  if (invoice.dueAt !== null) {
    const date = new Intl.DateTimeFormat(options.locale, {
      dateStyle: 'medium',
      timeZone: options.timeZone ?? 'UTC',
    });
    footer.push(`${labels.dueDate}: ${date.format(invoice.dueAt)}`);
  }
  return fitToLimit(header, items, footer, labels.moreItems);
}

function describeLine(
  line: InvoiceLine,
  labels: InvoiceMessageLabels,
  money: (amount: Money) => string,
  rate: (basisPoints: number) => string,
): string {
  const parts = [
    `• ${line.description}: ${line.quantity} × ${money(line.unitPrice)} = ${money(line.subtotal)}`,
  ];
  if (!line.discountAmount.isZero()) {
    const what = line.discount?.type === 'percentage' ? ` ${rate(line.discount.basisPoints)}` : '';
    parts.push(`   ${labels.discount}${what}: ${money(line.discountAmount.negate())}`);
  }
  if (!line.taxAmount.isZero())
    parts.push(`   ${labels.tax} ${rate(line.taxRateBps)}: ${money(line.taxAmount)}`);
  return parts.join('\n');
}

/** Joins the parts, leaving out trailing items (and saying how many) until the text fits WhatsApp's limit. */
function fitToLimit(header: string[], items: string[], footer: string[], moreItems: string): string {
  const join = (shown: string[], hidden: number): string => {
    const note = hidden > 0 ? [moreItems.replace('{count}', String(hidden))] : [];
    return [...header, ...shown, ...note, ...footer].join('\n');
  };
  let shown = items.length;
  let text = join(items, 0);
  while (text.length > WHATSAPP_TEXT_LIMIT && shown > 0) {
    shown -= 1;
    text = join(items.slice(0, shown), items.length - shown);
  }
  return text.length > WHATSAPP_TEXT_LIMIT ? text.slice(0, WHATSAPP_TEXT_LIMIT) : text;
}
