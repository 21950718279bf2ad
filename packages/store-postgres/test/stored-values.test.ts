import { ConflictError, Money, Order } from '@chatcart/core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createPostgresStores, StoredValueOutOfRangeError, TransactionEndedError } from '../src/index.js';
import { aCustomer, aProduct, draftOrder, eventOf, T0, uniqueName } from './support/fixtures.js';
import { createTestDatabase, databaseUrl, type TestDatabase, testPool } from './support/postgres-schema.js';

describe.skipIf(!databaseUrl)('Values at the PostgreSQL edge', () => {
  let db: TestDatabase;
  beforeAll(async () => {
    db = await createTestDatabase();
  });
  afterAll(async () => {
    await db?.drop();
  });

  it('stores epoch milliseconds as timestamptz and reads back the same millisecond, at both ends of the range', async () => {
    const org = uniqueName('org');
    for (const [index, at] of [0, 1, T0 + 999, 8_640_000_000_000_000, Number.MAX_SAFE_INTEGER].entries()) {
      await db.stores.repositories.orders.save(draftOrder(org, `ord_${index}`, at));
      const stored = await db.stores.repositories.orders.getById(org, `ord_${index}`);
      expect([stored.toSnapshot().createdAt, stored.toSnapshot().updatedAt]).toEqual([at, at]);
    }
    const column = await db.pool.query(
      `SELECT created_at = timestamptz '2026-03-01T10:00:00.999Z' AS exact FROM "${db.schema}".orders WHERE organization_id = $1 AND id = 'ord_2'`,
      [org],
    );
    expect(column.rows).toEqual([{ exact: true }]);
  });

  it('keeps money as integer minor units beside the currency, up to the largest safe amount', async () => {
    const org = uniqueName('org');
    const customer = aCustomer(org, 'cus_rich', '+15550009999');
    customer.recordPurchase(T0, Money.of(Number.MAX_SAFE_INTEGER, 'USD'), T0);
    await db.stores.repositories.customers.save(customer);
    const stored = await db.pool.query(
      `SELECT total_spent_minor::text AS minor, total_spent_currency AS currency FROM "${db.schema}".customers WHERE organization_id = $1`,
      [org],
    );
    expect(stored.rows).toEqual([{ minor: String(Number.MAX_SAFE_INTEGER), currency: 'USD' }]);
    expect((await db.stores.repositories.customers.getById(org, 'cus_rich')).totalSpent?.amountMinor).toBe(
      Number.MAX_SAFE_INTEGER,
    );
  });

  it('refuses a bigint beyond Number.MAX_SAFE_INTEGER written by something else, rather than rounding it', async () => {
    const org = uniqueName('org');
    await db.stores.repositories.products.save(aProduct(org, 'prd_1', 'RICE-1'));
    await db.pool.query(
      `UPDATE "${db.schema}".products SET price_minor = 9007199254740993 WHERE organization_id = $1`,
      [org],
    );
    const failure = await db.stores.repositories.products
      .getById(org, 'prd_1')
      .catch((error: unknown) => error);
    expect(failure).toBeInstanceOf(StoredValueOutOfRangeError);
    expect((failure as Error).message).toContain('9007199254740993');
  });

  it('keeps reading bigint safely when the host switched node-postgres to BigInt parsing', async () => {
    const org = uniqueName('org');
    const pg = (await import('pg')).default;
    const previous = pg.types.getTypeParser(20, 'text');
    pg.types.setTypeParser(20, (text: string) => BigInt(text));
    try {
      await db.stores.repositories.products.save(aProduct(org, 'prd_1', 'RICE-1'));
      expect((await db.stores.repositories.products.getById(org, 'prd_1')).price.amountMinor).toBe(450);
    } finally {
      pg.types.setTypeParser(20, previous);
    }
  });

  it('works the same without prepared statements, for poolers that cannot keep them', async () => {
    const org = uniqueName('org');
    const pool = testPool(1); // one connection, so the check below sees the session the stores used
    try {
      const stores = createPostgresStores({ pool, schema: db.schema, prepareStatements: false });
      await stores.unitOfWork.run(async (tx) => {
        await tx.orders.save(draftOrder(org, 'ord_1'));
        expect(await tx.invoiceNumbers.next(org)).toBe(1);
      });
      expect((await stores.repositories.orders.getById(org, 'ord_1')).version).toBe(1);
      const prepared = await pool.query('SELECT count(*)::int AS n FROM pg_prepared_statements');
      expect(prepared.rows).toEqual([{ n: 0 }]);
    } finally {
      await pool.end();
    }
  });

  it('refuses an outbox payload PostgreSQL cannot hold, before writing anything', async () => {
    const org = uniqueName('org');
    await expect(
      db.stores.unitOfWork.run((tx) =>
        tx.outbox.append(eventOf(org, `evt_${org}`, 'nul.test', { text: 'a\u0000b' })),
      ),
    ).rejects.toThrow(/without NUL characters/);
  });

  it('keeps a transaction usable after a refused save, as the in-memory store does', async () => {
    const org = uniqueName('org');
    await db.stores.repositories.customers.save(aCustomer(org, 'cus_1', '+15550000001'));
    await db.stores.unitOfWork.run(async (tx) => {
      await expect(tx.customers.save(aCustomer(org, 'cus_2', '+15550000001'))).rejects.toBeInstanceOf(
        ConflictError,
      );
      await tx.customers.save(aCustomer(org, 'cus_3', '+15550000003'));
    });
    expect((await db.stores.repositories.customers.findByPhone(org, '+15550000003'))?.id).toBe('cus_3');
  });

  it('refuses to use a transaction context after its run ended', async () => {
    const org = uniqueName('org');
    const kept = await db.stores.unitOfWork.run(async (tx) => tx);
    await expect(kept.orders.save(draftOrder(org, 'ord_late'))).rejects.toBeInstanceOf(TransactionEndedError);
    expect(await db.stores.repositories.orders.findById(org, 'ord_late')).toBeNull();
  });

  it('rejects work that swallowed a failed statement, because PostgreSQL kept none of it', async () => {
    const org = uniqueName('org');
    const outcome = db.stores.unitOfWork.run(async (tx) => {
      await tx.orders.save(draftOrder(org, 'ord_1'));
      // PostgreSQL text cannot hold NUL, so this statement fails and aborts the transaction.
      const unstorable = Order.create({
        id: 'ord_2',
        organizationId: org,
        customerId: 'cus_\u0000',
        currency: 'USD',
        now: T0,
      });
      await tx.orders.save(unstorable).catch(() => undefined);
      return 'done';
    });
    await expect(outcome).rejects.toBeInstanceOf(TransactionEndedError);
    expect(await db.stores.repositories.orders.findById(org, 'ord_1')).toBeNull();
  });
});
