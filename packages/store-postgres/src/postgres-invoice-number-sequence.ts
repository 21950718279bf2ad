import {
  type InvoiceNumberOptions,
  type InvoiceNumberSequence,
  ValidationError,
  type ValidationIssue,
} from '@chatcart/core';
import type { SqlExecutor } from './sql-executor.js';

const MAX_SERIES_LENGTH = 100;

/**
 * Gap-free invoice numbers on PostgreSQL: one counter row per organization and series, incremented with
 * `INSERT … ON CONFLICT DO UPDATE … RETURNING` on the caller's transaction. The row lock makes a concurrent
 * transaction of the same counter wait until this one ends: after a commit it sees the new value, after a
 * rollback it draws the same number again, so numbers are never skipped or shared.
 *
 * Draw through `tx.invoiceNumbers` inside `unitOfWork.run`; `stores.invoiceNumbers.peek` reads the last
 * committed number.
 */
export class PostgresInvoiceNumbers {
  readonly #nextSql: string;
  readonly #peekSql: string;

  /** @internal Built by `createPostgresStores`. */
  constructor(
    private readonly db: SqlExecutor,
    quotedSchema: string,
  ) {
    const table = `${quotedSchema}.invoice_number_counters`;
    this.#nextSql =
      `INSERT INTO ${table} AS counter (organization_id, series, last_number) VALUES ($1, $2, 1) ` +
      'ON CONFLICT (organization_id, series) DO UPDATE SET last_number = counter.last_number + 1 ' +
      'RETURNING last_number';
    this.#peekSql = `SELECT last_number FROM ${table} WHERE organization_id = $1 AND series = $2`;
  }

  /** The sequence as one transaction draws from it (internal: `tx.invoiceNumbers`). */
  within(tx: SqlExecutor): InvoiceNumberSequence {
    return {
      next: async (organizationId, options = {}) => {
        const rows = await tx.query(this.#nextSql, counterKey(organizationId, options));
        return rows[0]?.last_number as number;
      },
    };
  }

  /** The last committed number of a counter (0 before the first); for diagnostics and tests. */
  async peek(organizationId: string, options: InvoiceNumberOptions = {}): Promise<number> {
    const rows = await this.db.query(this.#peekSql, counterKey(organizationId, options));
    return (rows[0]?.last_number as number | undefined) ?? 0;
  }
}

function counterKey(organizationId: string, options: InvoiceNumberOptions): [string, string] {
  const series = options.series ?? '';
  const issues: ValidationIssue[] = [];
  if (typeof organizationId !== 'string' || organizationId.length === 0) {
    issues.push({ path: 'organizationId', message: 'must be a non-empty string' });
  }
  if (typeof series !== 'string' || series.length > MAX_SERIES_LENGTH) {
    issues.push({ path: 'series', message: `must be a string of at most ${MAX_SERIES_LENGTH} characters` });
  }
  if (issues.length > 0) throw new ValidationError('Cannot draw an invoice number', issues);
  return [organizationId, series];
}
