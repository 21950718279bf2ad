import { backoffDelay, type Job, type JobHandler } from '@chatcart/core';
import { type Job as BullJob, DelayedError, Worker } from 'bullmq';
import type { ResolvedQueueOptions } from './bullmq-job-queue-options.js';
import { throttleWaitOf } from './errors.js';
import { backoffOf, toPortJob } from './job-mapping.js';
import type { QueueEvents } from './queue-events.js';
import { PermitAbortedError, type SendPermit, type ThroughputLimiter } from './throughput-limiter.js';

/** What one queue's worker needs. Internal. */
export interface QueueWorkerOptions {
  readonly queue: string;
  readonly handler: JobHandler;
  readonly concurrency: number;
  readonly options: ResolvedQueueOptions;
  readonly events: QueueEvents;
  /** Aborts when the queue closes. */
  readonly closing: AbortSignal;
  readonly limiter?: ThroughputLimiter;
  /** The job names that take a send permit; all when absent. */
  readonly limitedNames?: readonly string[] | undefined;
}

/** What the processor knows about a run, for the events BullMQ reports after it. */
interface Run {
  readonly job: Job;
  readonly startedAt: number;
}

/**
 * One queue's BullMQ worker, running the port's handler: it turns BullMQ jobs into the port's, takes a send
 * permit first when the queue has a throughput limit, handles "too many requests", and reports outcomes
 * as the port's events. Internal to `BullMQJobQueue`.
 */
export class QueueWorker {
  readonly #worker: Worker;
  readonly #settings: QueueWorkerOptions;
  readonly #runs = new WeakMap<BullJob, Run>();
  #running = 0;

  constructor(settings: QueueWorkerOptions) {
    this.#settings = settings;
    const { options } = settings;
    this.#worker = new Worker(settings.queue, (job, token) => this.#process(job, token), {
      connection: options.client,
      prefix: options.prefix,
      concurrency: settings.concurrency,
      lockDuration: options.lockDurationMs,
      stalledInterval: options.stalledIntervalMs,
      maxStalledCount: options.maxStalledCount,
    });
    this.#worker.on('completed', (job) => this.#completed(job));
    this.#worker.on('failed', (job, error) => this.#failed(job, error));
    // A worker without an 'error' listener would crash the process on the first Redis hiccup.
    this.#worker.on('error', (error) =>
      options.logger.warn({ err: error, queue: settings.queue }, 'BullMQ worker error'),
    );
  }

  /** Handlers running now. */
  get running(): number {
    return this.#running;
  }

  /** Stops taking jobs and resolves once the running ones finished and their outcomes are recorded. */
  stop(): Promise<void> {
    return this.#worker.close();
  }

  async #process(bullJob: BullJob, token: string | undefined): Promise<void> {
    const { handler, limiter, limitedNames, closing } = this.#settings;
    const job = toPortJob(bullJob, true);
    this.#runs.set(bullJob, { job, startedAt: Date.now() });
    this.#running += 1;
    let permit: SendPermit | undefined;
    try {
      if (limiter && (limitedNames === undefined || limitedNames.includes(bullJob.name))) {
        permit = await limiter.acquire(closing);
      }
      await handler(job);
    } catch (error) {
      // Closing while waiting for a permit: hand the job back untouched, for this or another worker.
      if (error instanceof PermitAbortedError) throw Worker.RateLimitError();
      const waitMs = throttleWaitOf(error);
      if (waitMs !== undefined) {
        await permit?.release();
        await this.#throttled(bullJob, job, token, waitMs);
      }
      throw error instanceof Error ? error : new Error(`Job handler threw ${String(error)}`);
    } finally {
      this.#running -= 1;
      await permit?.release();
    }
  }

  /**
   * The provider asked us to wait. With a throughput limit every worker waits (the limit is the provider's
   * and shared); without one only this job does. Either way no attempt is spent. Always throws.
   */
  async #throttled(bullJob: BullJob, job: Job, token: string | undefined, waitMs: number): Promise<never> {
    this.#settings.events.emit('throttled', { job, retryAfterMs: waitMs });
    if (this.#settings.limiter) {
      await this.#settings.limiter.block(waitMs);
      throw Worker.RateLimitError();
    }
    await bullJob.moveToDelayed(Date.now() + waitMs, token);
    throw new DelayedError();
  }

  #completed(bullJob: BullJob): void {
    const run = this.#runs.get(bullJob);
    this.#settings.events.emit('completed', {
      job: run?.job ?? toPortJob(bullJob, false),
      durationMs: run ? Math.max(0, Date.now() - run.startedAt) : 0,
    });
  }

  #failed(bullJob: BullJob | undefined, error: Error): void {
    if (!bullJob) return;
    const run = this.#runs.get(bullJob);
    const maxAttempts = bullJob.opts.attempts ?? 1;
    // BullMQ has counted the failed attempt by now; a job it gave up on (too many stalls) is finished.
    const willRetry = bullJob.attemptsMade < maxAttempts && !bullJob.finishedOn;
    this.#settings.events.emit('failed', {
      job: run?.job ?? toPortJob(bullJob, false),
      error,
      willRetry,
      ...(willRetry ? { retryInMs: backoffDelay(backoffOf(bullJob), bullJob.attemptsMade) } : {}),
    });
  }
}
