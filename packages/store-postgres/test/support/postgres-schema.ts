import { randomBytes } from 'node:crypto';
import { serviceOrSkip } from '@chatcart/core/testing';
import pg from 'pg';
import { createPostgresStores, type PostgresStores } from '../../src/index.js';

/**
 * The local PostgreSQL (DATABASE_URL), or `undefined` when it does not answer outside CI: test files call
 * it with top-level await and skip themselves with `describe.skipIf(!databaseUrl)`.
 */
export const databaseUrl = await serviceOrSkip('postgres', async (url) => {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  await client.end();
});

/** A fresh schema name no other test file uses. */
export function uniqueSchemaName(): string {
  return `chatcart_test_${randomBytes(6).toString('hex')}`;
}

/** A pool on the test database; idle connections stay open until the pool ends. */
export function testPool(max = 8): pg.Pool {
  return new pg.Pool({ connectionString: databaseUrl, max, idleTimeoutMillis: 0 });
}

/**
 * Opens every connection of the pool up front. Tests that race two transactions need both to start at
 * once; a cold pool would make the second wait for a new connection while the first already commits.
 */
async function warmUp(pool: pg.Pool, connections: number): Promise<void> {
  const clients = await Promise.all(Array.from({ length: connections }, () => pool.connect()));
  for (const client of clients) client.release();
}

/** One test file's database: its own schema, migrated, and the stores over it. */
export interface TestDatabase {
  readonly pool: pg.Pool;
  readonly schema: string;
  readonly stores: PostgresStores;
  /** Drops the schema and ends the pool. */
  drop(): Promise<void>;
}

/** Creates and migrates a schema of its own for one test file; call `drop` in `afterAll`. */
export async function createTestDatabase(options: { poolSize?: number } = {}): Promise<TestDatabase> {
  const poolSize = options.poolSize ?? 8;
  const pool = testPool(poolSize);
  const schema = uniqueSchemaName();
  const stores = createPostgresStores({ pool, schema });
  const drop = async () => {
    try {
      await pool.query(`DROP SCHEMA IF EXISTS "${schema}" CASCADE`);
    } finally {
      await pool.end();
    }
  };
  try {
    await stores.migrate();
    await warmUp(pool, poolSize);
  } catch (error) {
    await drop();
    throw error;
  }
  return {
    pool,
    schema,
    stores,
    drop,
  };
}
