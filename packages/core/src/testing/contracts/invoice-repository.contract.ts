import { describe, expect, it } from 'vitest';
import { ConflictError } from '../../domain/errors.js';
import { Invoice } from '../../domain/invoice.js';
import type { InvoiceSnapshot } from '../../domain/invoice-snapshot.js';
import type { InvoiceQuery } from '../../ports/repositories.js';
import { describeAggregateBasics, useRepositoriesHarness } from './aggregate-repository.contract.js';
import { describeNewestFirstListing } from './listing-repository.contract.js';
import {
  anInvoice,
  CONTRACT_EPOCH,
  idsOf,
  type RepositoriesHarnessFactory,
  readAllPages,
  saveAll,
} from './repository-contract-support.js';

/**
 * Registers the behavioural tests every `InvoiceRepository` must pass: the shared aggregate-repository rules,
 * `list` (newest first, filters, keyset pages) and `findByOrderId` with its rule of at most one invoice per
 * order that is not VOID (a second one is a `ConflictError`, also when two race).
 *
 * @example
 * ```ts
 * describeInvoiceRepositoryContract('MemoryInvoiceRepository', () => createMemoryStores());
 * ```
 */
export function describeInvoiceRepositoryContract(
  name: string,
  createHarness: RepositoriesHarnessFactory,
): void {
  describe(`${name} (InvoiceRepository contract)`, () => {
    const context = useRepositoriesHarness(createHarness);
    const invoices = () => context.harness().repositories.invoices;
    const names = () => context.names();

    describeAggregateBasics<Invoice>(
      {
        what: 'invoice',
        repository: (repositories) => repositories.invoices,
        create: (_names, organizationId, id) => anInvoice(organizationId, id),
        change: (invoice, variant) => invoice.issue(CONTRACT_EPOCH + variant * 1000),
        fromSnapshot: (snapshot: InvoiceSnapshot) => Invoice.fromSnapshot(snapshot),
      },
      context,
    );

    describeNewestFirstListing<Invoice>(
      {
        what: 'invoice',
        create: (organizationId, id, createdAt) => anInvoice(organizationId, id, { createdAt }),
        save: (invoice) => invoices().save(invoice),
        list: (organizationId, page) => invoices().list(organizationId, page),
      },
      context,
    );

    describe('findByOrderId', () => {
      it('finds the invoice of an order, and null for an order without one or in another organization', async () => {
        const org = names().org();
        const orderId = names().id('ord');
        const invoice = anInvoice(org, names().id('inv'), { orderId });
        await invoices().save(invoice);
        expect((await invoices().findByOrderId(org, orderId))?.toSnapshot()).toEqual(invoice.toSnapshot());
        expect(await invoices().findByOrderId(org, names().id('ord'))).toBeNull();
        expect(await invoices().findByOrderId(names().org('b'), orderId)).toBeNull();
      });

      it('refuses a second live invoice for one order, and allows one after the first is voided', async () => {
        const org = names().org();
        const orderId = names().id('ord');
        const first = anInvoice(org, names().id('inv'), { orderId });
        await invoices().save(first);
        const second = anInvoice(org, names().id('inv'), { orderId });
        await expect(invoices().save(second)).rejects.toBeInstanceOf(ConflictError);
        expect(await invoices().findById(org, second.id)).toBeNull();

        first.void(CONTRACT_EPOCH + 1000, 'wrong address');
        await invoices().save(first);
        expect(await invoices().findByOrderId(org, orderId)).toBeNull();
        const replacement = anInvoice(org, names().id('inv'), { orderId });
        await invoices().save(replacement);
        expect((await invoices().findByOrderId(org, orderId))?.id).toBe(replacement.id);
        expect((await invoices().getById(org, first.id)).status).toBe('VOID');
      });

      it('lets the same order id have a live invoice in each organization', async () => {
        const orderId = names().id('ord');
        const inA = anInvoice(names().org('a'), names().id('inv'), { orderId });
        const inB = anInvoice(names().org('b'), names().id('inv'), { orderId });
        await saveAll((invoice: Invoice) => invoices().save(invoice), [inA, inB]);
        expect((await invoices().findByOrderId(names().org('a'), orderId))?.id).toBe(inA.id);
        expect((await invoices().findByOrderId(names().org('b'), orderId))?.id).toBe(inB.id);
      });

      it('lets exactly one of two racing invoices for one order be saved', async () => {
        const org = names().org();
        const orderId = names().id('ord');
        const contenders = [
          anInvoice(org, names().id('inv'), { orderId }),
          anInvoice(org, names().id('inv'), { orderId }),
        ];
        const results = await Promise.allSettled(contenders.map((invoice) => invoices().save(invoice)));
        expect(results.filter((result) => result.status === 'fulfilled')).toHaveLength(1);
        const rejected = results.find((result) => result.status === 'rejected') as PromiseRejectedResult;
        expect(rejected.reason).toBeInstanceOf(ConflictError);
        const winner = contenders[results.findIndex((result) => result.status === 'fulfilled')];
        expect((await invoices().findByOrderId(org, orderId))?.id).toBe(winner?.id);
      });
    });

    describe('list filters', () => {
      it('filters by customer and statuses, newest first, and pages within the filter', async () => {
        const org = names().org();
        const make = (customerId: string, minutes: number, issued: boolean) => {
          const at = CONTRACT_EPOCH + minutes * 60_000;
          const invoice = anInvoice(org, names().id('inv'), { customerId, createdAt: at });
          if (issued) invoice.issue(at);
          return invoice;
        };
        const ana1 = make('cus_ana', 1, true);
        const ana2 = make('cus_ana', 2, false);
        const bo1 = make('cus_bo', 3, true);
        const bo2 = make('cus_bo', 4, false);
        await saveAll((invoice: Invoice) => invoices().save(invoice), [ana1, ana2, bo1, bo2]);
        await invoices().save(anInvoice(names().org('b'), names().id('inv'), { customerId: 'cus_ana' }));

        const ids = async (query: InvoiceQuery) => idsOf((await invoices().list(org, query)).items);
        expect(await ids({ customerId: 'cus_ana' })).toEqual(idsOf([ana2, ana1]));
        expect(await ids({ statuses: ['ISSUED'] })).toEqual(idsOf([bo1, ana1]));
        expect(await ids({ customerId: 'cus_bo', statuses: ['DRAFT'] })).toEqual(idsOf([bo2]));
        expect(await ids({ statuses: ['PAID', 'VOID'] })).toEqual([]);
        const paged = await readAllPages(
          (page) => invoices().list(org, { ...page, statuses: ['ISSUED', 'DRAFT'] }),
          1,
        );
        expect(idsOf(paged.items)).toEqual(idsOf([bo2, bo1, ana2, ana1]));
      });
    });
  });
}
