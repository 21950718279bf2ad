import {
  MAX_PAGE_SIZE,
  type Page,
  Reminder,
  type ReminderQuery,
  type ReminderReference,
  type ReminderRepository,
  type ReminderSnapshot,
  type ReminderStatus,
  type ReminderType,
  ValidationError,
  type ValidationIssue,
} from '@chatcart/core';
import { AggregateTable, type AggregateTableSpec, type KeysetOrder } from './aggregate-table.js';
import { ListFilterBuilder, PostgresAggregateRepository } from './postgres-aggregate-repository.js';
import type { SqlExecutor, SqlRow } from './sql-executor.js';

const SPEC: AggregateTableSpec<Reminder, ReminderSnapshot> = {
  what: 'Reminder',
  table: 'reminders',
  columns: [
    { name: 'type', kind: 'text', value: (s) => s.type },
    { name: 'customer_id', kind: 'text', value: (s) => s.customerId },
    { name: 'customer_phone', kind: 'text', value: (s) => s.customerPhone },
    { name: 'message', kind: 'text', value: (s) => s.message },
    { name: 'status', kind: 'text', value: (s) => s.status },
    { name: 'attempts', kind: 'integer', value: (s) => s.attempts },
    { name: 'max_attempts', kind: 'integer', value: (s) => s.maxAttempts },
    { name: 'last_error', kind: 'text', value: (s) => s.lastError },
    { name: 'reference_kind', kind: 'text', value: (s) => s.reference?.kind ?? null },
    { name: 'reference_id', kind: 'text', value: (s) => s.reference?.id ?? null },
    { name: 'scheduled_for', kind: 'timestamp', value: (s) => s.scheduledFor },
    { name: 'created_at', kind: 'timestamp', value: (s) => s.createdAt },
    { name: 'updated_at', kind: 'timestamp', value: (s) => s.updatedAt },
    { name: 'sent_at', kind: 'timestamp', value: (s) => s.sentAt },
    { name: 'cancelled_at', kind: 'timestamp', value: (s) => s.cancelledAt },
  ],
  toSnapshot: (row: SqlRow): ReminderSnapshot => ({
    id: row.id as string,
    organizationId: row.organization_id as string,
    version: row.version as number,
    type: row.type as ReminderType,
    customerId: row.customer_id as string,
    customerPhone: row.customer_phone as string,
    message: row.message as string,
    scheduledFor: row.scheduled_for as number,
    status: row.status as ReminderStatus,
    attempts: row.attempts as number,
    maxAttempts: row.max_attempts as number,
    lastError: row.last_error as string | null,
    reference:
      row.reference_kind === null
        ? null
        : { kind: row.reference_kind as ReminderReference['kind'], id: row.reference_id as string },
    createdAt: row.created_at as number,
    updatedAt: row.updated_at as number,
    sentAt: row.sent_at as number | null,
    cancelledAt: row.cancelled_at as number | null,
  }),
  fromSnapshot: (snapshot) => Reminder.fromSnapshot(snapshot),
};

/** Soonest first: `scheduled_for` asc, then id asc. */
const SOONEST_FIRST: KeysetOrder<ReminderSnapshot> = {
  columns: [
    { name: 'scheduled_for', kind: 'timestamp' },
    { name: 'id', kind: 'text' },
  ],
  direction: 'asc',
  key: (s) => [s.scheduledFor, s.id],
};

/** The reminders table of a schema (internal; built once per store). */
export function reminderTable(quotedSchema: string): AggregateTable<Reminder, ReminderSnapshot> {
  return new AggregateTable(SPEC, quotedSchema);
}

/**
 * The `ReminderRepository` on PostgreSQL: every field a column (the reference as kind + id), listed soonest
 * first. `findDue` reads a partial index of PENDING reminders by due time across organizations, for the
 * sweeper that re-enqueues reminders whose job was lost.
 *
 * Get one from {@link createPostgresStores} (`stores.repositories.reminders`, or `tx.reminders`).
 */
export class PostgresReminderRepository
  extends PostgresAggregateRepository<Reminder, ReminderSnapshot>
  implements ReminderRepository
{
  /** @internal Built by `createPostgresStores`. */
  constructor(db: SqlExecutor, table: AggregateTable<Reminder, ReminderSnapshot>) {
    super(db, table);
  }

  async list(organizationId: string, query: ReminderQuery = {}): Promise<Page<Reminder>> {
    const filter = new ListFilterBuilder()
      .equals('customer_id', query.customerId)
      .oneOf('status', query.statuses)
      .equals('reference_id', query.referenceId);
    return this.page(organizationId, filter, SOONEST_FIRST, query, 'list reminders');
  }

  async findDue(now: number, limit: number): Promise<Reminder[]> {
    const issues: ValidationIssue[] = [];
    if (!(Number.isFinite(now) && now >= 0 && now <= Number.MAX_SAFE_INTEGER)) {
      issues.push({ path: 'now', message: 'must be epoch milliseconds' });
    }
    if (!(Number.isInteger(limit) && limit >= 1 && limit <= MAX_PAGE_SIZE)) {
      issues.push({ path: 'limit', message: `must be an integer from 1 to ${MAX_PAGE_SIZE}` });
    }
    if (issues.length > 0) throw new ValidationError('Cannot find due reminders', issues);
    const rows = await this.db.query(
      `SELECT ${this.table.selectList} FROM ${this.table.name} ` +
        `WHERE status = 'PENDING' AND scheduled_for <= ${this.table.schema}.ms_to_timestamptz($1::bigint) ` +
        'ORDER BY scheduled_for, id, organization_id LIMIT $2',
      // Stored times are whole milliseconds, so "at or before now" is "at or before floor(now)".
      [Math.floor(now), limit],
    );
    return rows.map((row) => this.rebuild(row));
  }
}
