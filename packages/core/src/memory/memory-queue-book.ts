import type { BackoffOptions, JobCounts, JobHandler } from '../ports/job-queue.js';
import { insertSorted } from './due-timeline.js';

/** A job inside `MemoryJobQueue`, from enqueue until it is finished. Internal. */
export interface QueuedJob {
  readonly id: string;
  readonly queue: string;
  readonly name: string;
  /** Kept as JSON, so every attempt parses its own copy. */
  readonly payloadJson: string;
  readonly maxAttempts: number;
  readonly backoff: BackoffOptions;
  /** 0 for no priority: those run first, as in BullMQ. */
  readonly rank: number;
  readonly enqueuedAt: number;
  attemptsMade: number;
  dueAt: number;
}

/**
 * One queue's jobs by state, and the bookkeeping that goes with it: de-duplication by id, priority order,
 * retention of finished ids. `MemoryJobQueue` decides when jobs move; this only keeps the books. Internal.
 */
export class QueueBook {
  /** Jobs ready to run, in the order they will run. */
  readonly waiting: QueuedJob[] = [];
  /** Running jobs and the promise that settles when their attempt does. */
  readonly active = new Map<QueuedJob, Promise<void>>();
  worker: { readonly handler: JobHandler; readonly concurrency: number } | undefined;
  paused: boolean;
  delayed = 0;
  /** Jobs not finished yet, by id. */
  readonly #live = new Map<string, QueuedJob>();
  /** Finished ids, oldest first, so the oldest are forgotten first. */
  readonly #finished = new Map<string, 'completed' | 'failed'>();
  readonly #keepFinished: number;
  #completed = 0;
  #failed = 0;

  constructor(options: { paused: boolean; keepFinished: number }) {
    this.paused = options.paused;
    this.#keepFinished = options.keepFinished;
  }

  /** Whether a job with this id is live or finished and still remembered. */
  has(id: string): boolean {
    return this.#live.has(id) || this.#finished.has(id);
  }

  /** Records a new job (before it goes to waiting or the timeline). */
  admit(job: QueuedJob): void {
    this.#live.set(job.id, job);
  }

  /** Puts a job in line: jobs without a priority first, then by priority, arrival order within each. */
  makeWaiting(job: QueuedJob): void {
    insertSorted(this.waiting, job, (other) => other.rank <= job.rank);
  }

  /** Whether the worker may start another job now. */
  canStart(closing: boolean): boolean {
    const worker = this.worker;
    return (
      worker !== undefined &&
      !this.paused &&
      !closing &&
      this.active.size < worker.concurrency &&
      this.waiting.length > 0
    );
  }

  /** Records how a job ended, forgetting the oldest finished ids beyond `keepFinished`. */
  finish(job: QueuedJob, outcome: 'completed' | 'failed'): void {
    this.#live.delete(job.id);
    this.#finished.set(job.id, outcome);
    this.#count(outcome, 1);
    while (this.#finished.size > this.#keepFinished) {
      const [oldestId, oldestOutcome] = this.#finished.entries().next().value!;
      this.#finished.delete(oldestId);
      this.#count(oldestOutcome, -1);
    }
  }

  counts(): JobCounts {
    return {
      waiting: this.waiting.length,
      delayed: this.delayed,
      active: this.active.size,
      completed: this.#completed,
      failed: this.#failed,
    };
  }

  #count(outcome: 'completed' | 'failed', by: number): void {
    if (outcome === 'completed') this.#completed += by;
    else this.#failed += by;
  }
}
