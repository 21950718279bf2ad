import { Customer } from '../domain/customer.js';
import type { DomainEvent } from '../domain/domain-event.js';
import { Money } from '../domain/money.js';
import { Product } from '../domain/product.js';
import { createMemoryStores, type MemoryStores } from '../memory/memory-stores.js';
import type { CommerceTransaction } from '../ports/repositories.js';
import type { OutboxMessage, UnitOfWork } from '../ports/unit-of-work.js';
import { CapturingLogger } from '../testing/capturing-logger.js';
import { ManualClock } from '../testing/manual-clock.js';
import { SequentialIdGenerator } from '../testing/sequential-id-generator.js';
import type { ApplicationDeps } from './application-deps.js';
import { BotEventBus } from './bot-events.js';
import { type Application, createApplication } from './create-application.js';

/** A bus that also keeps every event it emitted, in order, for assertions. */
export class RecordingEventBus extends BotEventBus {
  readonly emitted: DomainEvent[] = [];

  override emitAll(events: readonly DomainEvent[]): void {
    this.emitted.push(...events);
    super.emitAll(events);
  }

  /** The names of the events emitted so far. */
  get types(): string[] {
    return this.emitted.map((event) => event.type);
  }
}

/** Everything a test of the application layer works with, over the memory stores. */
export interface ApplicationHarness {
  readonly app: Application;
  readonly stores: MemoryStores;
  readonly clock: ManualClock;
  readonly ids: SequentialIdGenerator;
  readonly events: RecordingEventBus;
  readonly logger: CapturingLogger;
  readonly deps: ApplicationDeps;
  /** Takes every committed, unrelayed outbox message (and marks them relayed). */
  drainOutbox(): Promise<OutboxMessage[]>;
  /** Adds a product to the catalog of `organizationId` (default org_1); price in minor units of INR. */
  addProduct(input: {
    id: string;
    price?: number;
    stock?: number | null;
    active?: boolean;
    organizationId?: string;
  }): Promise<Product>;
  /** Adds a customer (opted in unless told otherwise) to `organizationId` (default org_1). */
  addCustomer(input: {
    id: string;
    phone: string;
    tags?: string[];
    optedIn?: boolean;
    organizationId?: string;
  }): Promise<Customer>;
}

/** The time every harness starts at: 1 March 2026, 09:00 UTC. */
export const START = Date.parse('2026-03-01T09:00:00Z');

/**
 * Builds the application over fresh memory stores with a manual clock and sequential ids. `wrapUnitOfWork`
 * lets a test put a spy or a fault between the commands and the real transactions.
 */
export function createApplicationHarness(
  options: {
    conflictRetries?: number;
    wrapUnitOfWork?: (inner: UnitOfWork<CommerceTransaction>) => UnitOfWork<CommerceTransaction>;
  } = {},
): ApplicationHarness {
  const clock = new ManualClock(START);
  const stores = createMemoryStores({ clock });
  const ids = new SequentialIdGenerator();
  const logger = new CapturingLogger();
  const events = new RecordingEventBus({ logger });
  const deps: ApplicationDeps = {
    unitOfWork: options.wrapUnitOfWork ? options.wrapUnitOfWork(stores.unitOfWork) : stores.unitOfWork,
    repositories: stores.repositories,
    clock,
    ids,
    events,
    logger,
    ...(options.conflictRetries === undefined ? {} : { conflictRetries: options.conflictRetries }),
  };
  return {
    app: createApplication(deps),
    stores,
    clock,
    ids,
    events,
    logger,
    deps,
    drainOutbox: async () => {
      const batch = await stores.outbox.claimBatch({ limit: 1000 });
      await stores.outbox.markRelayed(batch.map((message) => message.id));
      return batch;
    },
    addProduct: async ({ id, price = 45_000, stock = null, active = true, organizationId = 'org_1' }) => {
      const product = Product.create({
        id,
        organizationId,
        sku: id.toUpperCase(),
        name: `Product ${id}`,
        price: Money.of(price, 'INR'),
        stock,
        active,
        now: clock.now(),
      });
      await stores.repositories.products.save(product);
      return product;
    },
    addCustomer: async ({ id, phone, tags = [], optedIn = true, organizationId = 'org_1' }) => {
      const customer = Customer.create({ id, organizationId, phone, tags, optedIn, now: clock.now() });
      await stores.repositories.customers.save(customer);
      return customer;
    },
  };
}

/**
 * Wraps a unit of work so that the first `parties` transactions to call `orders.getById` all wait there
 * until every one of them has read: they then all hold the same version, and all but one must conflict.
 */
export function barrierOnOrderLoad(parties: number) {
  let arrived = 0;
  let open!: () => void;
  const opened = new Promise<void>((resolve) => {
    open = resolve;
  });
  return (inner: UnitOfWork<CommerceTransaction>): UnitOfWork<CommerceTransaction> => ({
    run: (work) =>
      inner.run((tx) =>
        work({
          ...tx,
          orders: Object.assign(Object.create(tx.orders) as CommerceTransaction['orders'], {
            getById: async (organizationId: string, id: string) => {
              const order = await tx.orders.getById(organizationId, id);
              if (arrived < parties) {
                arrived += 1;
                if (arrived === parties) open();
                await opened;
              }
              return order;
            },
          }),
        }),
      ),
  });
}
