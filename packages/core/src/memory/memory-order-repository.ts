import { Order } from '../domain/order.js';
import type { OrderSnapshot } from '../domain/order-snapshot.js';
import type { OrderQuery, OrderRepository, Page } from '../ports/repositories.js';
import { MemoryAggregateRepository, newestFirst } from './memory-aggregate-repository.js';

const ORDER = newestFirst<OrderSnapshot>();

/**
 * The embedded `OrderRepository`: orders kept as snapshots in memory, saved with compare-and-set on the
 * version. Use `within(tx)` inside a `MemoryUnitOfWork` (or take `createMemoryStores`, which wires it).
 *
 * @example
 * ```ts
 * const orders = new MemoryOrderRepository();
 * await orders.save(order); // version 0 → 1
 * const page = await orders.list('org_1', { statuses: ['CONFIRMED'], limit: 20 });
 * ```
 */
export class MemoryOrderRepository
  extends MemoryAggregateRepository<Order, OrderSnapshot>
  implements OrderRepository
{
  constructor() {
    super({ what: 'Order', fromSnapshot: (snapshot) => Order.fromSnapshot(snapshot) });
  }

  async list(organizationId: string, query: OrderQuery = {}): Promise<Page<Order>> {
    const { customerId, statuses } = query;
    const rows = this.rows(organizationId).filter(
      (row) =>
        (customerId === undefined || row.customerId === customerId) &&
        (statuses === undefined || statuses.includes(row.status)),
    );
    return this.page(rows, ORDER, query);
  }
}
