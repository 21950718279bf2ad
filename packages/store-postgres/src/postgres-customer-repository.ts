import {
  type AudienceSegment,
  type ConsentState,
  Customer,
  type CustomerRepository,
  type CustomerSnapshot,
  type Page,
  type PageRequest,
} from '@chatcart/core';
import { AggregateTable, type AggregateTableSpec, type KeysetOrder } from './aggregate-table.js';
import { ListFilterBuilder, PostgresAggregateRepository } from './postgres-aggregate-repository.js';
import type { SqlExecutor, SqlRow } from './sql-executor.js';

const SPEC: AggregateTableSpec<Customer, CustomerSnapshot> = {
  what: 'Customer',
  table: 'customers',
  columns: [
    { name: 'phone', kind: 'text', value: (s) => s.phone },
    { name: 'name', kind: 'text', value: (s) => s.name },
    { name: 'locale', kind: 'text', value: (s) => s.locale },
    { name: 'tags', kind: 'text[]', value: (s) => [...s.tags] },
    { name: 'consent', kind: 'text', value: (s) => s.consent },
    { name: 'opted_in_at', kind: 'timestamp', value: (s) => s.optedInAt },
    { name: 'opted_out_at', kind: 'timestamp', value: (s) => s.optedOutAt },
    { name: 'opt_out_reason', kind: 'text', value: (s) => s.optOutReason },
    { name: 'total_spent_minor', kind: 'bigint', value: (s) => s.totalSpent?.amountMinor ?? null },
    { name: 'total_spent_currency', kind: 'text', value: (s) => s.totalSpent?.currency ?? null },
    { name: 'order_count', kind: 'integer', value: (s) => s.orderCount },
    { name: 'last_order_at', kind: 'timestamp', value: (s) => s.lastOrderAt },
    { name: 'created_at', kind: 'timestamp', value: (s) => s.createdAt },
    { name: 'updated_at', kind: 'timestamp', value: (s) => s.updatedAt },
  ],
  toSnapshot: (row: SqlRow): CustomerSnapshot => ({
    id: row.id as string,
    organizationId: row.organization_id as string,
    version: row.version as number,
    phone: row.phone as string,
    name: row.name as string | null,
    locale: row.locale as string | null,
    tags: row.tags as string[],
    consent: row.consent as ConsentState,
    optedInAt: row.opted_in_at as number | null,
    optedOutAt: row.opted_out_at as number | null,
    optOutReason: row.opt_out_reason as string | null,
    totalSpent:
      row.total_spent_minor === null
        ? null
        : { amountMinor: row.total_spent_minor as number, currency: row.total_spent_currency as string },
    orderCount: row.order_count as number,
    lastOrderAt: row.last_order_at as number | null,
    createdAt: row.created_at as number,
    updatedAt: row.updated_at as number,
  }),
  fromSnapshot: (snapshot) => Customer.fromSnapshot(snapshot),
  uniqueKeys: [{ column: 'phone', label: (s) => `phone ${s.phone}` }],
};

const ID_ORDER: KeysetOrder<CustomerSnapshot> = {
  columns: [{ name: 'id', kind: 'text' }],
  direction: 'asc',
  key: (s) => [s.id],
};

/** The customers table of a schema (internal; built once per store). */
export function customerTable(quotedSchema: string): AggregateTable<Customer, CustomerSnapshot> {
  return new AggregateTable(SPEC, quotedSchema);
}

/**
 * The `CustomerRepository` on PostgreSQL: one customer per phone and organization (a unique index), tags as
 * `text[]`, total spent as bigint minor units beside its currency, and campaign audiences computed by the
 * database with keyset pages over a partial index of opted-in customers, so an audience of any size streams
 * page by page.
 *
 * Get one from {@link createPostgresStores} (`stores.repositories.customers`, or `tx.customers`).
 */
export class PostgresCustomerRepository
  extends PostgresAggregateRepository<Customer, CustomerSnapshot>
  implements CustomerRepository
{
  /** @internal Built by `createPostgresStores`. */
  constructor(db: SqlExecutor, table: AggregateTable<Customer, CustomerSnapshot>) {
    super(db, table);
  }

  async findByPhone(organizationId: string, phone: string): Promise<Customer | null> {
    const rows = await this.db.query(
      `SELECT ${this.table.selectList} FROM ${this.table.name} WHERE organization_id = $1 AND phone = $2`,
      [organizationId, phone],
    );
    return rows[0] ? this.rebuild(rows[0]) : null;
  }

  async findAudience(
    organizationId: string,
    segment: AudienceSegment,
    page: PageRequest = {},
  ): Promise<Page<Customer>> {
    return this.page(organizationId, this.audienceFilter(segment), ID_ORDER, page, 'find the audience');
  }

  async countAudience(organizationId: string, segment: AudienceSegment): Promise<number> {
    const filter = this.audienceFilter(segment);
    const rows = await this.db.query(
      `SELECT count(*) AS audience FROM ${this.table.name} ` +
        `WHERE ${['organization_id = $1', ...filter.conditions].join(' AND ')}`,
      [organizationId, ...filter.values],
    );
    return rows[0]?.audience as number;
  }

  /**
   * The segment as SQL, rule for rule the domain's `segmentMatches`: opted in; a last-order range needs a
   * last order inside it; a spend range needs a total in the range's currency inside it; tags any / all.
   * Tags are stored normalized (trimmed, lower-case), as segments hold them.
   */
  private audienceFilter(segment: AudienceSegment): ListFilterBuilder {
    const { lastOrderFrom: from, lastOrderTo: to, totalSpentMin: min, totalSpentMax: max } = segment;
    const at = (param: (value: unknown, type: string) => string, ms: number) =>
      `${this.table.schema}.ms_to_timestamptz(${param(ms, 'bigint')})`;
    const filter = new ListFilterBuilder().where(() => "consent = 'OPTED_IN'");
    if (from !== null || to !== null) filter.where(() => 'last_order_at IS NOT NULL');
    if (from !== null) filter.where((param) => `last_order_at >= ${at(param, from)}`);
    if (to !== null) filter.where((param) => `last_order_at <= ${at(param, to)}`);
    const currency = (min ?? max)?.currency;
    if (currency !== undefined) filter.where((param) => `total_spent_currency = ${param(currency, 'text')}`);
    if (min) filter.where((param) => `total_spent_minor >= ${param(min.amountMinor, 'bigint')}`);
    if (max) filter.where((param) => `total_spent_minor <= ${param(max.amountMinor, 'bigint')}`);
    if (segment.tagsAny.length > 0)
      filter.where((param) => `tags && ${param([...segment.tagsAny], 'text[]')}`);
    if (segment.tagsAll.length > 0)
      filter.where((param) => `tags @> ${param([...segment.tagsAll], 'text[]')}`);
    return filter;
  }
}
