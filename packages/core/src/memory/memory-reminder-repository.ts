import { ValidationError } from '../domain/errors.js';
import { Reminder } from '../domain/reminder.js';
import type { ReminderSnapshot } from '../domain/reminder-snapshot.js';
import {
  MAX_PAGE_SIZE,
  type Page,
  type ReminderQuery,
  type ReminderRepository,
} from '../ports/repositories.js';
import type { SortOrder } from './keyset-page.js';
import { MemoryAggregateRepository } from './memory-aggregate-repository.js';

/** Soonest first: `scheduledFor` asc, then id asc. */
const SOONEST_FIRST: SortOrder<ReminderSnapshot> = [
  { value: (row) => row.scheduledFor, type: 'number', direction: 'asc' },
  { value: (row) => row.id, type: 'string', direction: 'asc' },
];

/**
 * The embedded `ReminderRepository`: reminders as snapshots, compare-and-set saves, listed soonest first;
 * `findDue` is the sweeper's cross-organization read.
 *
 * @example
 * ```ts
 * const reminders = new MemoryReminderRepository();
 * await reminders.save(reminder);
 * const due = await reminders.findDue(clock.now(), 100);
 * ```
 */
export class MemoryReminderRepository
  extends MemoryAggregateRepository<Reminder, ReminderSnapshot>
  implements ReminderRepository
{
  constructor() {
    super({ what: 'Reminder', fromSnapshot: (snapshot) => Reminder.fromSnapshot(snapshot) });
  }

  async list(organizationId: string, query: ReminderQuery = {}): Promise<Page<Reminder>> {
    const { customerId, statuses, referenceId } = query;
    const rows = this.rows(organizationId).filter(
      (row) =>
        (customerId === undefined || row.customerId === customerId) &&
        (statuses === undefined || statuses.includes(row.status)) &&
        (referenceId === undefined || row.reference?.id === referenceId),
    );
    return this.page(rows, SOONEST_FIRST, query);
  }

  async findDue(now: number, limit: number): Promise<Reminder[]> {
    const issues = [];
    if (!Number.isFinite(now)) issues.push({ path: 'now', message: 'must be epoch milliseconds' });
    if (!(Number.isInteger(limit) && limit >= 1 && limit <= MAX_PAGE_SIZE)) {
      issues.push({ path: 'limit', message: `must be an integer from 1 to ${MAX_PAGE_SIZE}` });
    }
    if (issues.length > 0) throw new ValidationError('Cannot find due reminders', issues);
    const due = this.rows().filter((row) => row.status === 'PENDING' && row.scheduledFor <= now);
    due.sort(
      (a, b) =>
        a.scheduledFor - b.scheduledFor || compare(a.id, b.id) || compare(a.organizationId, b.organizationId),
    );
    return due.slice(0, limit).map((row) => this.rebuild(row));
  }
}

function compare(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
