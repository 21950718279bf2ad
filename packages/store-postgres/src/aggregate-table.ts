import type { KeyShape, KeysetPosition } from './keyset-cursor.js';
import type { SqlRow } from './sql-executor.js';

/**
 * How a snapshot field is stored: `timestamp` is epoch ms in the domain and `timestamptz` in the table;
 * `jsonb` holds the nested parts of an aggregate; `bigint` is money in minor units.
 */
export type ColumnKind = 'text' | 'integer' | 'bigint' | 'boolean' | 'timestamp' | 'jsonb' | 'text[]';

/** One column of an aggregate's table (besides organization_id, id and version, which every table has). */
export interface Column<S, A = unknown> {
  readonly name: string;
  readonly kind: ColumnKind;
  /** The column's value, from the snapshot (or the aggregate, for derived values such as totals). */
  readonly value: (snapshot: S, aggregate: A) => unknown;
}

/**
 * A value that must be unique among an organization's rows, such as a customer's phone. `where` narrows the
 * rows that hold it (a partial unique index), and `holds` says whether a snapshot holds it at all.
 */
export interface UniqueKey<S> {
  readonly column: string;
  readonly label: (snapshot: S) => string;
  readonly where?: string;
  readonly holds?: (snapshot: S) => boolean;
}

/** What every stored snapshot carries: its key and the version the store compares and sets. */
export interface StoredSnapshot {
  readonly id: string;
  readonly organizationId: string;
  readonly version: number;
}

/** Everything a table needs to store one aggregate type. */
export interface AggregateTableSpec<A, S extends StoredSnapshot> {
  /** The aggregate's name, for messages (`Order`). */
  readonly what: string;
  /** The table, unqualified (`orders`). */
  readonly table: string;
  readonly columns: readonly Column<S, A>[];
  /** The snapshot from a selected row (timestamps already epoch ms, bigints numbers, jsonb parsed). */
  readonly toSnapshot: (row: SqlRow) => S;
  /** Rebuilds and validates the aggregate, for example `Order.fromSnapshot`. */
  readonly fromSnapshot: (snapshot: S) => A;
  readonly uniqueKeys?: readonly UniqueKey<S>[];
}

/** The sort of a listing: key columns (all in one direction, the last one the id) and the row's key. */
export interface KeysetOrder<S> {
  readonly columns: readonly { readonly name: string; readonly kind: 'timestamp' | 'text' }[];
  readonly direction: 'asc' | 'desc';
  readonly key: (snapshot: S) => KeysetPosition;
}

/** The shape of a listing's cursor. */
export function keyShape<S>(order: KeysetOrder<S>): KeyShape {
  return order.columns.map((column) => (column.kind === 'timestamp' ? 'number' : 'string'));
}

/**
 * The SQL of one aggregate type in one schema, built once: the select list, the insert and the
 * compare-and-set update, and the unique keys as they appear in the update's guard.
 */
export class AggregateTable<A, S extends StoredSnapshot> {
  readonly spec: AggregateTableSpec<A, S>;
  readonly schema: string;
  /** Schema-qualified table name. */
  readonly name: string;
  /** The select list: every column, timestamps as epoch ms. */
  readonly selectList: string;
  readonly insertSql: string;

  constructor(spec: AggregateTableSpec<A, S>, quotedSchema: string) {
    this.spec = spec;
    this.schema = quotedSchema;
    this.name = `${quotedSchema}.${spec.table}`;
    const selected = spec.columns.map((column) =>
      column.kind === 'timestamp'
        ? `${quotedSchema}.timestamptz_to_ms(${column.name}) AS ${column.name}`
        : column.name,
    );
    this.selectList = ['organization_id', 'id', 'version', ...selected].join(', ');
    const names = spec.columns.map((column) => column.name).join(', ');
    const values = spec.columns.map((column, index) => this.param(column.kind, index + 3)).join(', ');
    // ON CONFLICT without a target also skips rows a unique index refuses (phone, SKU, live invoice), so a
    // refused insert leaves the transaction usable; the caller finds out why from zero rows returned.
    this.insertSql =
      `INSERT INTO ${this.name} (organization_id, id, version, ${names}) VALUES ($1, $2, 1, ${values}) ` +
      'ON CONFLICT DO NOTHING RETURNING version';
  }

  /** Parameter values of an aggregate: organization, id, then every column in order. */
  values(snapshot: S, aggregate: A): unknown[] {
    return [
      snapshot.organizationId,
      snapshot.id,
      ...this.spec.columns.map((column) => toParameter(column.kind, column.value(snapshot, aggregate))),
    ];
  }

  /** The position of a column's value in {@link values}. */
  valueIndex(column: string): number {
    return this.spec.columns.findIndex((each) => each.name === column) + 2;
  }

  /**
   * The compare-and-set update for `snapshot`: parameters as {@link values}, then the expected version. It
   * also refuses (zero rows) to take a unique value another row of the organization holds.
   */
  updateSql(snapshot: S): string {
    const versionParam = this.spec.columns.length + 3;
    const sets = this.spec.columns.map(
      (column, index) => `${column.name} = ${this.param(column.kind, index + 3)}`,
    );
    const guards = (this.spec.uniqueKeys ?? [])
      .filter((unique) => unique.holds?.(snapshot) ?? true)
      .map((unique) => {
        const index = this.spec.columns.findIndex((column) => column.name === unique.column);
        const narrowed = unique.where ? ` AND other.${unique.where}` : '';
        return (
          ` AND NOT EXISTS (SELECT 1 FROM ${this.name} other WHERE other.organization_id = $1 AND ` +
          `other.id <> $2 AND other.${unique.column} = $${index + 3}${narrowed})`
        );
      });
    return (
      `UPDATE ${this.name} SET version = version + 1, ${sets.join(', ')} ` +
      `WHERE organization_id = $1 AND id = $2 AND version = $${versionParam}${guards.join('')} RETURNING version`
    );
  }

  /** `$n` cast to the column's type. */
  param(kind: ColumnKind, index: number): string {
    return kind === 'timestamp'
      ? `${this.schema}.ms_to_timestamptz($${index}::bigint)`
      : `$${index}::${kind}`;
  }
}

function toParameter(kind: ColumnKind, value: unknown): unknown {
  if (value === null || value === undefined) return null;
  // node-postgres would send a JS array as a PostgreSQL array; jsonb wants JSON text.
  return kind === 'jsonb' ? JSON.stringify(value) : value;
}

/** Newest first: `created_at` desc, then id desc (orders, invoices, campaigns). */
export function newestFirst<S extends StoredSnapshot & { readonly createdAt: number }>(): KeysetOrder<S> {
  return {
    columns: [
      { name: 'created_at', kind: 'timestamp' },
      { name: 'id', kind: 'text' },
    ],
    direction: 'desc',
    key: (s) => [s.createdAt, s.id],
  };
}
