import { Invoice } from '../domain/invoice.js';
import type { InvoiceSnapshot } from '../domain/invoice-snapshot.js';
import type { InvoiceQuery, InvoiceRepository, Page } from '../ports/repositories.js';
import { MemoryAggregateRepository, newestFirst } from './memory-aggregate-repository.js';

const ORDER = newestFirst<InvoiceSnapshot>();

/**
 * The embedded `InvoiceRepository`. An order has at most one invoice that is not VOID: saving a second
 * one throws `UniqueKeyConflictError` (a `ConflictError`), so two racing "invoice this order" commands
 * cannot both issue one; voiding the first frees the order for a new invoice.
 *
 * @example
 * ```ts
 * const invoices = new MemoryInvoiceRepository();
 * await invoices.save(invoice);
 * await invoices.findByOrderId('org_1', invoice.orderId); // the invoice
 * ```
 */
export class MemoryInvoiceRepository
  extends MemoryAggregateRepository<Invoice, InvoiceSnapshot>
  implements InvoiceRepository
{
  constructor() {
    super({
      what: 'Invoice',
      fromSnapshot: (snapshot) => Invoice.fromSnapshot(snapshot),
      uniqueKeys: (row) =>
        row.status === 'VOID'
          ? []
          : [
              {
                key: `order\u0000${row.organizationId}\u0000${row.orderId}`,
                label: `a live invoice for order ${row.orderId}`,
              },
            ],
    });
  }

  /** The order's invoice that is not VOID, or `null` (also when every invoice of the order was voided). */
  async findByOrderId(organizationId: string, orderId: string): Promise<Invoice | null> {
    const row = this.rows(organizationId).find((each) => each.orderId === orderId && each.status !== 'VOID');
    return row ? this.rebuild(row) : null;
  }

  async list(organizationId: string, query: InvoiceQuery = {}): Promise<Page<Invoice>> {
    const { customerId, statuses } = query;
    const rows = this.rows(organizationId).filter(
      (row) =>
        (customerId === undefined || row.customerId === customerId) &&
        (statuses === undefined || statuses.includes(row.status)),
    );
    return this.page(rows, ORDER, query);
  }
}
