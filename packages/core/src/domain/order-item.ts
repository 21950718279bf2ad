import type { Money, MoneySnapshot } from './money.js';
import { InvalidAmountError } from './money-errors.js';
import { InvalidQuantityError } from './order-errors.js';

/** The largest quantity of one product in one order line (and in one invoice line). */
export const MAX_ITEM_QUANTITY = 10_000;

/** The most distinct products one order may hold. */
export const MAX_ORDER_ITEMS = 100;

/** The longest product name kept on a line, in characters. */
export const MAX_ITEM_NAME_LENGTH = 200;

/** One line of an order as read from the aggregate: the unit price is frozen when the item is added. */
export interface OrderItem {
  readonly productId: string;
  /** The product's name when it was added (the catalog may rename it later). */
  readonly name: string;
  readonly unitPrice: Money;
  readonly quantity: number;
  /** `unitPrice × quantity`, derived. */
  readonly lineTotal: Money;
}

/** What {@link Order.addItem} takes. */
export interface NewOrderItem {
  readonly productId: string;
  readonly name: string;
  readonly unitPrice: Money;
  readonly quantity: number;
}

/** The JSON shape of an order line. */
export interface OrderItemSnapshot {
  readonly productId: string;
  readonly name: string;
  readonly unitPrice: MoneySnapshot;
  readonly quantity: number;
}

/**
 * Throws unless `quantity` is a whole number from 1 to {@link MAX_ITEM_QUANTITY}.
 *
 * @throws {InvalidQuantityError}
 */
export function assertQuantity(quantity: number): void {
  if (!Number.isSafeInteger(quantity) || quantity < 1 || quantity > MAX_ITEM_QUANTITY) {
    throw new InvalidQuantityError(quantity, MAX_ITEM_QUANTITY);
  }
}

/**
 * Throws unless `price` is zero or more: free items are allowed, negative prices are not.
 *
 * @throws {InvalidAmountError}
 */
export function assertUnitPrice(price: Money): void {
  if (price.isNegative()) {
    throw new InvalidAmountError(`A unit price cannot be negative, got ${price.toString()}.`, {
      amountMinor: price.amountMinor,
    });
  }
}
