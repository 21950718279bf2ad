import {
  ConflictError,
  NotFoundError,
  type Page,
  type PageRequest,
  UniqueKeyConflictError,
} from '@chatcart/core';
import {
  type AggregateTable,
  type KeysetOrder,
  keyShape,
  type StoredSnapshot,
  type UniqueKey,
} from './aggregate-table.js';
import { encodeCursor, readPageRequest } from './keyset-cursor.js';
import type { SqlExecutor, SqlRow } from './sql-executor.js';

const UNIQUE_VIOLATION = '23505';

/** What a repository needs from an aggregate: its snapshot, and being told the version it was stored at. */
export interface PersistableAggregate<S> {
  readonly version: number;
  markPersisted(version: number): void;
  toSnapshot(): S;
}

/** Filters of a listing: SQL conditions over `$2…` (`$1` is always the organization) and their values. */
export interface ListFilter {
  readonly conditions: readonly string[];
  readonly values: readonly unknown[];
}

/** Builds a {@link ListFilter} from the optional filters of a query; unset filters add nothing. */
export class ListFilterBuilder implements ListFilter {
  readonly conditions: string[] = [];
  readonly values: unknown[] = [];

  /** `column = value`, when the value is given. */
  equals(column: string, value: string | undefined): this {
    if (value !== undefined) this.conditions.push(`${column} = ${this.#param(value, 'text')}`);
    return this;
  }

  /** `column` is one of `values`, when they are given (an empty list matches nothing). */
  oneOf(column: string, values: readonly string[] | undefined): this {
    if (values !== undefined) this.conditions.push(`${column} = ANY(${this.#param([...values], 'text[]')})`);
    return this;
  }

  /** `column = true`, when asked. */
  isTrue(column: string, when: boolean | undefined): this {
    if (when) this.conditions.push(`${column} = true`);
    return this;
  }

  /** Any condition; `param` adds a value and returns its cast placeholder. */
  where(build: (param: (value: unknown, type: string) => string) => string): this {
    this.conditions.push(build((value, type) => this.#param(value, type)));
    return this;
  }

  #param(value: unknown, type: string): string {
    this.values.push(value);
    return `$${this.values.length + 1}::${type}`;
  }
}

/**
 * What the six Postgres repositories share: reads by id scoped to the organization, compare-and-set saves
 * (`UPDATE … WHERE version = $n`; an insert for version 0), unique values refused as
 * `UniqueKeyConflictError`, and keyset pages. It runs on the pool (each save commits at once) or on one
 * transaction's client.
 */
export abstract class PostgresAggregateRepository<
  A extends PersistableAggregate<S>,
  S extends StoredSnapshot,
> {
  protected constructor(
    protected readonly db: SqlExecutor,
    protected readonly table: AggregateTable<A, S>,
  ) {}

  async findById(organizationId: string, id: string): Promise<A | null> {
    const rows = await this.db.query(
      `SELECT ${this.table.selectList} FROM ${this.table.name} WHERE organization_id = $1 AND id = $2`,
      [organizationId, id],
    );
    return rows[0] ? this.rebuild(rows[0]) : null;
  }

  async getById(organizationId: string, id: string): Promise<A> {
    const found = await this.findById(organizationId, id);
    if (!found) throw new NotFoundError(this.table.spec.what, id);
    return found;
  }

  async save(aggregate: A): Promise<void> {
    const snapshot = aggregate.toSnapshot();
    const values = this.table.values(snapshot, aggregate);
    let rows: SqlRow[];
    try {
      rows =
        snapshot.version === 0
          ? await this.db.query(this.table.insertSql, values)
          : await this.db.query(this.table.updateSql(snapshot), [...values, snapshot.version]);
    } catch (error) {
      // Only a race the guards could not see (a concurrent transaction committing the same value) gets here.
      if (isUniqueViolation(error)) throw this.uniqueConflict(snapshot, this.table.spec.uniqueKeys?.[0]);
      throw error;
    }
    const stored = rows[0]?.version;
    if (typeof stored !== 'number') throw await this.whyRefused(snapshot, values);
    aggregate.markPersisted(stored);
  }

  /** A fresh aggregate from a selected row. */
  protected rebuild(row: SqlRow): A {
    return this.table.spec.fromSnapshot(this.table.spec.toSnapshot(row));
  }

  /**
   * One keyset page of the organization's rows matching `filter`, in `order`. Reads one row more than the
   * limit to know whether another page follows.
   */
  protected async page(
    organizationId: string,
    filter: ListFilter,
    order: KeysetOrder<S>,
    request: PageRequest | undefined,
    action: string,
  ): Promise<Page<A>> {
    const { limit, after } = readPageRequest(request, keyShape(order), action);
    const values: unknown[] = [organizationId, ...filter.values];
    const conditions = ['organization_id = $1', ...filter.conditions];
    if (after) {
      const params = order.columns.map((column, index) => {
        values.push(after[index]);
        return column.kind === 'timestamp'
          ? `${this.table.schema}.ms_to_timestamptz($${values.length}::bigint)`
          : `$${values.length}::text`;
      });
      const names = order.columns.map((column) => column.name);
      conditions.push(
        `(${names.join(', ')}) ${order.direction === 'asc' ? '>' : '<'} (${params.join(', ')})`,
      );
    }
    values.push(limit + 1);
    const direction = order.direction === 'asc' ? 'ASC' : 'DESC';
    const rows = await this.db.query(
      `SELECT ${this.table.selectList} FROM ${this.table.name} WHERE ${conditions.join(' AND ')} ` +
        `ORDER BY ${order.columns.map((column) => `${column.name} ${direction}`).join(', ')} LIMIT $${values.length}`,
      values,
    );
    const snapshots = rows.slice(0, limit).map((row) => this.table.spec.toSnapshot(row));
    const last = snapshots.at(-1);
    return {
      items: snapshots.map((snapshot) => this.table.spec.fromSnapshot(snapshot)),
      nextCursor: rows.length > limit && last ? encodeCursor(order.key(last)) : null,
    };
  }

  /** Why a save matched no row: the version moved (or the id is taken), or a unique value is held. */
  private async whyRefused(snapshot: S, values: readonly unknown[]): Promise<Error> {
    const { what } = this.table.spec;
    const rows = await this.db.query(
      `SELECT version FROM ${this.table.name} WHERE organization_id = $1 AND id = $2`,
      [snapshot.organizationId, snapshot.id],
    );
    const actual = rows[0]?.version as number | undefined;
    if ((actual ?? 0) !== snapshot.version) {
      return new ConflictError(what, snapshot.id, snapshot.version, actual);
    }
    for (const unique of this.table.spec.uniqueKeys ?? []) {
      if (!(unique.holds?.(snapshot) ?? true)) continue;
      const held = await this.db.query(
        `SELECT 1 FROM ${this.table.name} WHERE organization_id = $1 AND id <> $2 AND ${unique.column} = $3` +
          (unique.where ? ` AND ${unique.where}` : ''),
        [snapshot.organizationId, snapshot.id, values[this.table.valueIndex(unique.column)]],
      );
      if (held.length > 0) return this.uniqueConflict(snapshot, unique);
    }
    // The competing row went away between the two reads; the caller retries as for any conflict.
    return new ConflictError(what, snapshot.id, snapshot.version, actual);
  }

  private uniqueConflict(snapshot: S, unique: UniqueKey<S> | undefined): ConflictError {
    const { what } = this.table.spec;
    if (!unique) return new ConflictError(what, snapshot.id, snapshot.version, undefined);
    return new UniqueKeyConflictError(what, snapshot.id, snapshot.version, unique.label(snapshot));
  }
}

function isUniqueViolation(error: unknown): boolean {
  return (
    typeof error === 'object' && error !== null && (error as { code?: unknown }).code === UNIQUE_VIOLATION
  );
}
