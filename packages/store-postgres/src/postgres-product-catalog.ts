import {
  type MoneySnapshot,
  type Page,
  Product,
  type ProductCatalog,
  type ProductQuery,
  type ProductSnapshot,
} from '@chatcart/core';
import { AggregateTable, type AggregateTableSpec, type KeysetOrder } from './aggregate-table.js';
import { ListFilterBuilder, PostgresAggregateRepository } from './postgres-aggregate-repository.js';
import type { SqlExecutor, SqlRow } from './sql-executor.js';

/**
 * SKUs compare case-insensitively. The key is lower-cased here rather than with SQL `lower()`, so it is
 * exactly the key the in-memory catalog uses whatever the database's locale.
 */
function skuKey(sku: string): string {
  return sku.toLowerCase();
}

const SPEC: AggregateTableSpec<Product, ProductSnapshot> = {
  what: 'Product',
  table: 'products',
  columns: [
    { name: 'sku', kind: 'text', value: (s) => s.sku },
    { name: 'sku_key', kind: 'text', value: (s) => skuKey(s.sku) },
    { name: 'name', kind: 'text', value: (s) => s.name },
    { name: 'aliases', kind: 'text[]', value: (s) => [...s.aliases] },
    { name: 'price_minor', kind: 'bigint', value: (s) => s.price.amountMinor },
    { name: 'currency', kind: 'text', value: (s) => s.price.currency },
    { name: 'stock', kind: 'integer', value: (s) => s.stock },
    { name: 'active', kind: 'boolean', value: (s) => s.active },
    { name: 'created_at', kind: 'timestamp', value: (s) => s.createdAt },
    { name: 'updated_at', kind: 'timestamp', value: (s) => s.updatedAt },
  ],
  toSnapshot: (row: SqlRow): ProductSnapshot => ({
    id: row.id as string,
    organizationId: row.organization_id as string,
    version: row.version as number,
    sku: row.sku as string,
    name: row.name as string,
    aliases: row.aliases as string[],
    price: { amountMinor: row.price_minor, currency: row.currency } as MoneySnapshot,
    stock: row.stock as number | null,
    active: row.active as boolean,
    createdAt: row.created_at as number,
    updatedAt: row.updated_at as number,
  }),
  fromSnapshot: (snapshot) => Product.fromSnapshot(snapshot),
  uniqueKeys: [{ column: 'sku_key', label: (s) => `SKU ${s.sku}` }],
};

/** SKU order (case-insensitive), then id. */
const SKU_ORDER: KeysetOrder<ProductSnapshot> = {
  columns: [
    { name: 'sku_key', kind: 'text' },
    { name: 'id', kind: 'text' },
  ],
  direction: 'asc',
  key: (s) => [skuKey(s.sku), s.id],
};

/** The products table of a schema (internal; built once per store). */
export function productTable(quotedSchema: string): AggregateTable<Product, ProductSnapshot> {
  return new AggregateTable(SPEC, quotedSchema);
}

/**
 * The `ProductCatalog` on PostgreSQL: price as bigint minor units beside the currency, aliases as `text[]`,
 * one product per SKU and organization compared case-insensitively (a unique index on the lower-cased SKU;
 * a second product with it gets a `UniqueKeyConflictError`, a `ConflictError`).
 *
 * Get one from {@link createPostgresStores} (`stores.repositories.products`, or `tx.products`).
 */
export class PostgresProductCatalog
  extends PostgresAggregateRepository<Product, ProductSnapshot>
  implements ProductCatalog
{
  /** @internal Built by `createPostgresStores`. */
  constructor(db: SqlExecutor, table: AggregateTable<Product, ProductSnapshot>) {
    super(db, table);
  }

  async findBySku(organizationId: string, sku: string): Promise<Product | null> {
    const rows = await this.db.query(
      `SELECT ${this.table.selectList} FROM ${this.table.name} WHERE organization_id = $1 AND sku_key = $2`,
      [organizationId, skuKey(sku)],
    );
    return rows[0] ? this.rebuild(rows[0]) : null;
  }

  async list(organizationId: string, query: ProductQuery = {}): Promise<Page<Product>> {
    const filter = new ListFilterBuilder().isTrue('active', query.activeOnly);
    return this.page(organizationId, filter, SKU_ORDER, query, 'list products');
  }
}
