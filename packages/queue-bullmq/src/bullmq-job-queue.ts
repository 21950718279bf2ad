import {
  assertQueueName,
  ChatcartError,
  type CloseResult,
  type EnqueueOptions,
  type JobCounts,
  type JobHandler,
  type JobQueue,
  type JsonValue,
  type ProcessOptions,
  resolveEnqueueOptions,
  ValidationError,
} from '@chatcart/core';
import { Queue } from 'bullmq';
import {
  type BullMQJobQueueOptions,
  type ResolvedQueueOptions,
  resolveQueueOptions,
} from './bullmq-job-queue-options.js';
import { QueueUnavailableError } from './errors.js';
import { COUNTED_STATES, toBullOptions, toPortCounts } from './job-mapping.js';
import { type BullMQJobQueueEvents, QueueEvents } from './queue-events.js';
import { QueueWorker } from './queue-worker.js';
import { ThroughputLimiter } from './throughput-limiter.js';

/** One job of an `enqueueMany` call. */
export interface BulkJob {
  readonly name: string;
  readonly payload: JsonValue;
  readonly options?: EnqueueOptions;
}

/** BullMQ accepts bulk adds of any size, but one huge MULTI blocks Redis for every other client. */
const BULK_CHUNK = 1_000;

/**
 * The `JobQueue` port on BullMQ: jobs live in Redis, survive restarts, and are shared by every process
 * using the same Redis and `prefix`, so work spreads over as many workers as you run. Delays, retries with
 * exponential backoff, caller-chosen job ids for de-duplication, priorities, per-queue concurrency, global
 * pause and resume, and bounded Redis memory (finished jobs are removed by age and count) are BullMQ's;
 * on top it adds exact send limits shared by all workers (`throughput`), waits asked for by a provider's
 * "too many requests" (`ThrottledError`), and a close with a deadline.
 *
 * @example
 * ```ts
 * const queue = new BullMQJobQueue({
 *   connection: process.env.REDIS_URL ?? 'redis://127.0.0.1:6379',
 *   throughput: { campaigns: { perSecond: 80 } },
 * });
 * await queue.process(QUEUE_NAMES.reminders, fireReminder, { concurrency: 5 });
 * await queue.enqueue(QUEUE_NAMES.reminders, 'fire-reminder', { reminderId: 'rem_1' }, {
 *   jobId: 'reminder_rem_1',
 *   delayMs: dueAt - Date.now(),
 * });
 * process.once('SIGTERM', () => void queue.close({ deadlineMs: 20_000 }));
 * ```
 */
export class BullMQJobQueue implements JobQueue {
  readonly #options: ResolvedQueueOptions;
  readonly #events: QueueEvents;
  readonly #queues = new Map<string, Queue>();
  readonly #workers = new Map<string, QueueWorker>();
  /** Aborted on close: jobs waiting for a send permit go back to their queue instead of holding on. */
  readonly #closingSignal = new AbortController();
  #pauseNewQueues = false;
  #closing: Promise<CloseResult> | undefined;

  constructor(options: BullMQJobQueueOptions) {
    this.#options = resolveQueueOptions(options);
    this.#events = new QueueEvents(this.#options.logger);
    if (this.#options.ownsClient) {
      // ioredis prints unhandled 'error' events; a client we own reports through the logger instead.
      this.#options.client.on('error', (error: Error) =>
        this.#options.logger.debug({ err: error }, 'Redis connection error'),
      );
    }
  }

  /** The key prefix this queue's jobs live under. */
  get prefix(): string {
    return this.#options.prefix;
  }

  async enqueue(queue: string, name: string, payload: JsonValue, options?: EnqueueOptions): Promise<string> {
    this.#assertOpen();
    const job = resolveEnqueueOptions(queue, name, payload, options);
    const bullQueue = await this.#queue(queue);
    const added = await this.#call('enqueue', queue, () =>
      bullQueue.add(name, payload, toBullOptions(job, this.#options.retention)),
    );
    return added.id!;
  }

  /**
   * Adds many jobs to one queue and resolves with their ids, in order. Every job is validated before any is
   * added, so bad input adds nothing; the rest go in chunks of at most 1 000 (one Redis transaction each).
   * If Redis fails between chunks, some chunks are in: give every job a `jobId` and call again, and the
   * ones already added are skipped.
   *
   * @example
   * ```ts
   * await queue.enqueueMany('campaigns', recipients.map((r) => ({
   *   name: 'send-message',
   *   payload: { campaignId, customerId: r.id },
   *   options: { jobId: `campaign_${campaignId}_${r.id}`, attempts: 5 },
   * })));
   * ```
   */
  async enqueueMany(queue: string, jobs: readonly BulkJob[]): Promise<string[]> {
    this.#assertOpen();
    const resolved = jobs.map((job) => resolveEnqueueOptions(queue, job.name, job.payload, job.options));
    const bullQueue = await this.#queue(queue);
    const ids: string[] = [];
    for (let start = 0; start < jobs.length; start += BULK_CHUNK) {
      const chunk = jobs.slice(start, start + BULK_CHUNK).map((job, offset) => ({
        name: job.name,
        data: job.payload,
        opts: toBullOptions(resolved[start + offset]!, this.#options.retention),
      }));
      const added = await this.#call('enqueueMany', queue, () => bullQueue.addBulk(chunk));
      for (const job of added) ids.push(job.id!);
    }
    return ids;
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
    if (this.#workers.has(queue)) {
      throw new ChatcartError(
        'QUEUE_ALREADY_PROCESSED',
        `Queue "${queue}" already has a handler in this process.`,
        {
          details: { queue },
        },
      );
    }
    await this.#queue(queue);
    const limit = this.#options.throughput[queue];
    const limiter = limit
      ? new ThroughputLimiter({ ...limit, redis: this.#options.client, key: this.#limiterKey(queue) })
      : undefined;
    this.#workers.set(
      queue,
      new QueueWorker({
        queue,
        handler,
        concurrency,
        options: this.#options,
        events: this.#events,
        closing: this.#closingSignal.signal,
        ...(limiter ? { limiter, limitedNames: limit?.jobNames } : {}),
      }),
    );
  }

  /**
   * Stops every worker sharing the queue (on any machine) from starting its jobs; running jobs finish.
   * The pause is stored in Redis, so it holds across restarts until `resume`. Without a queue name, pauses
   * every queue this instance has used, and those it uses from now on.
   */
  async pause(queue?: string): Promise<void> {
    if (queue === undefined) this.#pauseNewQueues = true;
    for (const target of await this.#targets(queue))
      await this.#call('pause', target.name, () => target.pause());
  }

  /** Undoes `pause`, for every worker sharing the queue. */
  async resume(queue?: string): Promise<void> {
    if (queue === undefined) this.#pauseNewQueues = false;
    for (const target of await this.#targets(queue))
      await this.#call('resume', target.name, () => target.resume());
  }

  async counts(queue: string): Promise<JobCounts> {
    assertQueueName(queue);
    const bullQueue = await this.#queue(queue);
    return toPortCounts(await this.#call('counts', queue, () => bullQueue.getJobCounts(...COUNTED_STATES)));
  }

  on<TEvent extends keyof BullMQJobQueueEvents>(
    event: TEvent,
    listener: BullMQJobQueueEvents[TEvent],
  ): () => void {
    return this.#events.on(event, listener);
  }

  close(options: { readonly deadlineMs?: number } = {}): Promise<CloseResult> {
    const deadlineMs = options.deadlineMs ?? 10_000;
    if (!(Number.isFinite(deadlineMs) && deadlineMs >= 0)) {
      return Promise.reject(new RangeError(`deadlineMs must be a finite number ≥ 0, got ${deadlineMs}`));
    }
    this.#closing ??= this.#shutDown(deadlineMs);
    return this.#closing;
  }

  async #shutDown(deadlineMs: number): Promise<CloseResult> {
    this.#closingSignal.abort();
    const workers = [...this.#workers.values()];
    const stopped = Promise.allSettled(workers.map((worker) => worker.stop()));
    let timer: ReturnType<typeof setTimeout> | undefined;
    const deadline = new Promise<void>((resolve) => {
      timer = setTimeout(resolve, deadlineMs);
    });
    await Promise.race([stopped, deadline]);
    clearTimeout(timer);
    const abandoned = workers.reduce((sum, worker) => sum + worker.running, 0);
    if (abandoned > 0) {
      this.#options.logger.warn(
        { abandoned },
        'Jobs still running at the close deadline; their locks expire and another worker takes them',
      );
    }
    await Promise.allSettled([...this.#queues.values()].map((queue) => queue.close()));
    // A worker whose handler outlived the deadline still holds its job's lock and will record the outcome:
    // the connection stays open until it does (a process exiting now drops both, and the lock expires).
    const closeClient = () => this.#closeClient();
    if (abandoned > 0) void stopped.then(closeClient);
    else await closeClient();
    return { abandoned };
  }

  async #closeClient(): Promise<void> {
    if (!this.#options.ownsClient) return;
    const client = this.#options.client;
    await withTimeout(client.quit(), 1_000).catch(() => client.disconnect());
  }

  /** The BullMQ queue for `name`, created on first use (paused when every queue was paused). */
  async #queue(name: string): Promise<Queue> {
    let queue = this.#queues.get(name);
    if (queue) return queue;
    assertQueueName(name);
    queue = new Queue(name, { connection: this.#options.client, prefix: this.#options.prefix });
    queue.on('error', (error) =>
      this.#options.logger.warn({ err: error, queue: name }, 'BullMQ queue error'),
    );
    this.#queues.set(name, queue);
    if (this.#pauseNewQueues) await this.#call('pause', name, () => queue.pause());
    return queue;
  }

  async #targets(queue: string | undefined): Promise<Queue[]> {
    return queue === undefined ? [...this.#queues.values()] : [await this.#queue(queue)];
  }

  #limiterKey(queue: string): string {
    return `${this.#options.prefix}:${queue}:throughput`;
  }

  /** Runs one Redis call within `commandTimeoutMs`, turning a failure of Redis into `QueueUnavailableError`. */
  async #call<T>(operation: string, queue: string, command: () => Promise<T>): Promise<T> {
    try {
      return await withTimeout(command(), this.#options.commandTimeoutMs);
    } catch (error) {
      if (error instanceof ChatcartError) throw error;
      throw new QueueUnavailableError(operation, queue, error);
    }
  }

  #assertOpen(): void {
    if (this.#closing)
      throw new ChatcartError('QUEUE_CLOSED', 'This job queue was closed; it takes no more jobs.');
  }
}

function withTimeout<T>(promise: Promise<T>, ms: number): Promise<T> {
  let timer: ReturnType<typeof setTimeout> | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`no answer within ${ms} ms`)), ms);
  });
  return Promise.race([promise, timeout]).finally(() => clearTimeout(timer));
}
