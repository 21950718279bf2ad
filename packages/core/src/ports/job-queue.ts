import type { JsonValue } from './session-store.js';

/**
 * The queues chatcart's own work runs on. Job handlers for each live in `jobs/`; the queue adapter only
 * moves jobs. Hosts may add queues of their own: any name without `:` works.
 */
export const QUEUE_NAMES = {
  orderProcessing: 'order-processing',
  invoiceProcessing: 'invoice-processing',
  reminders: 'reminders',
  campaigns: 'campaigns',
} as const;

/** One of chatcart's own queue names. */
export type QueueName = (typeof QUEUE_NAMES)[keyof typeof QUEUE_NAMES];

/** How long to wait before retrying a failed job. */
export interface BackoffOptions {
  /**
   * `fixed` waits `delayMs` before every retry; `exponential` waits `delayMs × 2^(failures − 1)`, so 1 s, 2 s,
   * 4 s… (BullMQ's formula, so every adapter retries on the same schedule).
   */
  readonly type: 'exponential' | 'fixed';
  readonly delayMs: number;
}

/** How a job is enqueued. Every field is optional; see `resolveEnqueueOptions` for the defaults. */
export interface EnqueueOptions {
  /**
   * A caller-chosen id that makes enqueueing idempotent: while a job with this id exists (waiting, delayed,
   * active, or finished and still retained) enqueueing it again does nothing. Must not contain `:` (BullMQ
   * reserves it). Derive it from what the job is about, e.g. `order-confirmed_ord_123`.
   */
  readonly jobId?: string;
  /** Run no earlier than this many milliseconds from now. */
  readonly delayMs?: number;
  /** How many times the handler may run in total (1 = no retries). */
  readonly attempts?: number;
  /** The wait between attempts. */
  readonly backoff?: BackoffOptions;
  /**
   * 1 is the highest priority, larger numbers run later (BullMQ's convention, up to 2 097 152). Jobs without a
   * priority run before prioritised ones, as in BullMQ.
   */
  readonly priority?: number;
}

/** A job as its handler sees it. */
export interface Job<TPayload extends JsonValue = JsonValue> {
  readonly id: string;
  readonly queue: string;
  /** What kind of job this is within its queue (handlers switch on it), e.g. `issue-invoice`. */
  readonly name: string;
  /** The payload as JSON gave it back: a fresh copy on every attempt. */
  readonly payload: TPayload;
  /** Which run this is, from 1. */
  readonly attempt: number;
  readonly maxAttempts: number;
  /** When the job was enqueued, in epoch milliseconds. */
  readonly enqueuedAt: number;
}

/**
 * Does the work of one job. Resolving completes the job; throwing fails this attempt, and the job is retried
 * while attempts remain. Handlers must be idempotent: a job can run more than once (a retry after a crash).
 */
export type JobHandler = (job: Job) => Promise<void>;

/** How a queue's jobs are processed. */
export interface ProcessOptions {
  /** How many jobs of this queue may run at once in this process; at least 1. */
  readonly concurrency: number;
}

/** How many jobs a queue holds in each state, for metrics and health checks. */
export interface JobCounts {
  readonly waiting: number;
  /** Jobs waiting for their time: enqueued with a delay, or backing off before a retry. */
  readonly delayed: number;
  readonly active: number;
  /** Finished jobs the adapter still keeps; older ones drop out as retention removes them. */
  readonly completed: number;
  readonly failed: number;
}

/** Reported when a job's handler resolved. */
export interface JobCompletedEvent {
  readonly job: Job;
  readonly durationMs: number;
}

/** Reported on every failed attempt; `willRetry` is false on the last one (the job is then failed). */
export interface JobFailedEvent {
  readonly job: Job;
  readonly error: Error;
  readonly willRetry: boolean;
  /** How long until the retry, when there is one. */
  readonly retryInMs?: number;
}

/** What a job queue reports. Listeners must not throw; an adapter swallows (and logs) what they throw. */
export interface JobQueueEvents {
  completed: (event: JobCompletedEvent) => void;
  failed: (event: JobFailedEvent) => void;
}

/** How `close` went. */
export interface CloseResult {
  /** Jobs still running when the deadline passed; a shared queue hands them to another worker later. */
  readonly abandoned: number;
}

/**
 * Background jobs: delays, retries with backoff, bounded concurrency, graceful shutdown. Core's jobs
 * (order processing, invoices, reminders, campaigns) run on it; `MemoryJobQueue` is the embedded default and
 * `@chatcart/queue-bullmq` the shared one. Every adapter passes `describeJobQueueContract`.
 *
 * @example
 * ```ts
 * await queue.process(QUEUE_NAMES.reminders, async (job) => reminders.fire(job.payload), { concurrency: 5 });
 * await queue.enqueue(QUEUE_NAMES.reminders, 'fire-reminder', { reminderId: 'rem_1' }, {
 *   jobId: 'reminder_rem_1',
 *   delayMs: dueAt - clock.now(),
 *   attempts: 5,
 *   backoff: { type: 'exponential', delayMs: 1_000 },
 * });
 * ```
 */
export interface JobQueue {
  /**
   * Adds a job and resolves with its id (the given `jobId`, or a generated one). Rejects with a
   * `ValidationError` for a bad queue name, job id, payload that is not JSON, or options out of range, and
   * with a `ChatcartError` coded `QUEUE_CLOSED` after `close`.
   */
  enqueue(queue: string, name: string, payload: JsonValue, options?: EnqueueOptions): Promise<string>;
  /**
   * Starts running `queue`'s jobs with `handler`, at most `concurrency` at a time in this process. One
   * handler per queue per process; jobs enqueued before it was registered wait for it.
   */
  process(queue: string, handler: JobHandler, options: ProcessOptions): Promise<void>;
  /** Stops starting new jobs of `queue` (of every queue when omitted); running jobs finish. */
  pause(queue?: string): Promise<void>;
  /** Undoes `pause`. */
  resume(queue?: string): Promise<void>;
  /** Counts `queue`'s jobs by state. */
  counts(queue: string): Promise<JobCounts>;
  /** Subscribes to job outcomes; returns the function that unsubscribes. */
  on<TEvent extends keyof JobQueueEvents>(event: TEvent, listener: JobQueueEvents[TEvent]): () => void;
  /**
   * Stops taking jobs and refuses new ones, then waits for running jobs up to `deadlineMs` (10 s when
   * omitted). Resolves, never rejects, once they finished or the deadline passed; calling it again returns
   * the same outcome.
   */
  close(options?: { readonly deadlineMs?: number }): Promise<CloseResult>;
}
