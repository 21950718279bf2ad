import type { BackoffOptions, Job, JobCounts, JsonValue, ResolvedEnqueue } from '@chatcart/core';
import type { Job as BullJob, JobsOptions } from 'bullmq';
import type { ResolvedQueueOptions } from './bullmq-job-queue-options.js';

/** BullMQ's options for a validated enqueue call, with the queue's retention. */
export function toBullOptions(
  job: ResolvedEnqueue,
  retention: ResolvedQueueOptions['retention'],
): JobsOptions {
  return {
    ...(job.jobId === undefined ? {} : { jobId: job.jobId }),
    ...(job.delayMs > 0 ? { delay: Math.ceil(job.delayMs) } : {}),
    ...(job.priority === undefined ? {} : { priority: job.priority }),
    attempts: job.attempts,
    backoff: { type: job.backoff.type, delay: job.backoff.delayMs },
    removeOnComplete: retention.completed,
    removeOnFail: retention.failed,
  };
}

/**
 * The port's view of a BullMQ job. `attempt` counts this run: BullMQ's `attemptsMade` counts finished
 * attempts, so a running job is on `attemptsMade + 1` and a finished one on `attemptsMade`.
 */
export function toPortJob(job: BullJob, running: boolean): Job {
  return {
    id: job.id ?? '',
    queue: job.queueName,
    name: job.name,
    payload: job.data as JsonValue,
    attempt: job.attemptsMade + (running ? 1 : 0),
    maxAttempts: job.opts.attempts ?? 1,
    enqueuedAt: job.timestamp,
  };
}

/** The backoff a job was enqueued with, in the port's shape (BullMQ may hold a bare number of ms). */
export function backoffOf(job: BullJob): BackoffOptions {
  const backoff = job.opts.backoff;
  if (typeof backoff === 'number') return { type: 'fixed', delayMs: backoff };
  if (backoff?.type === 'fixed' || backoff?.type === 'exponential') {
    return { type: backoff.type as BackoffOptions['type'], delayMs: backoff.delay ?? 0 };
  }
  return { type: 'fixed', delayMs: 0 };
}

/** The BullMQ states counted, and how they fold into the port's five. */
export const COUNTED_STATES = [
  'wait',
  'paused',
  'prioritized',
  'waiting-children',
  'delayed',
  'active',
  'completed',
  'failed',
] as const;

/** Folds BullMQ's counts into the port's: paused and prioritised jobs are waiting ones. */
export function toPortCounts(counts: Record<string, number>): JobCounts {
  const of = (state: string) => counts[state] ?? 0;
  return {
    waiting: of('wait') + of('paused') + of('prioritized') + of('waiting-children'),
    delayed: of('delayed'),
    active: of('active'),
    completed: of('completed'),
    failed: of('failed'),
  };
}
