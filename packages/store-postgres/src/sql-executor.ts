import { createHash } from 'node:crypto';
import pg from 'pg';
import { StoredValueOutOfRangeError, TransactionEndedError } from './errors.js';

const INT8_OID = 20;

/**
 * Reads a PostgreSQL `bigint` (which node-postgres hands over as a string) as a number, refusing values a
 * JavaScript number cannot hold exactly.
 *
 * @throws {StoredValueOutOfRangeError}
 */
export function parseSafeInteger(text: string): number {
  const value = Number(text);
  if (!Number.isSafeInteger(value)) throw new StoredValueOutOfRangeError(text);
  return value;
}

/**
 * The type parsers every query of this package uses: `bigint` as a safe number, everything else as
 * node-postgres parses it by default. Passing them per query keeps the stores correct even when the host
 * changed the global parsers (for example to read `bigint` as `BigInt`).
 */
const TYPES: pg.CustomTypesConfig = {
  getTypeParser: ((oid: number, format?: string) =>
    oid === INT8_OID && format !== 'binary'
      ? parseSafeInteger
      : pg.types.getTypeParser(oid, format as 'text')) as pg.CustomTypesConfig['getTypeParser'],
};

const statementNames = new Map<string, string>();
const MAX_NAMED_STATEMENTS = 1_000;

/**
 * The query, as a named (prepared) statement: PostgreSQL parses and plans it once per connection instead of
 * on every call, which is most of the cost of the short statements a transaction runs. Names come from the
 * text, so every statement of every schema gets its own; past a bound (listings build their SQL from the
 * filters given) further texts run unnamed. Off (`prepare: false`) behind a pooler that cannot keep
 * prepared statements, such as PgBouncer in transaction mode before 1.21.
 */
function queryConfig(text: string, values: readonly unknown[], prepare: boolean): pg.QueryConfig {
  let name = prepare ? statementNames.get(text) : undefined;
  if (prepare && name === undefined && statementNames.size < MAX_NAMED_STATEMENTS) {
    name = `chatcart_${createHash('sha1').update(text).digest('hex').slice(0, 24)}`;
    statementNames.set(text, name);
  }
  return { text, values: [...values], types: TYPES, ...(name ? { name } : {}) };
}

/** A row as node-postgres returns it. */
export type SqlRow = Record<string, unknown>;

/** Where the stores send a statement: the pool (each statement commits alone) or one transaction's client. */
export interface SqlExecutor {
  query(text: string, values?: readonly unknown[]): Promise<SqlRow[]>;
}

/** Statements on the pool: each runs on whichever connection is free and commits at once. */
export class PoolExecutor implements SqlExecutor {
  constructor(
    private readonly pool: pg.Pool,
    private readonly prepare: boolean,
  ) {}

  async query(text: string, values: readonly unknown[] = []): Promise<SqlRow[]> {
    const result = await this.pool.query<SqlRow>(queryConfig(text, values, this.prepare));
    return result.rows;
  }
}

/**
 * Statements of one transaction, on the client that holds it. Once a statement fails PostgreSQL aborts the
 * transaction, and once `run` ends the client goes back to the pool; either way a later call fails fast
 * with a {@link TransactionEndedError} instead of reaching a connection that is no longer ours.
 */
export class TransactionExecutor implements SqlExecutor {
  #state: 'open' | 'aborted' | 'ended' = 'open';

  constructor(
    private readonly client: pg.PoolClient,
    private readonly prepare: boolean,
  ) {}

  async query(text: string, values: readonly unknown[] = []): Promise<SqlRow[]> {
    if (this.#state !== 'open') throw new TransactionEndedError(this.#state);
    try {
      const result = await this.client.query<SqlRow>(queryConfig(text, values, this.prepare));
      return result.rows;
    } catch (error) {
      if (this.#state === 'open') this.#state = 'aborted';
      throw error;
    }
  }

  /** Marks the transaction over: the client is about to be released. */
  end(): void {
    this.#state = 'ended';
  }
}
