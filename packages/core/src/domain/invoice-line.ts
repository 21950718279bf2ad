import { ValidationError } from './errors.js';
import { InvoiceDiscountTooLargeError } from './invoice-errors.js';
import { Money, type MoneySnapshot } from './money.js';
import { InvalidAmountError } from './money-errors.js';

/** The highest tax rate a line may carry, in basis points (10 000 bp = 100 %). */
export const MAX_TAX_RATE_BPS = 10_000;

/** A discount on one invoice line: a share of the line in basis points, or a fixed amount off the line. */
export type InvoiceDiscount =
  | { readonly type: 'percentage'; readonly basisPoints: number }
  | { readonly type: 'amount'; readonly amount: Money };

/** The JSON shape of {@link InvoiceDiscount}. */
export type InvoiceDiscountSnapshot =
  | { readonly type: 'percentage'; readonly basisPoints: number }
  | { readonly type: 'amount'; readonly amount: MoneySnapshot };

/** The inputs of one invoice line; every amount on it is derived from these. */
export interface InvoiceLineInput {
  readonly productId: string;
  readonly description: string;
  readonly unitPrice: Money;
  readonly quantity: number;
  /** Tax rate in basis points: 1800 = 18 %. */
  readonly taxRateBps: number;
  readonly discount: InvoiceDiscount | null;
}

/** The JSON shape of an invoice line (inputs only; amounts are derived when loaded). */
export interface InvoiceLineSnapshot {
  readonly productId: string;
  readonly description: string;
  readonly unitPrice: MoneySnapshot;
  readonly quantity: number;
  readonly taxRateBps: number;
  readonly discount: InvoiceDiscountSnapshot | null;
}

/** An invoice line with its derived amounts. */
export interface InvoiceLine extends InvoiceLineInput {
  /** `unitPrice × quantity`. */
  readonly subtotal: Money;
  /** The discount in money (a percentage discount is rounded here). */
  readonly discountAmount: Money;
  /** `subtotal − discountAmount`: tax is charged on the discounted amount. */
  readonly taxableAmount: Money;
  /** `taxableAmount × taxRateBps`, rounded half away from zero, once per line. */
  readonly taxAmount: Money;
  /** `taxableAmount + taxAmount`. */
  readonly total: Money;
}

/**
 * Computes a line's amounts: **discount first, then tax on the discounted amount**, each rounded once per
 * line (so the invoice total is exactly the sum of the printed lines).
 *
 * @example
 * ```ts
 * const line = computeInvoiceLine({
 *   productId: 'p1', description: 'Shoes', unitPrice: Money.of(5000, 'EUR'), quantity: 2,
 *   taxRateBps: 2100, discount: { type: 'percentage', basisPoints: 1000 },
 * });
 * // subtotal 100.00, discount 10.00, taxable 90.00, tax 18.90, total 108.90
 * ```
 * @throws {InvoiceDiscountTooLargeError} when the discount exceeds the line subtotal.
 */
export function computeInvoiceLine(line: InvoiceLineInput): InvoiceLine {
  const subtotal = line.unitPrice.multiply(line.quantity);
  const discountAmount =
    line.discount === null
      ? subtotal.multiply(0)
      : line.discount.type === 'percentage'
        ? subtotal.percentage(line.discount.basisPoints)
        : line.discount.amount;
  if (discountAmount.greaterThan(subtotal)) {
    throw new InvoiceDiscountTooLargeError(line.productId, discountAmount.toString(), subtotal.toString());
  }
  const taxableAmount = subtotal.subtract(discountAmount);
  const taxAmount = taxableAmount.percentage(line.taxRateBps);
  return Object.freeze({
    ...line,
    subtotal,
    discountAmount,
    taxableAmount,
    taxAmount,
    total: taxableAmount.add(taxAmount),
  });
}

/**
 * Checks the rates of a line: tax 0..{@link MAX_TAX_RATE_BPS}, percentage discount 0..10 000 bp, amount
 * discount non-negative and in the line's currency (internal).
 */
export function assertInvoiceLineRates(line: InvoiceLineInput, path: string): void {
  const rate = line.taxRateBps;
  if (!Number.isSafeInteger(rate) || rate < 0 || rate > MAX_TAX_RATE_BPS) {
    throw new ValidationError('Invalid tax rate.', [
      {
        path: `${path}.taxRateBps`,
        message: `must be an integer from 0 to ${MAX_TAX_RATE_BPS} basis points`,
      },
    ]);
  }
  const discount = line.discount;
  if (discount?.type === 'percentage') {
    const bp = discount.basisPoints;
    if (!Number.isSafeInteger(bp) || bp < 0 || bp > 10_000) {
      throw new ValidationError('Invalid discount.', [
        { path: `${path}.discount.basisPoints`, message: 'must be an integer from 0 to 10000 basis points' },
      ]);
    }
  } else if (discount?.type === 'amount') {
    if (discount.amount.isNegative()) {
      throw new InvalidAmountError('A discount cannot be negative.', { productId: line.productId });
    }
    discount.amount.compare(line.unitPrice); // throws CurrencyMismatchError for another currency
  }
}

/** The JSON shape of a discount (internal). */
export function discountToSnapshot(discount: InvoiceDiscount | null): InvoiceDiscountSnapshot | null {
  if (discount === null) return null;
  return discount.type === 'percentage'
    ? { type: 'percentage', basisPoints: discount.basisPoints }
    : { type: 'amount', amount: discount.amount.toJSON() };
}

/** Rebuilds a discount from its JSON shape (internal). */
export function discountFromSnapshot(discount: InvoiceDiscountSnapshot | null): InvoiceDiscount | null {
  if (discount === null) return null;
  return discount.type === 'percentage'
    ? { type: 'percentage', basisPoints: discount.basisPoints }
    : { type: 'amount', amount: Money.fromSnapshot(discount.amount) };
}

/** Rebuilds line inputs from their JSON shape (internal). */
export function lineFromSnapshot(line: InvoiceLineSnapshot): InvoiceLineInput {
  return {
    productId: line.productId,
    description: line.description,
    unitPrice: Money.fromSnapshot(line.unitPrice),
    quantity: line.quantity,
    taxRateBps: line.taxRateBps,
    discount: discountFromSnapshot(line.discount),
  };
}

/** The JSON shape of line inputs (internal). */
export function lineToSnapshot(line: InvoiceLineInput): InvoiceLineSnapshot {
  return {
    productId: line.productId,
    description: line.description,
    unitPrice: line.unitPrice.toJSON(),
    quantity: line.quantity,
    taxRateBps: line.taxRateBps,
    discount: discountToSnapshot(line.discount),
  };
}
