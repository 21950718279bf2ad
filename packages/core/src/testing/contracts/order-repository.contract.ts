import { describe, expect, it } from 'vitest';
import { Order } from '../../domain/order.js';
import type { OrderSnapshot } from '../../domain/order-snapshot.js';
import type { OrderQuery } from '../../ports/repositories.js';
import { describeAggregateBasics, useRepositoriesHarness } from './aggregate-repository.contract.js';
import { describeNewestFirstListing } from './listing-repository.contract.js';
import {
  anOrder,
  CONTRACT_EPOCH,
  idsOf,
  type RepositoriesHarnessFactory,
  saveAll,
  usd,
} from './repository-contract-support.js';

/**
 * Registers the behavioural tests every `OrderRepository` must pass: the shared aggregate-repository rules
 * (compare-and-set, races, organization isolation, transactions) and `list` (newest first, filters, keyset
 * pages). Each test works in organizations of its own, so adapters may run it against a shared database.
 *
 * @example
 * ```ts
 * describeOrderRepositoryContract('MemoryOrderRepository', () => createMemoryStores());
 * ```
 */
export function describeOrderRepositoryContract(
  name: string,
  createHarness: RepositoriesHarnessFactory,
): void {
  describe(`${name} (OrderRepository contract)`, () => {
    const context = useRepositoriesHarness(createHarness);
    const orders = () => context.harness().repositories.orders;

    describeAggregateBasics<Order>(
      {
        what: 'order',
        repository: (repositories) => repositories.orders,
        create: (_names, organizationId, id) => anOrder(organizationId, id),
        change: (order, variant) =>
          order.addItem(
            {
              productId: `prd_${variant}`,
              name: `Beans ${variant}`,
              unitPrice: usd('1.25'),
              quantity: variant,
            },
            CONTRACT_EPOCH + variant,
          ),
        fromSnapshot: (snapshot: OrderSnapshot) => Order.fromSnapshot(snapshot),
      },
      context,
    );

    describeNewestFirstListing<Order>(
      {
        what: 'order',
        create: (organizationId, id, createdAt) => anOrder(organizationId, id, { createdAt }),
        save: (order) => orders().save(order),
        list: (organizationId, page) => orders().list(organizationId, page),
      },
      context,
    );

    describe('list filters', () => {
      it('filters by customer, by statuses, and by both, newest first', async () => {
        const org = context.names().org();
        const make = (customerId: string, minutes: number, confirmed: boolean) => {
          const order = anOrder(org, context.names().id('ord'), {
            customerId,
            createdAt: CONTRACT_EPOCH + minutes * 60_000,
          });
          if (confirmed) order.confirm(CONTRACT_EPOCH + minutes * 60_000);
          return order;
        };
        const ana1 = make('cus_ana', 1, true);
        const ana2 = make('cus_ana', 2, false);
        const bo1 = make('cus_bo', 3, true);
        const bo2 = make('cus_bo', 4, false);
        await saveAll((order: Order) => orders().save(order), [ana1, ana2, bo1, bo2]);
        // Another organization's order of a customer with the same id is never listed.
        await orders().save(
          anOrder(context.names().org('b'), context.names().id('ord'), { customerId: 'cus_ana' }),
        );

        const ids = async (query: OrderQuery) => idsOf((await orders().list(org, query)).items);
        expect(await ids({ customerId: 'cus_ana' })).toEqual(idsOf([ana2, ana1]));
        expect(await ids({ statuses: ['CONFIRMED'] })).toEqual(idsOf([bo1, ana1]));
        expect(await ids({ statuses: ['CONFIRMED', 'DRAFT'] })).toEqual(idsOf([bo2, bo1, ana2, ana1]));
        expect(await ids({ customerId: 'cus_bo', statuses: ['DRAFT'] })).toEqual(idsOf([bo2]));
        expect(await ids({ customerId: 'cus_nobody' })).toEqual([]);
        expect(await ids({ statuses: ['SHIPPED'] })).toEqual([]);
      });
    });
  });
}
