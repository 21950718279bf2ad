import { ValidationError } from '@chatcart/core';
import { afterAll, afterEach, describe, expect, it } from 'vitest';
import { main } from '../src/cli.js';
import { createPostgresStores, MIGRATIONS, MigrationError, migrate } from '../src/index.js';
import { databaseUrl, testPool, uniqueSchemaName } from './support/postgres-schema.js';

describe.skipIf(!databaseUrl)('migrate', () => {
  const pool = testPool(6);
  const created: string[] = [];
  const freshSchema = () => {
    const schema = uniqueSchemaName();
    created.push(schema);
    return schema;
  };

  afterEach(async () => {
    for (const schema of created.splice(0)) await pool.query(`DROP SCHEMA IF EXISTS "${schema}" CASCADE`);
  });

  afterAll(async () => {
    await pool.end();
  });

  async function recorded(schema: string): Promise<string[]> {
    const result = await pool.query<{ name: string }>(
      `SELECT name FROM "${schema}".migrations ORDER BY name`,
    );
    return result.rows.map((row) => row.name);
  }

  it('creates the schema, applies every migration once and records it', async () => {
    const schema = freshSchema();
    const names = MIGRATIONS.map((migration) => migration.name);

    expect(await migrate(pool, schema)).toEqual({ applied: names, skipped: [] });
    expect(await migrate(pool, schema)).toEqual({ applied: [], skipped: names });
    expect(await recorded(schema)).toEqual(names);
  });

  it('lets app instances that start together migrate without racing: one applies, the others wait and skip', async () => {
    const schema = freshSchema();
    const pools = [testPool(1), testPool(1), testPool(1), testPool(1)];
    try {
      const results = await Promise.all(
        pools.map((each) => createPostgresStores({ pool: each, schema }).migrate()),
      );
      expect(results.filter((result) => result.applied.length > 0)).toHaveLength(1);
      expect(results.flatMap((result) => result.applied)).toEqual(
        MIGRATIONS.map((migration) => migration.name),
      );
      expect(await recorded(schema)).toEqual(MIGRATIONS.map((migration) => migration.name));
    } finally {
      await Promise.all(pools.map((each) => each.end()));
    }
  });

  it('rolls a failing migration back entirely and names it', async () => {
    const schema = freshSchema();
    const broken = [
      ...MIGRATIONS,
      { name: '9999_broken', sql: 'CREATE TABLE half_done (id text); SELECT no_such_function();' },
    ];
    const failure = await migrate(pool, schema, broken).catch((error: unknown) => error);
    expect(failure).toBeInstanceOf(MigrationError);
    expect((failure as MigrationError).message).toContain('9999_broken');
    expect(await recorded(schema)).toEqual(MIGRATIONS.map((migration) => migration.name));
    const table = await pool.query('SELECT to_regclass($1) AS found', [`"${schema}".half_done`]);
    expect(table.rows[0].found).toBeNull();
  });

  it('refuses to go on when an applied migration differs from the shipped one', async () => {
    const schema = freshSchema();
    await migrate(pool, schema);
    await pool.query(`UPDATE "${schema}".migrations SET checksum = 'edited'`);
    await expect(migrate(pool, schema)).rejects.toThrow(/differs from the one this version/);
  });

  it('refuses a schema name that is not a plain identifier', () => {
    expect(() => createPostgresStores({ pool, schema: 'chatcart"; DROP TABLE x; --' })).toThrow(
      ValidationError,
    );
    expect(() => createPostgresStores({ pool, schema: 'Chatcart' })).toThrow(/lower-case letters/);
  });

  it('migrates from the command line with --schema, reading DATABASE_URL', async () => {
    const schema = freshSchema();
    const lines: string[] = [];
    const log = console.log;
    console.log = (line: string) => lines.push(line);
    try {
      expect(await main(['migrate', '--schema', schema], { DATABASE_URL: databaseUrl })).toBe(0);
    } finally {
      console.log = log;
    }
    expect(lines.at(-1)).toContain(`schema "${schema}" is up to date`);
    expect(await recorded(schema)).toEqual(MIGRATIONS.map((migration) => migration.name));
  });

  it('explains what is missing when the command line has no database or no command', async () => {
    const errors: string[] = [];
    const error = console.error;
    console.error = (line: string) => errors.push(line);
    try {
      expect(await main(['migrate'], {})).toBe(2);
      expect(await main([], { DATABASE_URL: databaseUrl })).toBe(2);
    } finally {
      console.error = error;
    }
    expect(errors[0]).toContain('Set DATABASE_URL');
    expect(errors[1]).toContain('Usage: chatcart-postgres migrate');
  });
});
