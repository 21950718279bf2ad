/**
 * `@chatcart/queue-bullmq`: chatcart's `JobQueue` on BullMQ, so jobs survive restarts and spread over many
 * worker processes, with exact send limits shared by every worker and a graceful shutdown.
 *
 * @example
 * ```ts
 * import { BullMQJobQueue, runWorker } from '@chatcart/queue-bullmq';
 *
 * const queue = new BullMQJobQueue({ connection: process.env.REDIS_URL ?? 'redis://127.0.0.1:6379' });
 * const bot = createBot({ queue, ... });
 * ```
 *
 * @packageDocumentation
 */

export type { WorkerConfig } from './bin/worker-config.js';
export { type BulkJob, BullMQJobQueue } from './bullmq-job-queue.js';
export type { BullMQJobQueueOptions, JobRetention } from './bullmq-job-queue-options.js';
export { MAX_THROTTLE_WAIT_MS, QueueUnavailableError, ThrottledError, throttleWaitOf } from './errors.js';
export type { BullMQJobQueueEvents, JobThrottledEvent } from './queue-events.js';
export { type QueueRegistration, type RunWorkerOptions, runWorker, type WorkerHandle } from './run-worker.js';
export {
  PermitAbortedError,
  type SendPermit,
  type ThroughputLimit,
  ThroughputLimiter,
  type ThroughputLimiterOptions,
} from './throughput-limiter.js';
export type { QueueMetrics, WorkerMetrics } from './worker-metrics.js';
