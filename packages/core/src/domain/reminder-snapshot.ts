import { isE164PhoneNumber } from './phone-number.js';
import { SnapshotReader } from './snapshot-reader.js';

/** Every kind of reminder. */
export const REMINDER_TYPES = [
  'PAYMENT_DUE',
  'CART_ABANDONED',
  'ORDER_FOLLOWUP',
  'RESTOCK',
  'CUSTOM',
] as const;
/** What a reminder is about. */
export type ReminderType = (typeof REMINDER_TYPES)[number];
/**
 * The reminder kinds by name, so code reads `ReminderType.PAYMENT_DUE` as well as `'PAYMENT_DUE'`. The value
 * and the {@link ReminderType} type share the name, so one import gives both.
 *
 * @example
 * ```ts
 * await reminders.scheduleReminder({ organizationId, customerId, customerPhone, type: ReminderType.PAYMENT_DUE,
 *   message: 'Invoice INV-000042 is due today.', scheduledFor: new Date('2025-01-15T10:00:00Z') });
 * ```
 */
export const ReminderType = Object.freeze({
  PAYMENT_DUE: 'PAYMENT_DUE',
  CART_ABANDONED: 'CART_ABANDONED',
  ORDER_FOLLOWUP: 'ORDER_FOLLOWUP',
  RESTOCK: 'RESTOCK',
  CUSTOM: 'CUSTOM',
} as const satisfies { readonly [K in ReminderType]: K });

/** Every status a reminder can be in. */
export const REMINDER_STATUSES = ['PENDING', 'SENT', 'CANCELLED', 'FAILED'] as const;
/** PENDING → SENT | CANCELLED | FAILED (after the last allowed attempt). */
export type ReminderStatus = (typeof REMINDER_STATUSES)[number];

/** Kinds of thing a reminder may point at. */
export const REMINDER_REFERENCE_KINDS = ['order', 'invoice', 'product', 'campaign'] as const;
/** What a reminder points at, for example the invoice a PAYMENT_DUE reminder chases. */
export interface ReminderReference {
  readonly kind: (typeof REMINDER_REFERENCE_KINDS)[number];
  readonly id: string;
}

/** WhatsApp's limit on a text message body, in characters. */
export const MAX_REMINDER_MESSAGE_LENGTH = 4096;
/** Send attempts allowed when none is given. */
export const DEFAULT_REMINDER_MAX_ATTEMPTS = 3;
/** The most send attempts a reminder may allow. */
export const MAX_REMINDER_ATTEMPTS = 10;
/** The longest error text kept on a reminder; longer errors are cut. */
export const MAX_REMINDER_ERROR_LENGTH = 1000;

/** The JSON shape of a reminder, the only way in and out of a store. */
export interface ReminderSnapshot {
  readonly id: string;
  readonly organizationId: string;
  readonly version: number;
  readonly type: ReminderType;
  readonly customerId: string;
  /** E.164. */
  readonly customerPhone: string;
  readonly message: string;
  readonly scheduledFor: number;
  readonly status: ReminderStatus;
  /** Send attempts made so far, successful or not. */
  readonly attempts: number;
  readonly maxAttempts: number;
  readonly lastError: string | null;
  readonly reference: ReminderReference | null;
  readonly createdAt: number;
  readonly updatedAt: number;
  readonly sentAt: number | null;
  readonly cancelledAt: number | null;
}

/**
 * Validates an untrusted reminder snapshot, fields and invariants, and returns a clean copy (internal; use
 * `Reminder.fromSnapshot`).
 *
 * @throws {ValidationError} listing every problem.
 */
export function readReminderSnapshot(input: unknown): ReminderSnapshot {
  const r = SnapshotReader.of(input);
  const snapshot: ReminderSnapshot = {
    id: r.string('id'),
    organizationId: r.string('organizationId'),
    version: r.integer('version', 0),
    type: r.oneOf('type', REMINDER_TYPES),
    customerId: r.string('customerId'),
    customerPhone: r.string('customerPhone', { max: 16 }),
    message: r.string('message', { max: MAX_REMINDER_MESSAGE_LENGTH }),
    scheduledFor: r.timestamp('scheduledFor'),
    status: r.oneOf('status', REMINDER_STATUSES),
    attempts: r.integer('attempts', 0, MAX_REMINDER_ATTEMPTS),
    maxAttempts: r.integer('maxAttempts', 1, MAX_REMINDER_ATTEMPTS),
    lastError: r.stringOrNull('lastError', { max: MAX_REMINDER_ERROR_LENGTH }),
    reference: r.isNull('reference')
      ? null
      : r.object('reference', (ref) => ({
          kind: ref.oneOf('kind', REMINDER_REFERENCE_KINDS),
          id: ref.string('id'),
        })),
    createdAt: r.timestamp('createdAt'),
    updatedAt: r.timestamp('updatedAt'),
    sentAt: r.timestampOrNull('sentAt'),
    cancelledAt: r.timestampOrNull('cancelledAt'),
  };
  const { status, attempts, maxAttempts } = snapshot;
  if (!isE164PhoneNumber(snapshot.customerPhone)) r.issue('customerPhone', 'must be E.164');
  if (attempts > maxAttempts) r.issue('attempts', 'must not exceed maxAttempts');
  if (status === 'PENDING' && attempts >= maxAttempts)
    r.issue('attempts', 'a PENDING reminder must have attempts left');
  if (status === 'FAILED' && attempts !== maxAttempts)
    r.issue('attempts', 'a FAILED reminder has used every attempt');
  if (status === 'SENT' && attempts < 1) r.issue('attempts', 'a SENT reminder was attempted at least once');
  if ((snapshot.sentAt !== null) !== (status === 'SENT')) r.issue('sentAt', 'must be set exactly when SENT');
  if ((snapshot.cancelledAt !== null) !== (status === 'CANCELLED')) {
    r.issue('cancelledAt', 'must be set exactly when CANCELLED');
  }
  r.finish('reminder');
  return snapshot;
}
