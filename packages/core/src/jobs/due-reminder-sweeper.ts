import { type JobQueue, QUEUE_NAMES } from '../ports/job-queue.js';
import { type Logger, silentLogger } from '../ports/logger.js';
import type { ReminderRepository } from '../ports/repositories.js';
import { type CancelScheduled, type Scheduler, timerScheduler } from '../ports/scheduler.js';
import { JOB_NAMES, jobIdOf } from './job-names.js';

/** Options of {@link DueReminderSweeper}. */
export interface DueReminderSweeperOptions {
  readonly reminders: ReminderRepository;
  readonly queue: JobQueue;
  readonly scheduler?: Scheduler;
  /** Time between sweeps. Default 5 minutes. */
  readonly intervalMs?: number;
  /** How overdue a reminder must be before the sweeper steps in, so it does not race a job about to run. Default 1 minute. */
  readonly graceMs?: number;
  /** Most reminders enqueued per sweep. Default 500. */
  readonly batchSize?: number;
  /** Attempts of the jobs it enqueues. Default 5. */
  readonly attempts?: number;
  readonly logger?: Logger;
}

/**
 * The safety net under reminder jobs: every `intervalMs` it looks for PENDING reminders that are overdue by
 * more than `graceMs` (their job was lost: a queue flushed, a relay that never ran) and enqueues a
 * `fire-reminder` job for each. The reminder job reloads the reminder and the send ledger keeps a second
 * job from sending twice, so a sweep that overlaps a live job is harmless.
 *
 * @example
 * ```ts
 * const sweeper = new DueReminderSweeper({ reminders: repositories.reminders, queue });
 * sweeper.start();
 * ```
 */
export class DueReminderSweeper {
  readonly #reminders: ReminderRepository;
  readonly #queue: JobQueue;
  readonly #scheduler: Scheduler;
  readonly #intervalMs: number;
  readonly #graceMs: number;
  readonly #batchSize: number;
  readonly #attempts: number;
  readonly #logger: Logger;
  #cancel: CancelScheduled | undefined;
  #inFlight: Promise<void> | undefined;
  #running = false;

  constructor(options: DueReminderSweeperOptions) {
    this.#reminders = options.reminders;
    this.#queue = options.queue;
    this.#scheduler = options.scheduler ?? timerScheduler();
    this.#intervalMs = options.intervalMs ?? 5 * 60_000;
    this.#graceMs = options.graceMs ?? 60_000;
    this.#batchSize = options.batchSize ?? 500;
    this.#attempts = options.attempts ?? 5;
    this.#logger = options.logger ?? silentLogger;
    for (const [name, value] of [
      ['intervalMs', this.#intervalMs],
      ['batchSize', this.#batchSize],
    ] as const) {
      if (!(Number.isSafeInteger(value) && value >= 1)) {
        throw new RangeError(`DueReminderSweeper: ${name} must be a whole number ≥ 1, got ${value}`);
      }
    }
  }

  /** Enqueues a job for every reminder overdue beyond the grace period; resolves with how many. */
  async sweepOnce(): Promise<number> {
    const due = await this.#reminders.findDue(this.#scheduler.clock.now() - this.#graceMs, this.#batchSize);
    for (const reminder of due) {
      await this.#queue.enqueue(
        QUEUE_NAMES.reminders,
        JOB_NAMES.fireReminder,
        { organizationId: reminder.organizationId, reminderId: reminder.id },
        {
          jobId: jobIdOf('rem', reminder.id, 'sweep', String(reminder.scheduledFor)),
          attempts: this.#attempts,
        },
      );
    }
    if (due.length > 0) this.#logger.warn({ count: due.length }, 'overdue reminders were enqueued again');
    return due.length;
  }

  /** Sweeps every `intervalMs` until stopped. */
  start(): void {
    if (this.#running) return;
    this.#running = true;
    this.#schedule();
  }

  /** Stops sweeping and waits for a sweep in flight. */
  async stop(): Promise<void> {
    this.#running = false;
    this.#cancel?.();
    this.#cancel = undefined;
    await this.#inFlight;
  }

  #schedule(): void {
    this.#cancel = this.#scheduler.at(this.#scheduler.clock.now() + this.#intervalMs, () => {
      this.#inFlight = this.sweepOnce()
        .then(
          () => undefined,
          (error: unknown) =>
            this.#logger.error({ err: error }, 'reminder sweep failed; retrying at the next one'),
        )
        .finally(() => {
          this.#inFlight = undefined;
          if (this.#running) this.#schedule();
        });
    });
  }
}
