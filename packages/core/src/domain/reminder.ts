import { AggregateRoot } from './aggregate-root.js';
import type { ReminderEventName } from './domain-event.js';
import { DomainError, InvalidTransitionError, ValidationError } from './errors.js';
import { optionalText, requireId, requireInteger, requireText, requireTimestamp } from './guards.js';
import { normalizePhoneNumber } from './phone-number.js';
import {
  DEFAULT_REMINDER_MAX_ATTEMPTS,
  MAX_REMINDER_ATTEMPTS,
  MAX_REMINDER_ERROR_LENGTH,
  MAX_REMINDER_MESSAGE_LENGTH,
  REMINDER_REFERENCE_KINDS,
  REMINDER_TYPES,
  type ReminderReference,
  type ReminderSnapshot,
  type ReminderStatus,
  type ReminderType,
  readReminderSnapshot,
} from './reminder-snapshot.js';

/** What {@link Reminder.schedule} takes. */
export interface ScheduleReminderInput {
  readonly id: string;
  readonly organizationId: string;
  readonly type: ReminderType;
  readonly customerId: string;
  /** Normalized to E.164 (`whatsapp:` prefixes, spaces and dashes are dropped). */
  readonly customerPhone: string;
  readonly message: string;
  readonly scheduledFor: number;
  readonly maxAttempts?: number;
  readonly reference?: ReminderReference;
  readonly now: number;
}

/** Options of {@link Reminder.markAsFailed}. */
export interface ReminderFailureOptions {
  /** When to try again, if attempts remain; default: the current `scheduledFor` (the queue's backoff decides). */
  readonly retryAt?: number;
}

type ReminderState = Omit<ReminderSnapshot, 'id' | 'organizationId' | 'version'>;

/**
 * A message to send a customer later: a payment that falls due, an abandoned cart. The job that fires it
 * reloads the reminder and sends only when {@link isReadyToSend}; cancelling is a state change, never a hunt
 * for the queued job. A failed send stays PENDING (attempts + 1) until `maxAttempts`, then becomes FAILED.
 *
 * @example
 * ```ts
 * const reminder = Reminder.schedule({ id: 'rem_1', organizationId: 'org_1', type: 'PAYMENT_DUE',
 *   customerId: 'cus_1', customerPhone: 'whatsapp:+14155550100', message: 'Invoice INV-7 is due today.',
 *   scheduledFor: invoice.dueAt!, reference: { kind: 'invoice', id: invoice.id }, now });
 * if (reminder.isReadyToSend(now)) { await send(); reminder.markAsSent(now); }
 * ```
 */
export class Reminder extends AggregateRoot<ReminderEventName> {
  #state: ReminderState;

  private constructor(id: string, organizationId: string, version: number, state: ReminderState) {
    super(id, organizationId, version);
    this.#state = state;
  }

  /** A new PENDING reminder; raises `reminder.scheduled`. @throws {ValidationError | InvalidPhoneNumberError} */
  static schedule(input: ScheduleReminderInput): Reminder {
    const now = requireTimestamp(input.now, 'now');
    if (!REMINDER_TYPES.includes(input.type)) {
      throw new ValidationError('Invalid reminder.', [
        { path: 'type', message: `must be one of ${REMINDER_TYPES.join(', ')}` },
      ]);
    }
    const reference = input.reference
      ? { kind: input.reference.kind, id: requireId(input.reference.id, 'reference.id') }
      : null;
    if (reference && !REMINDER_REFERENCE_KINDS.includes(reference.kind)) {
      throw new ValidationError('Invalid reminder.', [
        { path: 'reference.kind', message: `must be one of ${REMINDER_REFERENCE_KINDS.join(', ')}` },
      ]);
    }
    const reminder = new Reminder(
      requireId(input.id, 'id'),
      requireId(input.organizationId, 'organizationId'),
      0,
      {
        type: input.type,
        customerId: requireId(input.customerId, 'customerId'),
        customerPhone: normalizePhoneNumber(input.customerPhone),
        message: requireText(input.message, 'message', { max: MAX_REMINDER_MESSAGE_LENGTH }),
        scheduledFor: requireTimestamp(input.scheduledFor, 'scheduledFor'),
        status: 'PENDING',
        attempts: 0,
        maxAttempts: requireInteger(
          input.maxAttempts ?? DEFAULT_REMINDER_MAX_ATTEMPTS,
          'maxAttempts',
          1,
          MAX_REMINDER_ATTEMPTS,
        ),
        lastError: null,
        reference,
        createdAt: now,
        updatedAt: now,
        sentAt: null,
        cancelledAt: null,
      },
    );
    const { type, customerId, scheduledFor } = reminder.#state;
    reminder.raise('reminder.scheduled', now, { type, customerId, scheduledFor, reference });
    return reminder;
  }

  /** Rebuilds a reminder from a stored snapshot, checking every field and invariant. @throws {ValidationError} */
  static fromSnapshot(snapshot: ReminderSnapshot): Reminder {
    const { id, organizationId, version, ...state } = readReminderSnapshot(snapshot);
    return new Reminder(id, organizationId, version, state);
  }

  get type(): ReminderType {
    return this.#state.type;
  }
  get customerId(): string {
    return this.#state.customerId;
  }
  get customerPhone(): string {
    return this.#state.customerPhone;
  }
  get message(): string {
    return this.#state.message;
  }
  get scheduledFor(): number {
    return this.#state.scheduledFor;
  }
  get status(): ReminderStatus {
    return this.#state.status;
  }
  get attempts(): number {
    return this.#state.attempts;
  }
  get maxAttempts(): number {
    return this.#state.maxAttempts;
  }
  get lastError(): string | null {
    return this.#state.lastError;
  }
  get reference(): ReminderReference | null {
    return this.#state.reference;
  }

  /** True when the reminder is PENDING and its time has come. */
  isReadyToSend(now: number): boolean {
    return this.#state.status === 'PENDING' && now >= this.#state.scheduledFor;
  }

  /** Moves a PENDING reminder to another time. @throws {InvalidTransitionError | ValidationError} */
  reschedule(now: number, scheduledFor: number): void {
    requireTimestamp(now, 'now');
    requireTimestamp(scheduledFor, 'scheduledFor');
    this.assertPending('PENDING');
    const from = this.#state.scheduledFor;
    this.#state = { ...this.#state, scheduledFor, updatedAt: now };
    this.raise('reminder.rescheduled', now, { from, to: scheduledFor });
  }

  /**
   * PENDING → SENT. Refused before `scheduledFor`, so a job that fires early cannot send ahead of time.
   *
   * @throws {InvalidTransitionError | DomainError `REMINDER_NOT_DUE`}
   */
  markAsSent(now: number): void {
    requireTimestamp(now, 'now');
    this.assertPending('SENT');
    if (now < this.#state.scheduledFor) {
      throw new DomainError(
        'REMINDER_NOT_DUE',
        `Reminder ${this.id} is not due until ${this.#state.scheduledFor}.`,
        {
          details: { reminderId: this.id, scheduledFor: this.#state.scheduledFor, now },
        },
      );
    }
    const attempts = this.#state.attempts + 1;
    this.#state = { ...this.#state, status: 'SENT', attempts, sentAt: now, updatedAt: now };
    this.raise('reminder.sent', now, { attempts });
  }

  /**
   * Records a failed send: attempts + 1 and `lastError`. The reminder stays PENDING while attempts remain
   * (optionally moved to `retryAt`), and becomes FAILED on the last one.
   *
   * @throws {InvalidTransitionError | ValidationError}
   */
  markAsFailed(now: number, error: string, options: ReminderFailureOptions = {}): void {
    requireTimestamp(now, 'now');
    const retryAt = options.retryAt === undefined ? null : requireTimestamp(options.retryAt, 'retryAt');
    this.assertPending('FAILED');
    const text = (typeof error === 'string' && error.trim() ? error.trim() : 'unknown error').slice(
      0,
      MAX_REMINDER_ERROR_LENGTH,
    );
    const attempts = this.#state.attempts + 1;
    const willRetry = attempts < this.#state.maxAttempts;
    this.#state = {
      ...this.#state,
      status: willRetry ? 'PENDING' : 'FAILED',
      attempts,
      lastError: text.trim(),
      scheduledFor: willRetry && retryAt !== null ? retryAt : this.#state.scheduledFor,
      updatedAt: now,
    };
    this.raise('reminder.failed', now, {
      error: text.trim(),
      attempts,
      willRetry,
      retryAt: willRetry ? this.#state.scheduledFor : null,
    });
  }

  /** PENDING → CANCELLED (the order was paid, the cart checked out). @throws {InvalidTransitionError} */
  cancel(now: number, reason?: string): void {
    requireTimestamp(now, 'now');
    const why = optionalText(reason, 'reason', { max: 500 });
    this.assertPending('CANCELLED');
    this.#state = { ...this.#state, status: 'CANCELLED', cancelledAt: now, updatedAt: now };
    this.raise('reminder.cancelled', now, { reason: why });
  }

  /** The JSON-safe snapshot stores persist. */
  toSnapshot(): ReminderSnapshot {
    const reference = this.#state.reference ? { ...this.#state.reference } : null;
    return {
      id: this.id,
      organizationId: this.organizationId,
      version: this.version,
      ...this.#state,
      reference,
    };
  }

  private assertPending(to: ReminderStatus): void {
    if (this.#state.status !== 'PENDING') {
      throw new InvalidTransitionError(
        'Reminder',
        this.#state.status,
        to,
        'only a PENDING reminder can change',
      );
    }
  }
}
