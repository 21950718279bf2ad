import { ValidationError } from './errors.js';
import { OrderNotInvoiceableError } from './invoice-errors.js';
import type { CreateInvoiceInput, InvoiceFromOrderOptions } from './invoice-types.js';
import type { Order } from './order.js';

/**
 * Turns an order and invoicing options into the input of `Invoice.create`: one line per order item, with
 * its tax rate and discount looked up by product id (internal; use `Invoice.fromOrder`).
 *
 * @throws {OrderNotInvoiceableError | ValidationError}
 */
export function invoiceInputFromOrder(order: Order, options: InvoiceFromOrderOptions): CreateInvoiceInput {
  if (order.status === 'DRAFT' || order.status === 'CANCELLED') {
    throw new OrderNotInvoiceableError(order.id, order.status);
  }
  const productIds = new Set(order.items.map((item) => item.productId));
  for (const field of ['taxRatesBps', 'discounts'] as const) {
    const unknown = Object.keys(options[field] ?? {}).filter((id) => !productIds.has(id));
    if (unknown.length > 0) {
      throw new ValidationError('Invoice options name products that are not on the order.', [
        { path: field, message: `not on order ${order.id}: ${unknown.join(', ')}` },
      ]);
    }
  }
  const defaultRate = options.defaultTaxRateBps ?? 0;
  return {
    id: options.id,
    organizationId: order.organizationId,
    invoiceNumber: options.invoiceNumber,
    orderId: order.id,
    customerId: order.customerId,
    currency: order.currency,
    lines: order.items.map((item) => ({
      productId: item.productId,
      description: item.name,
      unitPrice: item.unitPrice,
      quantity: item.quantity,
      taxRateBps: options.taxRatesBps?.[item.productId] ?? defaultRate,
      discount: options.discounts?.[item.productId] ?? null,
    })),
    ...(options.paymentTermsDays === undefined ? {} : { paymentTermsDays: options.paymentTermsDays }),
    ...(options.dueAt === undefined ? {} : { dueAt: options.dueAt }),
    now: options.now,
  };
}
