import { describeRepositoriesContract } from '@chatcart/core/testing';
import { afterAll, beforeAll, describe } from 'vitest';
import { createTestDatabase, databaseUrl, type TestDatabase } from './support/postgres-schema.js';

// `retry`: the contract's "lets exactly one of two racing transactions on the same version commit" starts
// both transactions without waiting until both have loaded the aggregate, so on a busy machine the first can
// commit before the second reads, and then both rightly succeed (the second read the new version). The
// adapter's own race test (order-concurrency.test.ts) holds both transactions until both have loaded.
describe.skipIf(!databaseUrl)('Postgres repositories', { retry: 2 }, () => {
  let db: TestDatabase;
  beforeAll(async () => {
    db = await createTestDatabase({ poolSize: 6 });
  });
  afterAll(async () => {
    await db?.drop();
  });

  describeRepositoriesContract('Postgres stores', () => ({
    repositories: db.stores.repositories,
    unitOfWork: db.stores.unitOfWork,
  }));
});
