import type { BullMQJobQueue } from './bullmq-job-queue.js';

/** One queue's figures since the worker started, as this process saw them. */
export interface QueueMetrics {
  /** Jobs whose handler resolved. */
  readonly completed: number;
  /** Failed attempts that will be retried. */
  readonly retried: number;
  /** Jobs that failed their last attempt. */
  readonly failed: number;
  /** Jobs sent back to wait because the provider answered "too many requests". */
  readonly throttled: number;
  /** Mean and longest handler time of completed jobs, in milliseconds. */
  readonly meanDurationMs: number;
  readonly maxDurationMs: number;
}

/** What `WorkerHandle.metrics()` returns. */
export interface WorkerMetrics {
  /** When the worker started, in epoch milliseconds. */
  readonly startedAt: number;
  /** Figures per queue name, for the queues that saw at least one outcome. */
  readonly queues: Readonly<Record<string, QueueMetrics>>;
}

interface Tally {
  completed: number;
  retried: number;
  failed: number;
  throttled: number;
  totalDurationMs: number;
  maxDurationMs: number;
}

/** Counts a queue's outcomes from its events, for `runWorker`'s metrics. Internal. */
export class MetricsCollector {
  readonly #startedAt = Date.now();
  readonly #tallies = new Map<string, Tally>();
  readonly #unsubscribe: Array<() => void>;

  constructor(queue: BullMQJobQueue) {
    this.#unsubscribe = [
      queue.on('completed', ({ job, durationMs }) => {
        const tally = this.#tally(job.queue);
        tally.completed += 1;
        tally.totalDurationMs += durationMs;
        tally.maxDurationMs = Math.max(tally.maxDurationMs, durationMs);
      }),
      queue.on('failed', ({ job, willRetry }) => {
        const tally = this.#tally(job.queue);
        if (willRetry) tally.retried += 1;
        else tally.failed += 1;
      }),
      queue.on('throttled', ({ job }) => {
        this.#tally(job.queue).throttled += 1;
      }),
    ];
  }

  snapshot(): WorkerMetrics {
    const queues: Record<string, QueueMetrics> = {};
    for (const [name, tally] of this.#tallies) {
      queues[name] = {
        completed: tally.completed,
        retried: tally.retried,
        failed: tally.failed,
        throttled: tally.throttled,
        meanDurationMs: tally.completed > 0 ? tally.totalDurationMs / tally.completed : 0,
        maxDurationMs: tally.maxDurationMs,
      };
    }
    return { startedAt: this.#startedAt, queues };
  }

  stop(): void {
    for (const unsubscribe of this.#unsubscribe.splice(0)) unsubscribe();
  }

  #tally(queue: string): Tally {
    let tally = this.#tallies.get(queue);
    if (!tally) {
      tally = { completed: 0, retried: 0, failed: 0, throttled: 0, totalDurationMs: 0, maxDurationMs: 0 };
      this.#tallies.set(queue, tally);
    }
    return tally;
  }
}
