import type { Clock } from '../ports/clock.js';
import type { CommerceTransaction, Repositories } from '../ports/repositories.js';
import { MemoryCampaignRepository } from './memory-campaign-repository.js';
import { MemoryCustomerRepository } from './memory-customer-repository.js';
import { MemoryInvoiceNumberSequence } from './memory-invoice-number-sequence.js';
import { MemoryInvoiceRepository } from './memory-invoice-repository.js';
import { MemoryOrderRepository } from './memory-order-repository.js';
import { MemoryOutbox } from './memory-outbox.js';
import { MemoryProductCatalog } from './memory-product-catalog.js';
import { MemoryReminderRepository } from './memory-reminder-repository.js';
import { MemoryUnitOfWork } from './memory-unit-of-work.js';

/** Options of {@link createMemoryStores}. */
export interface MemoryStoresOptions {
  /** The outbox's clock (claim leases are measured on it); the system clock when omitted. */
  readonly clock?: Clock;
}

/** Every embedded store of a commerce bot, sharing one state, and the unit of work that spans them. */
export interface MemoryStores {
  /** The repositories outside any transaction: each save commits at once. */
  readonly repositories: Repositories;
  /** Transactions over every repository, the invoice numbers and the outbox, all-or-nothing. */
  readonly unitOfWork: MemoryUnitOfWork<CommerceTransaction>;
  /** The relay's side of the outbox the transactions append to. */
  readonly outbox: MemoryOutbox;
  /** The invoice-number sequence the transactions draw from (`peek` shows the last committed number). */
  readonly invoiceNumbers: MemoryInvoiceNumberSequence;
}

/**
 * The embedded persistence of chatcart in one call: the six repositories, the outbox and the invoice-number
 * sequence, plus a `MemoryUnitOfWork` whose transactions see all of them as a `CommerceTransaction`. For
 * tests, demos and single-process bots; state lives as long as the object.
 *
 * @example
 * ```ts
 * const stores = createMemoryStores({ clock });
 * await stores.unitOfWork.run(async (tx) => {
 *   const order = await tx.orders.getById('org_1', 'ord_1');
 *   order.confirm(clock.now());
 *   await tx.orders.save(order);
 *   await tx.outbox.append({ id: 'evt_1', organizationId: 'org_1', topic: 'order.confirmed', payload: { orderId: order.id }, occurredAt: clock.now() });
 * });
 * await stores.repositories.orders.getById('org_1', 'ord_1'); // CONFIRMED
 * ```
 */
export function createMemoryStores(options: MemoryStoresOptions = {}): MemoryStores {
  const repositories = {
    orders: new MemoryOrderRepository(),
    invoices: new MemoryInvoiceRepository(),
    reminders: new MemoryReminderRepository(),
    campaigns: new MemoryCampaignRepository(),
    customers: new MemoryCustomerRepository(),
    products: new MemoryProductCatalog(),
  };
  const outbox = new MemoryOutbox(options.clock ? { clock: options.clock } : {});
  const invoiceNumbers = new MemoryInvoiceNumberSequence();
  const unitOfWork = new MemoryUnitOfWork<CommerceTransaction>((tx) => ({
    orders: repositories.orders.within(tx),
    invoices: repositories.invoices.within(tx),
    reminders: repositories.reminders.within(tx),
    campaigns: repositories.campaigns.within(tx),
    customers: repositories.customers.within(tx),
    products: repositories.products.within(tx),
    invoiceNumbers: invoiceNumbers.within(tx),
    outbox: outbox.within(tx),
  }));
  return { repositories, unitOfWork, outbox, invoiceNumbers };
}
