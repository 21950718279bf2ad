import type { CommerceTransaction, Outbox, Repositories, UnitOfWork } from '@chatcart/core';
import type pg from 'pg';
import { type MigrationResult, migrate } from './migrations.js';
import { campaignTable, PostgresCampaignRepository } from './postgres-campaign-repository.js';
import { customerTable, PostgresCustomerRepository } from './postgres-customer-repository.js';
import { PostgresInvoiceNumbers } from './postgres-invoice-number-sequence.js';
import { invoiceTable, PostgresInvoiceRepository } from './postgres-invoice-repository.js';
import { orderTable, PostgresOrderRepository } from './postgres-order-repository.js';
import { PostgresOutbox, PostgresOutboxWriter } from './postgres-outbox.js';
import { PostgresProductCatalog, productTable } from './postgres-product-catalog.js';
import { PostgresReminderRepository, reminderTable } from './postgres-reminder-repository.js';
import { PostgresUnitOfWork } from './postgres-unit-of-work.js';
import { DEFAULT_SCHEMA, quoteSchema } from './schema-name.js';
import { PoolExecutor, type SqlExecutor } from './sql-executor.js';

/** Options of {@link createPostgresStores}. */
export interface PostgresStoresOptions {
  /**
   * The host's node-postgres pool. The stores never end it. Size it for the transactions you run at once:
   * each `unitOfWork.run` holds one client until it commits.
   */
  readonly pool: pg.Pool;
  /** The schema holding chatcart's tables, so they can live inside an existing database; `chatcart` unless given. */
  readonly schema?: string;
  /**
   * Runs every statement as a named prepared statement, parsed and planned once per connection; `true`
   * unless given. Turn it off behind a connection pooler that cannot keep prepared statements (PgBouncer in
   * transaction mode before 1.21).
   */
  readonly prepareStatements?: boolean;
}

/** chatcart's system of record on PostgreSQL, as {@link createPostgresStores} returns it. */
export interface PostgresStores {
  /** The repositories outside any transaction: each save commits at once. */
  readonly repositories: Repositories;
  /** Transactions over every repository, the invoice numbers and the outbox, all-or-nothing. */
  readonly unitOfWork: UnitOfWork<CommerceTransaction>;
  /** The relay's side of the outbox the transactions append to. */
  readonly outbox: Outbox;
  /** The invoice-number counters (`peek` shows the last committed number; draw through `tx.invoiceNumbers`). */
  readonly invoiceNumbers: PostgresInvoiceNumbers;
  /** The schema in use. */
  readonly schema: string;
  /** Creates the schema when missing and applies pending migrations; safe to call from every app instance at start. */
  migrate(): Promise<MigrationResult>;
}

/**
 * The PostgreSQL persistence of chatcart in one call: the six repositories, the outbox and the gap-free
 * invoice numbers, plus the unit of work whose transactions see all of them as a `CommerceTransaction`.
 * Every statement is parameterized and scoped to the organization it is given.
 *
 * @example
 * ```ts
 * import pg from 'pg';
 * import { createPostgresStores } from '@chatcart/store-postgres';
 *
 * const pool = new pg.Pool({ connectionString: process.env.DATABASE_URL, max: 10 });
 * const stores = createPostgresStores({ pool }); // schema "chatcart"
 * await stores.migrate();
 * await stores.unitOfWork.run(async (tx) => {
 *   const order = await tx.orders.getById('org_1', 'ord_1');
 *   order.confirm(Date.now());
 *   await tx.orders.save(order);
 *   await tx.outbox.append({ id: 'evt_1', organizationId: 'org_1', topic: 'order.confirmed', payload: { orderId: order.id }, occurredAt: Date.now() });
 * });
 * ```
 * @throws {ValidationError} when the schema name is not a plain lower-case identifier.
 */
export function createPostgresStores(options: PostgresStoresOptions): PostgresStores {
  const schema = options.schema ?? DEFAULT_SCHEMA;
  const quoted = quoteSchema(schema);
  const tables = {
    orders: orderTable(quoted),
    invoices: invoiceTable(quoted),
    reminders: reminderTable(quoted),
    campaigns: campaignTable(quoted),
    customers: customerTable(quoted),
    products: productTable(quoted),
  };
  const repositoriesOn = (db: SqlExecutor): Repositories => ({
    orders: new PostgresOrderRepository(db, tables.orders),
    invoices: new PostgresInvoiceRepository(db, tables.invoices),
    reminders: new PostgresReminderRepository(db, tables.reminders),
    campaigns: new PostgresCampaignRepository(db, tables.campaigns),
    customers: new PostgresCustomerRepository(db, tables.customers),
    products: new PostgresProductCatalog(db, tables.products),
  });
  const prepare = options.prepareStatements ?? true;
  const poolExecutor = new PoolExecutor(options.pool, prepare);
  const invoiceNumbers = new PostgresInvoiceNumbers(poolExecutor, quoted);
  const unitOfWork = new PostgresUnitOfWork(
    options.pool,
    (tx) => ({
      ...repositoriesOn(tx),
      invoiceNumbers: invoiceNumbers.within(tx),
      outbox: new PostgresOutboxWriter(tx, quoted),
    }),
    prepare,
  );
  return {
    repositories: repositoriesOn(poolExecutor),
    unitOfWork,
    outbox: new PostgresOutbox(poolExecutor, quoted),
    invoiceNumbers,
    schema,
    migrate: () => migrate(options.pool, schema),
  };
}
