import { Product, type ProductSnapshot } from '../domain/product.js';
import type { Page, ProductCatalog, ProductQuery } from '../ports/repositories.js';
import type { SortOrder } from './keyset-page.js';
import { MemoryAggregateRepository } from './memory-aggregate-repository.js';

/** SKUs compare case-insensitively: `rice-5kg` and `RICE-5KG` are one SKU. */
function skuKey(sku: string): string {
  return sku.toLowerCase();
}

/** SKU order (case-insensitive), then id. */
const SKU_ORDER: SortOrder<ProductSnapshot> = [
  { value: (row) => skuKey(row.sku), type: 'string', direction: 'asc' },
  { value: (row) => row.id, type: 'string', direction: 'asc' },
];

/**
 * The embedded `ProductCatalog`: products as snapshots, compare-and-set saves, one product per SKU and
 * organization (case-insensitive; a second throws `UniqueKeyConflictError`, a `ConflictError`).
 *
 * @example
 * ```ts
 * const products = new MemoryProductCatalog();
 * await products.save(Product.create({ id: 'p1', organizationId: 'org_1', sku: 'RICE-5KG', name: 'Rice 5kg', price, now }));
 * await products.findBySku('org_1', 'rice-5kg'); // the product
 * ```
 */
export class MemoryProductCatalog
  extends MemoryAggregateRepository<Product, ProductSnapshot>
  implements ProductCatalog
{
  constructor() {
    super({
      what: 'Product',
      fromSnapshot: (snapshot) => Product.fromSnapshot(snapshot),
      uniqueKeys: (row) => [
        { key: `sku\u0000${row.organizationId}\u0000${skuKey(row.sku)}`, label: `SKU ${row.sku}` },
      ],
    });
  }

  async findBySku(organizationId: string, sku: string): Promise<Product | null> {
    const wanted = skuKey(sku);
    const row = this.rows(organizationId).find((each) => skuKey(each.sku) === wanted);
    return row ? this.rebuild(row) : null;
  }

  async list(organizationId: string, query: ProductQuery = {}): Promise<Page<Product>> {
    const rows = query.activeOnly
      ? this.rows(organizationId).filter((row) => row.active)
      : this.rows(organizationId);
    return this.page(rows, SKU_ORDER, query);
  }
}
