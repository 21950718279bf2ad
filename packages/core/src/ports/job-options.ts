import { ValidationError, type ValidationIssue } from '../domain/errors.js';
import type { BackoffOptions, EnqueueOptions } from './job-queue.js';
import type { JsonValue } from './session-store.js';

/** BullMQ's highest priority number; every adapter accepts the same range. */
export const MAX_JOB_PRIORITY = 2_097_152;

/** An enqueue call after validation, with defaults filled in. Adapters build their native job from it. */
export interface ResolvedEnqueue {
  readonly queue: string;
  readonly name: string;
  /** The payload serialised once, so every adapter stores and hands back exactly the same JSON. */
  readonly payloadJson: string;
  readonly jobId?: string;
  readonly delayMs: number;
  readonly attempts: number;
  readonly backoff: BackoffOptions;
  readonly priority?: number;
}

/** What `resolveEnqueueOptions` falls back to: one attempt (as BullMQ), and a 1 s exponential backoff. */
export const DEFAULT_ENQUEUE_OPTIONS = {
  delayMs: 0,
  attempts: 1,
  backoff: { type: 'exponential', delayMs: 1_000 },
} as const satisfies Required<Pick<EnqueueOptions, 'delayMs' | 'attempts' | 'backoff'>>;

/**
 * Validates an enqueue call and fills in defaults, so every `JobQueue` adapter refuses the same inputs
 * (with a `ValidationError` naming each bad field) and retries on the same schedule. BullMQ's own rules are
 * checked here, before anything is stored: no `:` in queue names or job ids, no job ids that look like
 * integers, integer priorities up to 2 097 152.
 *
 * @example
 * ```ts
 * const job = resolveEnqueueOptions('reminders', 'fire', { reminderId: 'rem_1' }, { delayMs: 60_000 });
 * job.attempts; // 1
 * ```
 */
export function resolveEnqueueOptions(
  queue: string,
  name: string,
  payload: JsonValue,
  options: EnqueueOptions = {},
): ResolvedEnqueue {
  const issues: ValidationIssue[] = [];
  const queueIssue = queueNameIssue(queue);
  if (queueIssue) issues.push({ path: 'queue', message: queueIssue });
  if (typeof name !== 'string' || name.length === 0 || name.length > 200) {
    issues.push({ path: 'name', message: 'must be a non-empty string of at most 200 characters' });
  }
  const payloadIssue = jsonIssue(payload, 'payload', new Set());
  if (payloadIssue) issues.push(payloadIssue);

  const { jobId, delayMs, attempts, backoff, priority } = options;
  if (jobId !== undefined) {
    if (typeof jobId !== 'string' || jobId.length === 0 || jobId.length > 200) {
      issues.push({ path: 'jobId', message: 'must be a non-empty string of at most 200 characters' });
    } else if (jobId.includes(':')) {
      issues.push({ path: 'jobId', message: `must not contain ":" (BullMQ reserves it), got "${jobId}"` });
    } else if (`${Number.parseInt(jobId, 10)}` === jobId) {
      // BullMQ's own ids are integers, so it refuses custom ids that look like one.
      issues.push({ path: 'jobId', message: `must not be an integer (prefix it, e.g. "job_${jobId}")` });
    }
  }
  if (delayMs !== undefined && !(Number.isFinite(delayMs) && delayMs >= 0)) {
    issues.push({ path: 'delayMs', message: `must be a finite number ≥ 0, got ${delayMs}` });
  }
  if (attempts !== undefined && !(Number.isInteger(attempts) && attempts >= 1 && attempts <= 1_000)) {
    issues.push({ path: 'attempts', message: `must be an integer from 1 to 1000, got ${attempts}` });
  }
  if (backoff !== undefined) {
    if (backoff.type !== 'exponential' && backoff.type !== 'fixed') {
      issues.push({
        path: 'backoff.type',
        message: `must be "exponential" or "fixed", got "${backoff.type}"`,
      });
    }
    if (!(Number.isFinite(backoff.delayMs) && backoff.delayMs >= 0)) {
      issues.push({
        path: 'backoff.delayMs',
        message: `must be a finite number ≥ 0, got ${backoff.delayMs}`,
      });
    }
  }
  if (
    priority !== undefined &&
    !(Number.isInteger(priority) && priority >= 1 && priority <= MAX_JOB_PRIORITY)
  ) {
    issues.push({
      path: 'priority',
      message: `must be an integer from 1 to ${MAX_JOB_PRIORITY}, got ${priority}`,
    });
  }
  if (issues.length > 0) throw new ValidationError(`Cannot enqueue job "${name}" on "${queue}"`, issues);

  return {
    queue,
    name,
    payloadJson: JSON.stringify(payload),
    ...(jobId === undefined ? {} : { jobId }),
    delayMs: delayMs ?? DEFAULT_ENQUEUE_OPTIONS.delayMs,
    attempts: attempts ?? DEFAULT_ENQUEUE_OPTIONS.attempts,
    backoff: backoff ? { type: backoff.type, delayMs: backoff.delayMs } : DEFAULT_ENQUEUE_OPTIONS.backoff,
    ...(priority === undefined ? {} : { priority }),
  };
}

/**
 * Throws a `ValidationError` unless `queue` is a usable queue name: 1 to 100 characters, no `:`.
 */
export function assertQueueName(queue: string): void {
  const issue = queueNameIssue(queue);
  if (issue) throw new ValidationError(`Bad queue name "${queue}"`, [{ path: 'queue', message: issue }]);
}

/**
 * How long to wait before the retry that follows failure number `failures` (1 after the first failed
 * attempt): BullMQ's formula, `delayMs` every time for `fixed`, `delayMs × 2^(failures − 1)` for
 * `exponential`.
 */
export function backoffDelay(backoff: BackoffOptions, failures: number): number {
  if (backoff.type === 'fixed') return backoff.delayMs;
  return Math.round(backoff.delayMs * 2 ** Math.max(0, failures - 1));
}

function queueNameIssue(queue: string): string | undefined {
  if (typeof queue !== 'string' || queue.length === 0 || queue.length > 100) {
    return 'must be a non-empty string of at most 100 characters';
  }
  if (queue.includes(':')) return `must not contain ":" (BullMQ reserves it), got "${queue}"`;
  return undefined;
}

/** The first place where `value` is not plain JSON (a function, `undefined`, NaN, a Date, a cycle…). */
function jsonIssue(value: unknown, path: string, seen: Set<object>): ValidationIssue | undefined {
  if (value === null || typeof value === 'string' || typeof value === 'boolean') return undefined;
  if (typeof value === 'number') {
    return Number.isFinite(value) ? undefined : { path, message: `must be a finite number, got ${value}` };
  }
  if (typeof value !== 'object') return { path, message: `must be JSON, got a ${typeof value}` };
  if (seen.has(value)) return { path, message: 'must not contain a cycle' };
  const prototype = Object.getPrototypeOf(value);
  if (!Array.isArray(value) && prototype !== Object.prototype && prototype !== null) {
    return {
      path,
      message: `must be a plain object or array, got ${prototype?.constructor?.name ?? 'an object'}`,
    };
  }
  seen.add(value);
  for (const [key, child] of Object.entries(value)) {
    const issue = jsonIssue(child, `${path}.${key}`, seen);
    if (issue) return issue;
  }
  seen.delete(value);
  return undefined;
}
