import {
  Invoice,
  type InvoiceLineSnapshot,
  type InvoicePaymentSnapshot,
  type InvoiceQuery,
  type InvoiceRepository,
  type InvoiceSnapshot,
  type InvoiceStatus,
  type Page,
} from '@chatcart/core';
import { AggregateTable, type AggregateTableSpec, newestFirst } from './aggregate-table.js';
import { ListFilterBuilder, PostgresAggregateRepository } from './postgres-aggregate-repository.js';
import type { SqlExecutor, SqlRow } from './sql-executor.js';

const SPEC: AggregateTableSpec<Invoice, InvoiceSnapshot> = {
  what: 'Invoice',
  table: 'invoices',
  columns: [
    { name: 'invoice_number', kind: 'text', value: (s) => s.invoiceNumber },
    { name: 'order_id', kind: 'text', value: (s) => s.orderId },
    { name: 'customer_id', kind: 'text', value: (s) => s.customerId },
    { name: 'status', kind: 'text', value: (s) => s.status },
    { name: 'currency', kind: 'text', value: (s) => s.currency },
    { name: 'total_minor', kind: 'bigint', value: (_, invoice) => invoice.total.amountMinor },
    { name: 'paid_minor', kind: 'bigint', value: (_, invoice) => invoice.amountPaid.amountMinor },
    { name: 'payment_terms_days', kind: 'integer', value: (s) => s.paymentTermsDays },
    { name: 'lines', kind: 'jsonb', value: (s) => s.lines },
    { name: 'payments', kind: 'jsonb', value: (s) => s.payments },
    { name: 'due_at', kind: 'timestamp', value: (s) => s.dueAt },
    { name: 'created_at', kind: 'timestamp', value: (s) => s.createdAt },
    { name: 'updated_at', kind: 'timestamp', value: (s) => s.updatedAt },
    { name: 'issued_at', kind: 'timestamp', value: (s) => s.issuedAt },
    { name: 'paid_at', kind: 'timestamp', value: (s) => s.paidAt },
    { name: 'voided_at', kind: 'timestamp', value: (s) => s.voidedAt },
    { name: 'void_reason', kind: 'text', value: (s) => s.voidReason },
  ],
  toSnapshot: (row: SqlRow): InvoiceSnapshot => ({
    id: row.id as string,
    organizationId: row.organization_id as string,
    version: row.version as number,
    invoiceNumber: row.invoice_number as string,
    orderId: row.order_id as string,
    customerId: row.customer_id as string,
    currency: row.currency as string,
    status: row.status as InvoiceStatus,
    lines: row.lines as InvoiceLineSnapshot[],
    payments: row.payments as InvoicePaymentSnapshot[],
    paymentTermsDays: row.payment_terms_days as number,
    dueAt: row.due_at as number | null,
    createdAt: row.created_at as number,
    updatedAt: row.updated_at as number,
    issuedAt: row.issued_at as number | null,
    paidAt: row.paid_at as number | null,
    voidedAt: row.voided_at as number | null,
    voidReason: row.void_reason as string | null,
  }),
  fromSnapshot: (snapshot) => Invoice.fromSnapshot(snapshot),
  uniqueKeys: [
    {
      column: 'order_id',
      label: (s) => `a live invoice for order ${s.orderId}`,
      where: "status <> 'VOID'",
      holds: (s) => s.status !== 'VOID',
    },
  ],
};

const NEWEST_FIRST = newestFirst<InvoiceSnapshot>();

/** The invoices table of a schema (internal; built once per store). */
export function invoiceTable(quotedSchema: string): AggregateTable<Invoice, InvoiceSnapshot> {
  return new AggregateTable(SPEC, quotedSchema);
}

/**
 * The `InvoiceRepository` on PostgreSQL: number, order, customer, status, total and amount paid (bigint
 * minor units beside the currency) and dates as columns, lines and payments as jsonb. A partial unique index
 * keeps one invoice that is not VOID per order, so of two racing "invoice this order" commands one gets a
 * `UniqueKeyConflictError` (a `ConflictError`).
 *
 * Get one from {@link createPostgresStores} (`stores.repositories.invoices`, or `tx.invoices`).
 */
export class PostgresInvoiceRepository
  extends PostgresAggregateRepository<Invoice, InvoiceSnapshot>
  implements InvoiceRepository
{
  /** @internal Built by `createPostgresStores`. */
  constructor(db: SqlExecutor, table: AggregateTable<Invoice, InvoiceSnapshot>) {
    super(db, table);
  }

  async findByOrderId(organizationId: string, orderId: string): Promise<Invoice | null> {
    const rows = await this.db.query(
      `SELECT ${this.table.selectList} FROM ${this.table.name} ` +
        `WHERE organization_id = $1 AND order_id = $2 AND status <> 'VOID'`,
      [organizationId, orderId],
    );
    return rows[0] ? this.rebuild(rows[0]) : null;
  }

  async list(organizationId: string, query: InvoiceQuery = {}): Promise<Page<Invoice>> {
    const filter = new ListFilterBuilder()
      .equals('customer_id', query.customerId)
      .oneOf('status', query.statuses);
    return this.page(organizationId, filter, NEWEST_FIRST, query, 'list invoices');
  }
}
