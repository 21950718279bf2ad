import type { Order } from '../../domain/order.js';
import type { NewOrderItem } from '../../domain/order-item.js';
import { InsufficientStockError, type Product } from '../../domain/product.js';
import { ProductUnavailableError } from '../application-errors.js';
import type { CommandScope } from '../command-runner.js';

/** A product and how many units of it a command asks for. */
export interface RequestedItem {
  readonly productId: string;
  readonly quantity: number;
}

/**
 * Builds order lines from the catalog: the name and unit price come from the product (never from the caller),
 * the product must exist and be active, and tracked stock must cover what the order will then hold
 * (`alreadyInOrder` plus the request). Stock is only checked here; confirming the order takes it.
 *
 * @throws {ProductUnavailableError | InsufficientStockError}
 */
export async function orderLinesFromCatalog(
  scope: CommandScope,
  organizationId: string,
  items: readonly RequestedItem[],
  alreadyInOrder: ReadonlyMap<string, number> = new Map(),
): Promise<NewOrderItem[]> {
  const products = new Map<string, Product>();
  const wanted = new Map<string, number>(alreadyInOrder);
  const lines: NewOrderItem[] = [];
  for (const item of items) {
    let product = products.get(item.productId);
    if (!product) {
      const found = await scope.tx.products.findById(organizationId, item.productId);
      if (!found) throw new ProductUnavailableError(item.productId, 'unknown');
      if (!found.active) throw new ProductUnavailableError(item.productId, 'inactive', found.name);
      product = found;
      products.set(item.productId, product);
    }
    const total = (wanted.get(item.productId) ?? 0) + item.quantity;
    wanted.set(item.productId, total);
    if (product.stock !== null && product.stock < total) {
      throw new InsufficientStockError(product.id, total, product.stock);
    }
    lines.push({
      productId: product.id,
      name: product.name,
      unitPrice: product.price,
      quantity: item.quantity,
    });
  }
  return lines;
}

/** Quantities per product of an order's lines. */
export function quantitiesOf(order: Order): Map<string, number> {
  return new Map(order.items.map((item) => [item.productId, item.quantity]));
}

/**
 * Moves tracked stock for every line of `order`: `direction` -1 takes it (the order was confirmed), +1
 * gives it back (a confirmed order was cancelled). Products no longer in the catalog and untracked stock are
 * left alone.
 *
 * @throws {InsufficientStockError} when taking more than is on hand.
 */
export async function moveStock(scope: CommandScope, order: Order, direction: -1 | 1): Promise<void> {
  for (const item of order.items) {
    const product = await scope.tx.products.findById(order.organizationId, item.productId);
    if (!product || product.stock === null) continue;
    product.adjustStock(scope.now, direction * item.quantity);
    await scope.save(scope.tx.products, product);
  }
}
