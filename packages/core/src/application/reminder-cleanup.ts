import type { ReminderType } from '../domain/reminder-snapshot.js';
import type { CommandScope } from './command-runner.js';

/** What {@link cancelPendingReminders} cancels. */
export interface PendingReminderFilter {
  readonly organizationId: string;
  /** The order or invoice the reminders are about. */
  readonly referenceId: string;
  /** Only reminders of these kinds; all kinds when omitted. */
  readonly types?: readonly ReminderType[];
  readonly reason: string;
}

/**
 * Cancels, inside the command's transaction, every PENDING reminder about an order or invoice: a paid invoice
 * must not be chased, a cancelled order not followed up. Returns how many were cancelled.
 */
export async function cancelPendingReminders(
  scope: CommandScope,
  filter: PendingReminderFilter,
): Promise<number> {
  const { tx, now } = scope;
  const pending = [];
  let after: string | null = null;
  // Read every page first: cancelling while paging would change the PENDING set being paged through.
  do {
    const page = await tx.reminders.list(filter.organizationId, {
      referenceId: filter.referenceId,
      statuses: ['PENDING'],
      limit: 100,
      after,
    });
    pending.push(...page.items);
    after = page.nextCursor;
  } while (after !== null);
  let cancelled = 0;
  for (const reminder of pending) {
    if (filter.types && !filter.types.includes(reminder.type)) continue;
    reminder.cancel(now, filter.reason);
    await scope.save(tx.reminders, reminder);
    cancelled += 1;
  }
  return cancelled;
}
