import { DomainError } from '../domain/errors.js';

/** Why a product cannot go into an order. */
export type ProductUnavailableReason = 'unknown' | 'inactive';

/**
 * A product asked for is not in the organization's catalog, or is not on sale. Code `PRODUCT_UNAVAILABLE`;
 * `details.reason` says which.
 */
export class ProductUnavailableError extends DomainError {
  readonly productId: string;
  readonly reason: ProductUnavailableReason;

  constructor(productId: string, reason: ProductUnavailableReason, name?: string) {
    super(
      'PRODUCT_UNAVAILABLE',
      reason === 'unknown'
        ? `Product ${productId} is not in the catalog; check the product id.`
        : `Product ${productId}${name ? ` (${name})` : ''} is not on sale right now; leave it out of the order or make it active in the catalog.`,
      { details: { productId, reason } },
    );
    this.productId = productId;
    this.reason = reason;
  }
}
