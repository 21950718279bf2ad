import { EventEmitter } from 'eventemitter3';
import { ChatcartError, ValidationError } from '../domain/errors.js';
import { type IdGenerator, uuidGenerator } from '../ports/id-generator.js';
import { assertQueueName, backoffDelay, resolveEnqueueOptions } from '../ports/job-options.js';
import type {
  CloseResult,
  EnqueueOptions,
  Job,
  JobCounts,
  JobHandler,
  JobQueue,
  JobQueueEvents,
  ProcessOptions,
} from '../ports/job-queue.js';
import { type Logger, silentLogger } from '../ports/logger.js';
import { type Scheduler, timerScheduler } from '../ports/scheduler.js';
import type { JsonValue } from '../ports/session-store.js';
import { DueTimeline } from './due-timeline.js';
import { QueueBook, type QueuedJob } from './memory-queue-book.js';

/** How a `MemoryJobQueue` keeps time and ids. */
export interface MemoryJobQueueOptions {
  /**
   * What delayed jobs and retries wait on. Real timers by default; pass the testing kit's `ManualScheduler`
   * to move time by hand (its clock is then the queue's clock).
   */
  readonly scheduler?: Scheduler;
  /** Ids for jobs enqueued without a `jobId`; `job_<uuid>` by default. */
  readonly idGenerator?: IdGenerator;
  /** Finished jobs remembered per queue (for `counts` and `jobId` de-duplication); 1000 by default. */
  readonly keepFinished?: number;
  /** Where errors thrown by event listeners are reported. */
  readonly logger?: Logger;
}

/**
 * The embedded `JobQueue`: jobs live in this process and are lost when it exits, so use
 * `@chatcart/queue-bullmq` when jobs must survive restarts or be shared between instances.
 *
 * Delayed jobs and retries sit in one list ordered by due time, and a single scheduled call waits for the
 * earliest of them (re-armed whenever the earliest changes), so a thousand pending reminders cost one timer.
 * With real timers jobs fire on their own; with a `ManualScheduler`, `scheduler.advance(ms)` fires them, and
 * `whenIdle()` waits until the jobs that could run have run.
 *
 * @example
 * ```ts
 * const queue = new MemoryJobQueue();
 * await queue.process('reminders', async (job) => console.log(job.payload), { concurrency: 2 });
 * await queue.enqueue('reminders', 'fire', { reminderId: 'rem_1' }, { delayMs: 1_000 });
 * ```
 */
export class MemoryJobQueue implements JobQueue {
  readonly #scheduler: Scheduler;
  readonly #ids: IdGenerator;
  readonly #keepFinished: number;
  readonly #logger: Logger;
  readonly #events = new EventEmitter<JobQueueEvents>();
  readonly #queues = new Map<string, QueueBook>();
  /** Every queue's delayed entries (and retries backing off), under one scheduled call. */
  readonly #delayed: DueTimeline<QueuedJob>;
  #pauseNewQueues = false;
  #closing: Promise<CloseResult> | undefined;
  #shutDown = false;
  #idleWaiters: Array<() => void> = [];

  constructor(options: MemoryJobQueueOptions = {}) {
    this.#scheduler = options.scheduler ?? timerScheduler();
    this.#delayed = new DueTimeline(this.#scheduler, () => this.runDue());
    this.#ids = options.idGenerator ?? uuidGenerator;
    this.#keepFinished = options.keepFinished ?? 1_000;
    if (!(Number.isInteger(this.#keepFinished) && this.#keepFinished >= 0)) {
      throw new RangeError(`keepFinished must be a non-negative integer, got ${options.keepFinished}`);
    }
    this.#logger = options.logger ?? silentLogger;
  }

  async enqueue(queue: string, name: string, payload: JsonValue, options?: EnqueueOptions): Promise<string> {
    this.#assertOpen();
    const job = resolveEnqueueOptions(queue, name, payload, options);
    const state = this.#state(queue);
    const id = job.jobId ?? this.#ids.next('job');
    // A taken id is a no-op, not an error: the outbox relay may hand the same event over twice.
    if (state.has(id)) return id;
    const now = this.#scheduler.clock.now();
    const entry: QueuedJob = {
      id,
      queue,
      name,
      payloadJson: job.payloadJson,
      maxAttempts: job.attempts,
      backoff: job.backoff,
      rank: job.priority ?? 0,
      enqueuedAt: now,
      attemptsMade: 0,
      dueAt: now + job.delayMs,
    };
    state.admit(entry);
    if (job.delayMs > 0) this.#delay(state, entry);
    else this.#makeWaiting(state, entry);
    return id;
  }

  async process(queue: string, handler: JobHandler, options: ProcessOptions): Promise<void> {
    this.#assertOpen();
    assertQueueName(queue);
    const { concurrency } = options;
    if (!(Number.isInteger(concurrency) && concurrency >= 1)) {
      throw new ValidationError(`Cannot process "${queue}"`, [
        { path: 'concurrency', message: `must be an integer ≥ 1, got ${concurrency}` },
      ]);
    }
    const state = this.#state(queue);
    if (state.worker) {
      throw new ChatcartError(
        'QUEUE_ALREADY_PROCESSED',
        `Queue "${queue}" already has a handler in this process.`,
        {
          details: { queue },
        },
      );
    }
    state.worker = { handler, concurrency };
    this.#pump(state);
  }

  async pause(queue?: string): Promise<void> {
    if (queue === undefined) this.#pauseNewQueues = true;
    for (const state of this.#targets(queue)) state.paused = true;
    this.#notifyIfIdle();
  }

  async resume(queue?: string): Promise<void> {
    if (queue === undefined) this.#pauseNewQueues = false;
    for (const state of this.#targets(queue)) {
      state.paused = false;
      this.#pump(state);
    }
  }

  async counts(queue: string): Promise<JobCounts> {
    assertQueueName(queue);
    const state = this.#queues.get(queue);
    return state ? state.counts() : { waiting: 0, delayed: 0, active: 0, completed: 0, failed: 0 };
  }

  on<TEvent extends keyof JobQueueEvents>(event: TEvent, listener: JobQueueEvents[TEvent]): () => void {
    // A throwing listener must neither kill the worker nor keep later listeners from hearing the event.
    const guarded = ((payload: Parameters<JobQueueEvents[TEvent]>[0]) => {
      try {
        (listener as (value: typeof payload) => void)(payload);
      } catch (error) {
        this.#logger.error({ err: error, event }, 'A job queue event listener threw');
      }
    }) as EventEmitter.EventListener<JobQueueEvents, TEvent>;
    this.#events.on(event, guarded);
    return () => void this.#events.off(event, guarded);
  }

  close(options: { readonly deadlineMs?: number } = {}): Promise<CloseResult> {
    const deadlineMs = options.deadlineMs ?? 10_000;
    if (!(Number.isFinite(deadlineMs) && deadlineMs >= 0)) {
      return Promise.reject(new RangeError(`deadlineMs must be a finite number ≥ 0, got ${deadlineMs}`));
    }
    this.#closing ??= this.#drain(deadlineMs);
    return this.#closing;
  }

  /**
   * Moves delayed jobs whose time has come to their queues and starts them. The scheduler calls it; call it
   * yourself only after moving a `ManualClock` without its `ManualScheduler`. Returns how many became due.
   */
  runDue(): number {
    const due = this.#delayed.takeDue();
    const touched = new Set<QueueBook>();
    for (const entry of due) {
      const state = this.#state(entry.queue);
      state.delayed -= 1;
      this.#makeWaiting(state, entry, false);
      touched.add(state);
    }
    for (const state of touched) this.#pump(state);
    this.#notifyIfIdle();
    return due.length;
  }

  /**
   * Resolves once nothing is running and no queue with a handler (and not paused) has jobs waiting. Delayed
   * jobs are not waited for: advance the scheduler to make them due first.
   */
  whenIdle(): Promise<void> {
    if (this.#isIdle()) return Promise.resolve();
    return new Promise((resolve) => this.#idleWaiters.push(resolve));
  }

  async #drain(deadlineMs: number): Promise<CloseResult> {
    this.#delayed.stop();
    const running = [...this.#queues.values()].flatMap((state) => [...state.active.values()]);
    let deadline: ReturnType<typeof setTimeout> | undefined;
    // The deadline is real time even under a ManualClock: shutting down happens in the real world.
    const timedOut = new Promise<void>((resolve) => {
      deadline = setTimeout(resolve, deadlineMs);
    });
    await Promise.race([Promise.allSettled(running), timedOut]);
    clearTimeout(deadline);
    this.#shutDown = true;
    let abandoned = 0;
    for (const state of this.#queues.values()) abandoned += state.active.size;
    this.#notifyIfIdle(true);
    return { abandoned };
  }

  #start(state: QueueBook, entry: QueuedJob): void {
    const worker = state.worker!;
    entry.attemptsMade += 1;
    const job: Job = {
      id: entry.id,
      queue: entry.queue,
      name: entry.name,
      payload: JSON.parse(entry.payloadJson) as JsonValue,
      attempt: entry.attemptsMade,
      maxAttempts: entry.maxAttempts,
      enqueuedAt: entry.enqueuedAt,
    };
    const startedAt = this.#scheduler.clock.now();
    // The handler starts on a later tick, after `active` counts it, so a handler that enqueues at once
    // cannot push the queue past its concurrency; a synchronous throw becomes a failed attempt.
    const run = Promise.resolve()
      .then(() => worker.handler(job))
      .then(
        () => this.#completed(state, entry, job, startedAt),
        (error: unknown) => this.#failed(state, entry, job, error),
      );
    state.active.set(entry, run);
  }

  #completed(state: QueueBook, entry: QueuedJob, job: Job, startedAt: number): void {
    if (this.#shutDown) return;
    state.active.delete(entry);
    state.finish(entry, 'completed');
    this.#events.emit('completed', { job, durationMs: Math.max(0, this.#scheduler.clock.now() - startedAt) });
    this.#pump(state);
    this.#notifyIfIdle();
  }

  #failed(state: QueueBook, entry: QueuedJob, job: Job, thrown: unknown): void {
    if (this.#shutDown) return;
    state.active.delete(entry);
    const error = thrown instanceof Error ? thrown : new Error(`Job handler threw ${String(thrown)}`);
    if (entry.attemptsMade < entry.maxAttempts) {
      const retryInMs = backoffDelay(entry.backoff, entry.attemptsMade);
      entry.dueAt = this.#scheduler.clock.now() + retryInMs;
      if (retryInMs > 0) this.#delay(state, entry);
      else this.#makeWaiting(state, entry, false);
      this.#events.emit('failed', { job, error, willRetry: true, retryInMs });
    } else {
      state.finish(entry, 'failed');
      this.#events.emit('failed', { job, error, willRetry: false });
    }
    this.#pump(state);
    this.#notifyIfIdle();
  }

  #delay(state: QueueBook, entry: QueuedJob): void {
    state.delayed += 1;
    this.#delayed.add(entry);
  }

  #makeWaiting(state: QueueBook, entry: QueuedJob, pump = true): void {
    state.makeWaiting(entry);
    if (pump) this.#pump(state);
  }

  #pump(state: QueueBook): void {
    while (state.canStart(this.#closing !== undefined)) this.#start(state, state.waiting.shift()!);
  }

  #isIdle(): boolean {
    for (const state of this.#queues.values()) {
      if (state.active.size > 0 && !this.#shutDown) return false;
      const canRun = state.worker && !state.paused && !this.#closing;
      if (canRun && state.waiting.length > 0) return false;
    }
    return true;
  }

  #notifyIfIdle(force = false): void {
    if (!force && !this.#isIdle()) return;
    for (const resolve of this.#idleWaiters.splice(0)) resolve();
  }

  #state(queue: string): QueueBook {
    let state = this.#queues.get(queue);
    if (!state) {
      assertQueueName(queue);
      state = new QueueBook({ paused: this.#pauseNewQueues, keepFinished: this.#keepFinished });
      this.#queues.set(queue, state);
    }
    return state;
  }

  #targets(queue: string | undefined): QueueBook[] {
    return queue === undefined ? [...this.#queues.values()] : [this.#state(queue)];
  }

  #assertOpen(): void {
    if (this.#closing) {
      throw new ChatcartError('QUEUE_CLOSED', 'This job queue was closed; it takes no more jobs.');
    }
  }
}
