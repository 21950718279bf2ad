import { DomainError } from './errors.js';

/** Only confirmed (or later, not cancelled) orders can be invoiced. Code `ORDER_NOT_INVOICEABLE`. */
export class OrderNotInvoiceableError extends DomainError {
  constructor(orderId: string, status: string) {
    super('ORDER_NOT_INVOICEABLE', `Order ${orderId} is ${status}; only a confirmed order can be invoiced.`, {
      details: { orderId, status },
    });
  }
}

/** A line's discount is larger than the line itself. Code `INVOICE_DISCOUNT_TOO_LARGE`. */
export class InvoiceDiscountTooLargeError extends DomainError {
  constructor(productId: string, discount: string, subtotal: string) {
    super(
      'INVOICE_DISCOUNT_TOO_LARGE',
      `The discount ${discount} on product ${productId} exceeds the line subtotal ${subtotal}.`,
      { details: { productId, discount, subtotal } },
    );
  }
}

/**
 * A payment larger than the amount still due was refused. Record at most `amountDue` and handle the excess
 * (credit or refund) outside the invoice. Code `INVOICE_OVERPAYMENT`.
 */
export class InvoiceOverpaymentError extends DomainError {
  constructor(invoiceId: string, amount: string, amountDue: string) {
    super(
      'INVOICE_OVERPAYMENT',
      `A payment of ${amount} exceeds the ${amountDue} still due on invoice ${invoiceId}; record at most the amount due and refund or credit the rest.`,
      { details: { invoiceId, amount, amountDue } },
    );
  }
}

/**
 * A payment reference (the provider's payment id) was recorded before with a different amount. Code
 * `PAYMENT_REFERENCE_CONFLICT`.
 */
export class PaymentReferenceConflictError extends DomainError {
  constructor(invoiceId: string, reference: string) {
    super(
      'PAYMENT_REFERENCE_CONFLICT',
      `Payment ${reference} was already recorded on invoice ${invoiceId} with a different amount.`,
      { details: { invoiceId, reference } },
    );
  }
}

/** An invoice with payments cannot be voided; refund the payments first. Code `INVOICE_HAS_PAYMENTS`. */
export class InvoiceHasPaymentsError extends DomainError {
  constructor(invoiceId: string) {
    super(
      'INVOICE_HAS_PAYMENTS',
      `Invoice ${invoiceId} has payments recorded; refund them before voiding it.`,
      {
        details: { invoiceId },
      },
    );
  }
}

/** A fixed due date lies before the issue date. Code `INVOICE_DUE_BEFORE_ISSUE`. */
export class InvoiceDueBeforeIssueError extends DomainError {
  constructor(invoiceId: string, dueAt: number, issuedAt: number) {
    super(
      'INVOICE_DUE_BEFORE_ISSUE',
      `Invoice ${invoiceId} would be due (${new Date(dueAt).toISOString()}) before it is issued (${new Date(issuedAt).toISOString()}).`,
      { details: { invoiceId, dueAt, issuedAt } },
    );
  }
}
