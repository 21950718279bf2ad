/**
 * `@chatcart/store-postgres`: chatcart's system of record on PostgreSQL — repositories for every aggregate,
 * the unit of work with its transactional outbox, gap-free invoice numbers, and the migrations that create
 * the schema.
 *
 * @example
 * ```ts
 * import pg from 'pg';
 * import { createPostgresStores } from '@chatcart/store-postgres';
 *
 * const stores = createPostgresStores({ pool: new pg.Pool({ connectionString: process.env.DATABASE_URL }) });
 * await stores.migrate();
 * ```
 *
 * @packageDocumentation
 */
export {
  createPostgresStores,
  type PostgresStores,
  type PostgresStoresOptions,
} from './create-postgres-stores.js';
export { MigrationError, StoredValueOutOfRangeError, TransactionEndedError } from './errors.js';
export { MIGRATIONS, type Migration, type MigrationResult, migrate } from './migrations.js';
export { OutboxRelay, type OutboxRelayOptions, type RelayTarget } from './outbox-relay.js';
export { PostgresCampaignRepository } from './postgres-campaign-repository.js';
export { PostgresCustomerRepository } from './postgres-customer-repository.js';
export { PostgresInvoiceNumbers } from './postgres-invoice-number-sequence.js';
export { PostgresInvoiceRepository } from './postgres-invoice-repository.js';
export { PostgresOrderRepository } from './postgres-order-repository.js';
export { PostgresOutbox, PostgresOutboxWriter } from './postgres-outbox.js';
export { PostgresProductCatalog } from './postgres-product-catalog.js';
export { PostgresReminderRepository } from './postgres-reminder-repository.js';
export { PostgresUnitOfWork } from './postgres-unit-of-work.js';
export { DEFAULT_SCHEMA } from './schema-name.js';
