import {
  Order,
  type OrderItemSnapshot,
  type OrderQuery,
  type OrderRepository,
  type OrderSnapshot,
  type OrderStatus,
  type Page,
} from '@chatcart/core';
import { AggregateTable, type AggregateTableSpec, newestFirst } from './aggregate-table.js';
import { ListFilterBuilder, PostgresAggregateRepository } from './postgres-aggregate-repository.js';
import type { SqlExecutor, SqlRow } from './sql-executor.js';

const SPEC: AggregateTableSpec<Order, OrderSnapshot> = {
  what: 'Order',
  table: 'orders',
  columns: [
    { name: 'customer_id', kind: 'text', value: (s) => s.customerId },
    { name: 'status', kind: 'text', value: (s) => s.status },
    { name: 'currency', kind: 'text', value: (s) => s.currency },
    { name: 'total_minor', kind: 'bigint', value: (_, order) => order.total.amountMinor },
    { name: 'items', kind: 'jsonb', value: (s) => s.items },
    { name: 'tracking_number', kind: 'text', value: (s) => s.trackingNumber },
    { name: 'cancellation_reason', kind: 'text', value: (s) => s.cancellationReason },
    { name: 'created_at', kind: 'timestamp', value: (s) => s.createdAt },
    { name: 'updated_at', kind: 'timestamp', value: (s) => s.updatedAt },
    { name: 'confirmed_at', kind: 'timestamp', value: (s) => s.confirmedAt },
    { name: 'processing_started_at', kind: 'timestamp', value: (s) => s.processingStartedAt },
    { name: 'shipped_at', kind: 'timestamp', value: (s) => s.shippedAt },
    { name: 'delivered_at', kind: 'timestamp', value: (s) => s.deliveredAt },
    { name: 'cancelled_at', kind: 'timestamp', value: (s) => s.cancelledAt },
  ],
  toSnapshot: (row: SqlRow): OrderSnapshot => ({
    id: row.id as string,
    organizationId: row.organization_id as string,
    version: row.version as number,
    customerId: row.customer_id as string,
    currency: row.currency as string,
    status: row.status as OrderStatus,
    items: row.items as OrderItemSnapshot[],
    trackingNumber: row.tracking_number as string | null,
    cancellationReason: row.cancellation_reason as string | null,
    createdAt: row.created_at as number,
    updatedAt: row.updated_at as number,
    confirmedAt: row.confirmed_at as number | null,
    processingStartedAt: row.processing_started_at as number | null,
    shippedAt: row.shipped_at as number | null,
    deliveredAt: row.delivered_at as number | null,
    cancelledAt: row.cancelled_at as number | null,
  }),
  fromSnapshot: (snapshot) => Order.fromSnapshot(snapshot),
};

const NEWEST_FIRST = newestFirst<OrderSnapshot>();

/** The orders table of a schema (internal; built once per store). */
export function orderTable(quotedSchema: string): AggregateTable<Order, OrderSnapshot> {
  return new AggregateTable(SPEC, quotedSchema);
}

/**
 * The `OrderRepository` on PostgreSQL: one row per order with its status, customer, total (bigint minor
 * units beside the currency) and lifecycle times as columns and its items as jsonb; saves compare-and-set
 * on `version`.
 *
 * Get one from {@link createPostgresStores} (`stores.repositories.orders`, or `tx.orders` in a transaction).
 */
export class PostgresOrderRepository
  extends PostgresAggregateRepository<Order, OrderSnapshot>
  implements OrderRepository
{
  /** @internal Built by `createPostgresStores`. */
  constructor(db: SqlExecutor, table: AggregateTable<Order, OrderSnapshot>) {
    super(db, table);
  }

  async list(organizationId: string, query: OrderQuery = {}): Promise<Page<Order>> {
    const filter = new ListFilterBuilder()
      .equals('customer_id', query.customerId)
      .oneOf('status', query.statuses);
    return this.page(organizationId, filter, NEWEST_FIRST, query, 'list orders');
  }
}
