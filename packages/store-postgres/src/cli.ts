import { parseArgs } from 'node:util';
import pg from 'pg';
import { migrate } from './migrations.js';
import { DEFAULT_SCHEMA } from './schema-name.js';

const USAGE = `Usage: chatcart-postgres migrate [--schema <name>] [--database-url <url>]

Creates the schema (default "${DEFAULT_SCHEMA}") when missing and applies the migrations this version ships.
The connection string comes from --database-url or the DATABASE_URL environment variable.`;

/** Runs the command line and resolves with the exit code. */
export async function main(argv: readonly string[], env: NodeJS.ProcessEnv): Promise<number> {
  let parsed: ReturnType<typeof parse>;
  try {
    parsed = parse(argv);
  } catch (error) {
    console.error(`${error instanceof Error ? error.message : String(error)}\n\n${USAGE}`);
    return 2;
  }
  const { positionals, values } = parsed;
  if (values.help) {
    console.log(USAGE);
    return 0;
  }
  if (positionals.length !== 1 || positionals[0] !== 'migrate') {
    console.error(USAGE);
    return 2;
  }
  const connectionString = values['database-url'] ?? env.DATABASE_URL;
  if (!connectionString) {
    console.error(`Set DATABASE_URL (or pass --database-url) to the database to migrate.\n\n${USAGE}`);
    return 2;
  }
  const schema = values.schema ?? DEFAULT_SCHEMA;
  const pool = new pg.Pool({ connectionString, max: 1 });
  try {
    const result = await migrate(pool, schema);
    for (const name of result.applied) console.log(`applied ${name}`);
    console.log(
      `schema "${schema}" is up to date (${result.applied.length} applied, ${result.skipped.length} already applied)`,
    );
    return 0;
  } catch (error) {
    console.error(error instanceof Error ? error.message : String(error));
    return 1;
  } finally {
    await pool.end();
  }
}

function parse(argv: readonly string[]) {
  return parseArgs({
    args: [...argv],
    allowPositionals: true,
    options: {
      schema: { type: 'string' },
      'database-url': { type: 'string' },
      help: { type: 'boolean', short: 'h' },
    },
  });
}
