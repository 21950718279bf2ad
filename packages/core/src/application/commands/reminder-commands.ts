import { z } from 'zod';
import { Reminder } from '../../domain/reminder.js';
import {
  MAX_REMINDER_ATTEMPTS,
  MAX_REMINDER_MESSAGE_LENGTH,
  REMINDER_REFERENCE_KINDS,
  REMINDER_TYPES,
  type ReminderSnapshot,
} from '../../domain/reminder-snapshot.js';
import type { CommandRunner } from '../command-runner.js';
import {
  clientIdSchema,
  expected,
  idSchema,
  optionalTextSchema,
  organizationIdSchema,
  phoneSchema,
  timestampSchema,
} from '../schemas.js';
import { parseInput } from '../validation.js';

/** Input of `scheduleReminder`. `scheduledFor` is a `Date` or epoch milliseconds. */
export const scheduleReminderSchema = z.object({
  organizationId: organizationIdSchema,
  /** Pick the id to make a retried request return the reminder the first one scheduled. */
  reminderId: clientIdSchema,
  customerId: idSchema,
  customerPhone: phoneSchema,
  type: z.enum(REMINDER_TYPES, { error: `must be one of ${REMINDER_TYPES.join(', ')}` }),
  message: z
    .string(expected('must be the text to send'))
    .trim()
    .min(1, { error: 'must not be empty' })
    .max(MAX_REMINDER_MESSAGE_LENGTH, { error: `must be at most ${MAX_REMINDER_MESSAGE_LENGTH} characters` }),
  scheduledFor: timestampSchema,
  /** Send attempts allowed (default 3). */
  maxAttempts: z.number().int().min(1).max(MAX_REMINDER_ATTEMPTS).optional(),
  /** The order, invoice, product or campaign the reminder is about. */
  reference: z
    .object({
      kind: z.enum(REMINDER_REFERENCE_KINDS, {
        error: `must be one of ${REMINDER_REFERENCE_KINDS.join(', ')}`,
      }),
      id: idSchema,
    })
    .optional(),
});

/** Input of `cancelReminder`. */
export const cancelReminderSchema = z.object({
  organizationId: organizationIdSchema,
  reminderId: idSchema,
  reason: optionalTextSchema(500),
});

export type ScheduleReminderCommand = z.input<typeof scheduleReminderSchema>;
export type CancelReminderCommand = z.input<typeof cancelReminderSchema>;

/** The reminder commands; gathered into `CommandHandlers` by `createCommandHandlers`. */
export interface ReminderCommands {
  /**
   * Schedules a PENDING reminder. The job that fires it sends only if it is still pending and due. With
   * `reminderId`, a retry returns the reminder already scheduled.
   */
  scheduleReminder(input: ScheduleReminderCommand): Promise<ReminderSnapshot>;
  /** PENDING → CANCELLED. */
  cancelReminder(input: CancelReminderCommand): Promise<ReminderSnapshot>;
}

/** Builds the reminder commands on a runner. */
export function createReminderCommands(runner: CommandRunner): ReminderCommands {
  return {
    scheduleReminder: async (raw) => {
      const input = parseInput(scheduleReminderSchema, raw, 'scheduleReminder');
      return runner.run('scheduleReminder', async (scope) => {
        const { tx, now } = scope;
        if (input.reminderId !== undefined) {
          const existing = await tx.reminders.findById(input.organizationId, input.reminderId);
          if (existing) return existing.toSnapshot();
        }
        const reminder = Reminder.schedule({
          id: input.reminderId ?? scope.ids.next('rem'),
          organizationId: input.organizationId,
          type: input.type,
          customerId: input.customerId,
          customerPhone: input.customerPhone,
          message: input.message,
          scheduledFor: input.scheduledFor,
          ...(input.maxAttempts === undefined ? {} : { maxAttempts: input.maxAttempts }),
          ...(input.reference === undefined ? {} : { reference: input.reference }),
          now,
        });
        await scope.save(tx.reminders, reminder);
        return reminder.toSnapshot();
      });
    },

    cancelReminder: async (raw) => {
      const input = parseInput(cancelReminderSchema, raw, 'cancelReminder');
      return runner.run('cancelReminder', async (scope) => {
        const reminder = await scope.tx.reminders.getById(input.organizationId, input.reminderId);
        reminder.cancel(scope.now, input.reason);
        await scope.save(scope.tx.reminders, reminder);
        return reminder.toSnapshot();
      });
    },
  };
}
