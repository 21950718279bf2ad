import { describeCampaignRepositoryContract } from './campaign-repository.contract.js';
import { describeCustomerRepositoryContract } from './customer-repository.contract.js';
import { describeInvoiceRepositoryContract } from './invoice-repository.contract.js';
import { describeOrderRepositoryContract } from './order-repository.contract.js';
import { describeProductCatalogContract } from './product-catalog-repository.contract.js';
import { describeReminderRepositoryContract } from './reminder-repository.contract.js';
import type { RepositoriesHarnessFactory } from './repository-contract-support.js';

/**
 * Registers every repository contract (orders, invoices, reminders, campaigns, customers, products) against
 * one store adapter. The harness gives the adapter's `Repositories` and, if it has one, the
 * `UnitOfWork<CommerceTransaction>` over the same data; tests use organizations of their own and never
 * assume an empty store, so a shared database works. The transaction tests write a row from outside while a
 * transaction that read it is open, so reads inside a transaction must not lock rows (compare-and-set guards
 * the writes); a unique value taken twice (phone, SKU, an order's live invoice) must be a `ConflictError`.
 *
 * @example
 * ```ts
 * describeRepositoriesContract('memory stores', () => createMemoryStores());
 * ```
 */
export function describeRepositoriesContract(name: string, createHarness: RepositoriesHarnessFactory): void {
  describeOrderRepositoryContract(name, createHarness);
  describeInvoiceRepositoryContract(name, createHarness);
  describeReminderRepositoryContract(name, createHarness);
  describeCampaignRepositoryContract(name, createHarness);
  describeCustomerRepositoryContract(name, createHarness);
  describeProductCatalogContract(name, createHarness);
}
