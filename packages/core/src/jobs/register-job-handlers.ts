import { type JobHandler, type JobQueue, QUEUE_NAMES, type QueueName } from '../ports/job-queue.js';
import { campaignHandler } from './campaign-jobs.js';
import { invoiceProcessingHandler } from './invoice-processing.js';
import type { JobContext } from './job-context.js';
import { orderProcessingHandler } from './order-processing.js';
import { reminderHandler } from './reminder-firing.js';

/** The handler of each of chatcart's queues. */
export type JobHandlers = Readonly<Record<QueueName, JobHandler>>;

/**
 * The four queue handlers on one context, for hosts that run their own workers (or tests that call a
 * handler directly with a job).
 *
 * @example
 * ```ts
 * const handlers = createJobHandlers(context);
 * await handlers.reminders({ id: 'job_1', queue: 'reminders', name: 'fire-reminder', payload, attempt: 1, maxAttempts: 5, enqueuedAt: now });
 * ```
 */
export function createJobHandlers(context: JobContext): JobHandlers {
  return {
    [QUEUE_NAMES.orderProcessing]: orderProcessingHandler(context),
    [QUEUE_NAMES.invoiceProcessing]: invoiceProcessingHandler(context),
    [QUEUE_NAMES.reminders]: reminderHandler(context),
    [QUEUE_NAMES.campaigns]: campaignHandler(context),
  };
}

/** Which optional features have workers. */
export interface JobFeatures {
  readonly reminders: boolean;
  readonly campaigns: boolean;
}

/** Jobs run at once per queue in this process. */
export type JobConcurrency = Readonly<Record<QueueName, number>>;

/** Concurrency when none is given: campaigns send in parallel, the rest is light. */
export const DEFAULT_JOB_CONCURRENCY: JobConcurrency = Object.freeze({
  [QUEUE_NAMES.orderProcessing]: 4,
  [QUEUE_NAMES.invoiceProcessing]: 4,
  [QUEUE_NAMES.reminders]: 4,
  [QUEUE_NAMES.campaigns]: 8,
});

/** What {@link registerJobHandlers} needs besides the queue. */
export interface RegisterJobHandlersDeps extends JobContext {
  /** Disabled features register no handler; their jobs wait in the queue for a worker that has one. */
  readonly features?: Partial<JobFeatures>;
  readonly concurrency?: Partial<JobConcurrency>;
}

/**
 * Registers chatcart's handlers on `queue` (order-processing and invoice-processing always; reminders and
 * campaigns when their feature is on) and resolves with the queues it registered.
 *
 * @example
 * ```ts
 * await registerJobHandlers(queue, { ...context, features: { campaigns: false } });
 * ```
 */
export async function registerJobHandlers(
  queue: JobQueue,
  deps: RegisterJobHandlersDeps,
): Promise<QueueName[]> {
  const handlers = createJobHandlers(deps);
  const features: JobFeatures = { reminders: true, campaigns: true, ...deps.features };
  const concurrency: JobConcurrency = { ...DEFAULT_JOB_CONCURRENCY, ...deps.concurrency };
  const queues: QueueName[] = [QUEUE_NAMES.orderProcessing, QUEUE_NAMES.invoiceProcessing];
  if (features.reminders) queues.push(QUEUE_NAMES.reminders);
  if (features.campaigns) queues.push(QUEUE_NAMES.campaigns);
  for (const name of queues) {
    await queue.process(name, handlers[name], { concurrency: concurrency[name] });
  }
  return queues;
}
