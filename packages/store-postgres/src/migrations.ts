import { createHash } from 'node:crypto';
import type pg from 'pg';
import { MigrationError } from './errors.js';
import initial from './migrations/0001_initial.sql';
import { quoteSchema } from './schema-name.js';

/** One migration: its name (the file name without `.sql`) and its SQL. */
export interface Migration {
  readonly name: string;
  readonly sql: string;
}

/** Every migration this version ships, in the order they run. */
export const MIGRATIONS: readonly Migration[] = [{ name: '0001_initial', sql: initial }];

/** What {@link migrate} did. */
export interface MigrationResult {
  /** Migrations applied by this call, in order. */
  readonly applied: readonly string[];
  /** Migrations found already applied. */
  readonly skipped: readonly string[];
}

/**
 * Brings a schema up to date: creates it when missing, then applies each shipped migration not yet recorded
 * in its `migrations` table, in order, each in its own transaction together with its record. A session
 * advisory lock (per schema) makes app instances that start together wait for one another instead of racing;
 * the ones that come second find nothing left to do. A recorded migration whose SQL differs from the shipped
 * one stops the run: migrations are never edited after release.
 *
 * @throws {MigrationError} naming the migration that failed or differs.
 */
export async function migrate(
  pool: pg.Pool,
  schema: string,
  migrations: readonly Migration[] = MIGRATIONS,
): Promise<MigrationResult> {
  const quoted = quoteSchema(schema);
  const client = await pool.connect();
  let broken: Error | undefined;
  // See PostgresUnitOfWork: a checked-out client that loses its connection must not crash the process.
  const onError = (error: Error) => {
    broken = error;
  };
  client.on('error', onError);
  try {
    await client.query('SELECT pg_advisory_lock(hashtextextended($1, 0))', [`chatcart.migrate.${schema}`]);
    try {
      const exists = await client.query('SELECT 1 FROM pg_namespace WHERE nspname = $1', [schema]);
      if (exists.rowCount === 0) await client.query(`CREATE SCHEMA ${quoted}`);
      await client.query(
        `CREATE TABLE IF NOT EXISTS ${quoted}.migrations (name text PRIMARY KEY, checksum text NOT NULL, ` +
          'applied_at timestamptz NOT NULL DEFAULT now())',
      );
      const recorded = await client.query<{ name: string; checksum: string }>(
        `SELECT name, checksum FROM ${quoted}.migrations`,
      );
      const done = new Map(recorded.rows.map((row) => [row.name, row.checksum]));
      const applied: string[] = [];
      const skipped: string[] = [];
      for (const migration of migrations) {
        const checksum = checksumOf(migration.sql);
        const recordedChecksum = done.get(migration.name);
        if (recordedChecksum !== undefined) {
          if (recordedChecksum !== checksum) throw changedMigration(schema, migration.name);
          skipped.push(migration.name);
          continue;
        }
        await applyOne(client, quoted, schema, migration, checksum);
        applied.push(migration.name);
      }
      return { applied, skipped };
    } finally {
      await client.query('SELECT pg_advisory_unlock(hashtextextended($1, 0))', [
        `chatcart.migrate.${schema}`,
      ]);
    }
  } catch (error) {
    if (isConnectionError(error)) broken = error as Error;
    throw error;
  } finally {
    client.off('error', onError);
    client.release(broken);
  }
}

async function applyOne(
  client: pg.PoolClient,
  quoted: string,
  schema: string,
  migration: Migration,
  checksum: string,
): Promise<void> {
  try {
    await client.query('BEGIN');
    await client.query(`SET LOCAL search_path TO ${quoted}`);
    await client.query(migration.sql);
    await client.query(`INSERT INTO ${quoted}.migrations (name, checksum) VALUES ($1, $2)`, [
      migration.name,
      checksum,
    ]);
    await client.query('COMMIT');
  } catch (error) {
    await client.query('ROLLBACK').catch(() => undefined);
    const reason = error instanceof Error ? error.message : String(error);
    throw new MigrationError(
      `Migration ${migration.name} failed in schema ${schema} and was rolled back: ${reason}. ` +
        'Fix the cause (permissions, a conflicting object) and run migrate again.',
      { schema, migration: migration.name },
      error,
    );
  }
}

function changedMigration(schema: string, name: string): MigrationError {
  return new MigrationError(
    `Migration ${name} recorded in schema ${schema} differs from the one this version of ` +
      '@chatcart/store-postgres ships. Shipped migrations are never edited; restore the original file, or ' +
      'migrate into a new schema.',
    { schema, migration: name },
  );
}

function checksumOf(sql: string): string {
  return createHash('sha256').update(sql.replaceAll('\r\n', '\n')).digest('hex');
}

function isConnectionError(error: unknown): boolean {
  const code = (error as { code?: unknown } | null)?.code;
  return typeof code !== 'string' || code.startsWith('08') || code === '57P01';
}
