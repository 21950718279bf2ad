import { DomainError } from './errors.js';

/** An order with no items cannot be confirmed. Code `ORDER_EMPTY`. */
export class OrderEmptyError extends DomainError {
  constructor(orderId: string) {
    super('ORDER_EMPTY', `Order ${orderId} has no items; add at least one item before confirming it.`, {
      details: { orderId },
    });
  }
}

/** Items change only while an order is a DRAFT. Code `ORDER_NOT_EDITABLE`. */
export class OrderNotEditableError extends DomainError {
  constructor(orderId: string, status: string) {
    super(
      'ORDER_NOT_EDITABLE',
      `Order ${orderId} is ${status}; only DRAFT orders can change items. Cancel it and start a new order instead.`,
      { details: { orderId, status } },
    );
  }
}

/** A quantity is not a whole number within the allowed range. Code `INVALID_QUANTITY`. */
export class InvalidQuantityError extends DomainError {
  constructor(quantity: unknown, max: number) {
    super('INVALID_QUANTITY', `Quantity must be a whole number from 1 to ${max}, got ${String(quantity)}.`, {
      details: { quantity, max },
    });
  }
}

/** The order has no line for that product. Code `ORDER_ITEM_NOT_FOUND`. */
export class OrderItemNotFoundError extends DomainError {
  constructor(orderId: string, productId: string) {
    super('ORDER_ITEM_NOT_FOUND', `Order ${orderId} has no item for product ${productId}.`, {
      details: { orderId, productId },
    });
  }
}

/**
 * The same product was added again at a different unit price. chatcart refuses rather than repricing the
 * quantity already in the cart. Code `ORDER_ITEM_PRICE_MISMATCH`.
 */
export class OrderItemPriceMismatchError extends DomainError {
  constructor(productId: string, existing: string, requested: string) {
    super(
      'ORDER_ITEM_PRICE_MISMATCH',
      `Product ${productId} is already in the order at ${existing}, not ${requested}; remove the item and add it again at the new price.`,
      { details: { productId, existing, requested } },
    );
  }
}

/** An order may hold at most a bounded number of distinct products. Code `ORDER_TOO_MANY_ITEMS`. */
export class OrderTooManyItemsError extends DomainError {
  constructor(orderId: string, max: number) {
    super(
      'ORDER_TOO_MANY_ITEMS',
      `Order ${orderId} already has ${max} different products, the most allowed.`,
      {
        details: { orderId, max },
      },
    );
  }
}
