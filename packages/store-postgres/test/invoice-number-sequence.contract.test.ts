import { describeInvoiceNumberSequenceContract } from '@chatcart/core/testing';
import { afterAll, beforeAll, describe } from 'vitest';
import { createTestDatabase, databaseUrl, type TestDatabase } from './support/postgres-schema.js';

describe.skipIf(!databaseUrl)('PostgresInvoiceNumbers', () => {
  let db: TestDatabase;
  beforeAll(async () => {
    db = await createTestDatabase({ poolSize: 10 });
  });
  afterAll(async () => {
    await db?.drop();
  });

  describeInvoiceNumberSequenceContract('PostgresInvoiceNumbers', () => ({
    unitOfWork: db.stores.unitOfWork,
  }));
});
