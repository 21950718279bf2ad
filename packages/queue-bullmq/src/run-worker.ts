import {
  type CloseResult,
  type JobHandler,
  type Logger,
  type RegisterJobHandlersDeps,
  registerJobHandlers,
  silentLogger,
  ValidationError,
} from '@chatcart/core';
import { BullMQJobQueue } from './bullmq-job-queue.js';
import type { BullMQJobQueueOptions } from './bullmq-job-queue-options.js';
import { MetricsCollector, type WorkerMetrics } from './worker-metrics.js';

/** A queue's handler, with its concurrency when the default does not suit. */
export interface QueueRegistration {
  readonly handler: JobHandler;
  /** Jobs of this queue run at once in this process; `RunWorkerOptions.concurrency` unless given. */
  readonly concurrency?: number;
}

/** How `runWorker` starts a worker process. */
export interface RunWorkerOptions {
  /** The queue to work on, or the options to create one with (the worker then owns and closes it). */
  readonly queue: BullMQJobQueue | BullMQJobQueueOptions;
  /** One handler per queue name, e.g. `{ reminders: fireReminder, campaigns: { handler: send, concurrency: 20 } }`. */
  readonly handlers?: Readonly<Record<string, JobHandler | QueueRegistration>>;
  /**
   * chatcart's own job handlers (order-processing, invoice-processing, reminders, campaigns), registered
   * with core's `registerJobHandlers`. A function, because the handlers' context holds the queue itself:
   * it is called once with the worker's queue and returns the context (repositories, transport, ledger,
   * settings…), with `features` and `concurrency` when the defaults do not suit.
   */
  readonly jobs?: (
    queue: BullMQJobQueue,
  ) => Omit<RegisterJobHandlersDeps, 'queue'> | Promise<Omit<RegisterJobHandlersDeps, 'queue'>>;
  /**
   * Registers handlers itself, for code that owns its registrations: called once with the queue, after
   * `handlers` and `jobs` were registered.
   */
  readonly register?: (queue: BullMQJobQueue) => void | Promise<void>;
  /** Concurrency of the queues in `handlers` that do not name their own; 5 unless given. */
  readonly concurrency?: number;
  /** How long a shutdown waits for running jobs before giving up on them; 25 s unless given. */
  readonly shutdownDeadlineMs?: number;
  /**
   * Shut down on SIGTERM and SIGINT, then exit (1 if jobs were abandoned, else 0); a second signal exits at
   * once. Off unless given: set it when the worker is the process, as `chatcart-worker` does.
   */
  readonly handleSignals?: boolean;
  /** How the process exits after a signal; `process.exit` unless given. */
  readonly exit?: (code: number) => void;
  /** Called with the metrics every `metricsIntervalMs` (60 s unless given), and logged at info level. */
  readonly onMetrics?: (metrics: WorkerMetrics) => void;
  readonly metricsIntervalMs?: number;
  readonly logger?: Logger;
}

/** A running worker. */
export interface WorkerHandle {
  readonly queue: BullMQJobQueue;
  /** Outcomes per queue since the worker started. */
  metrics(): WorkerMetrics;
  /**
   * Stops taking jobs, waits for running ones up to `deadlineMs` (the `shutdownDeadlineMs` unless given),
   * and closes the queue. Jobs waiting for a send permit go straight back to their queue; jobs still running
   * at the deadline are counted in `abandoned` and taken by another worker once their lock expires.
   */
  close(deadlineMs?: number): Promise<CloseResult>;
}

/**
 * Runs chatcart's jobs in this process: registers a handler per queue, reports metrics, and shuts down
 * gracefully. Run as many such processes as you like against one Redis; they share the work.
 *
 * @example
 * ```ts
 * // worker.ts, run as its own process (or with `chatcart-worker ./worker.config.js`)
 * const worker = await runWorker({
 *   queue: {
 *     connection: process.env.REDIS_URL!,
 *     throughput: { campaigns: { perSecond: 80, jobNames: [JOB_NAMES.sendCampaignMessage] } },
 *   },
 *   jobs: (queue) => ({ ...jobContextFor(queue), concurrency: { campaigns: 20 } }),
 *   handleSignals: true,
 *   logger,
 * });
 * ```
 */
export async function runWorker(options: RunWorkerOptions): Promise<WorkerHandle> {
  const logger = options.logger ?? silentLogger;
  const deadlineMs = options.shutdownDeadlineMs ?? 25_000;
  const concurrency = options.concurrency ?? 5;
  const intervalMs = options.metricsIntervalMs ?? 60_000;
  validate(deadlineMs, concurrency, intervalMs);
  const owned = !(options.queue instanceof BullMQJobQueue);
  const queue =
    options.queue instanceof BullMQJobQueue
      ? options.queue
      : new BullMQJobQueue({ logger, ...options.queue });
  const collector = new MetricsCollector(queue);
  const queues: string[] = [];
  try {
    for (const [name, entry] of Object.entries(options.handlers ?? {})) {
      const registration = typeof entry === 'function' ? { handler: entry } : entry;
      await queue.process(name, registration.handler, {
        concurrency: registration.concurrency ?? concurrency,
      });
      queues.push(name);
    }
    if (options.jobs) {
      const deps = await options.jobs(queue);
      queues.push(...(await registerJobHandlers(queue, { ...deps, queue })));
    }
    await options.register?.(queue);
  } catch (error) {
    collector.stop();
    if (owned) await queue.close({ deadlineMs: 0 });
    throw error;
  }
  logger.info({ queues }, 'Worker started');

  const report = () => {
    const metrics = collector.snapshot();
    logger.info({ metrics }, 'Worker metrics');
    options.onMetrics?.(metrics);
  };
  const timer = setInterval(report, intervalMs);
  timer.unref();

  let closing: Promise<CloseResult> | undefined;
  const close = (ms = deadlineMs): Promise<CloseResult> => {
    closing ??= (async () => {
      clearInterval(timer);
      process.off('SIGTERM', onSignal);
      process.off('SIGINT', onSignal);
      logger.info({ deadlineMs: ms }, 'Worker shutting down');
      const result = await queue.close({ deadlineMs: ms });
      report();
      collector.stop();
      logger.info({ abandoned: result.abandoned }, 'Worker stopped');
      return result;
    })();
    return closing;
  };

  const exit = options.exit ?? ((code: number) => process.exit(code));
  let signalled = false;
  function onSignal(signal: NodeJS.Signals): void {
    if (signalled) {
      logger.warn({ signal }, 'Second signal: exiting without waiting for running jobs');
      exit(130);
      return;
    }
    signalled = true;
    logger.info({ signal }, 'Signal received');
    void close().then(
      (result) => exit(result.abandoned > 0 ? 1 : 0),
      () => exit(1),
    );
  }
  if (options.handleSignals) {
    process.on('SIGTERM', onSignal);
    process.on('SIGINT', onSignal);
  }

  return { queue, metrics: () => collector.snapshot(), close };
}

function validate(deadlineMs: number, concurrency: number, intervalMs: number): void {
  const issues = [];
  if (!(Number.isFinite(deadlineMs) && deadlineMs >= 0)) {
    issues.push({ path: 'shutdownDeadlineMs', message: `must be a finite number ≥ 0, got ${deadlineMs}` });
  }
  if (!(Number.isInteger(concurrency) && concurrency >= 1)) {
    issues.push({ path: 'concurrency', message: `must be an integer ≥ 1, got ${concurrency}` });
  }
  if (!(Number.isInteger(intervalMs) && intervalMs >= 1_000)) {
    issues.push({ path: 'metricsIntervalMs', message: `must be an integer ≥ 1000, got ${intervalMs}` });
  }
  if (issues.length > 0) throw new ValidationError('runWorker options are invalid', issues);
}
