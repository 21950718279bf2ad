import { describeOutboxContract } from '@chatcart/core/testing';
import { afterAll, beforeAll, describe } from 'vitest';
import { createTestDatabase, databaseUrl, type TestDatabase } from './support/postgres-schema.js';

describe.skipIf(!databaseUrl)('PostgresOutbox', () => {
  let db: TestDatabase;
  beforeAll(async () => {
    db = await createTestDatabase();
  });
  afterAll(async () => {
    await db?.drop();
  });

  describeOutboxContract('PostgresOutbox', () => ({
    unitOfWork: db.stores.unitOfWork,
    outbox: db.stores.outbox,
  }));
});
