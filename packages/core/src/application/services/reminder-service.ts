import type { ReminderSnapshot } from '../../domain/reminder-snapshot.js';
import type { CommandHandlers } from '../commands/command-handlers.js';
import type { CancelReminderCommand, ScheduleReminderCommand } from '../commands/reminder-commands.js';
import type { Queries } from '../queries.js';

/**
 * Reminders: schedule, cancel, and find the due ones. A thin face over the reminder commands and queries.
 *
 * @example
 * ```ts
 * await app.reminders.scheduleReminder({
 *   organizationId: 'org-123',
 *   customerId: 'cust-456',
 *   customerPhone: '+14155550100',
 *   type: ReminderType.PAYMENT_DUE,
 *   message: 'Payment reminder message',
 *   scheduledFor: new Date('2025-01-15T10:00:00Z'),
 * });
 * ```
 */
export class ReminderService {
  readonly #commands: CommandHandlers;
  readonly #queries: Queries;

  constructor(commands: CommandHandlers, queries: Queries) {
    this.#commands = commands;
    this.#queries = queries;
  }

  /** @see CommandHandlers.scheduleReminder */
  scheduleReminder(input: ScheduleReminderCommand): Promise<ReminderSnapshot> {
    return this.#commands.scheduleReminder(input);
  }
  /** @see CommandHandlers.cancelReminder */
  cancelReminder(input: CancelReminderCommand): Promise<ReminderSnapshot> {
    return this.#commands.cancelReminder(input);
  }
  /** @see Queries.listDueReminders */
  listDue(input: { now?: number; limit?: number } = {}): Promise<ReminderSnapshot[]> {
    return this.#queries.listDueReminders(input);
  }
}
