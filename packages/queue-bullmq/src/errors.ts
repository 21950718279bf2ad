import { ChatcartError } from '@chatcart/core';

/**
 * Redis did not answer a queue call in time (down, unreachable, failing over). Whether the call took effect
 * is unknown: enqueueing again with the same `jobId` is safe, since a taken id is a no-op.
 *
 * @example
 * ```ts
 * try {
 *   await queue.enqueue('order-processing', 'issue-invoice', { orderId }, { jobId: `invoice_${orderId}` });
 * } catch (error) {
 *   if (error instanceof QueueUnavailableError) await outbox.retryLater(event);
 * }
 * ```
 */
export class QueueUnavailableError extends ChatcartError {
  /** The queue call that failed, for example `enqueue`. */
  readonly operation: string;

  constructor(operation: string, queue: string, cause: unknown) {
    const reason = cause instanceof Error ? cause.message : String(cause);
    super(
      'QUEUE_UNAVAILABLE',
      `Redis did not complete ${operation} on queue "${queue}": ${reason}. Check that Redis is reachable; ` +
        'the call may be retried (with the same jobId it will not enqueue twice).',
      { cause, details: { operation, queue, reason } },
    );
    this.operation = operation;
  }
}

/**
 * The provider refused a send because of its own rate limit ("429 Too Many Requests") and asked to wait
 * `retryAfterMs`. Throw it from a job handler (transports' own 429 errors work too, see `throttleWaitOf`):
 * the queue puts the job back without spending an attempt and waits as asked. On a queue with a
 * throughput limit every worker sharing it waits.
 *
 * @example
 * ```ts
 * const response = await fetch(url, init);
 * if (response.status === 429) {
 *   throw new ThrottledError('twilio', Number(response.headers.get('retry-after') ?? 1) * 1_000);
 * }
 * ```
 */
export class ThrottledError extends ChatcartError {
  readonly retryAfterMs: number;

  constructor(provider: string, retryAfterMs: number) {
    super(
      'PROVIDER_THROTTLED',
      `${provider} answered "too many requests"; retry in ${Math.ceil(retryAfterMs)} ms.`,
      { details: { provider, retryAfterMs } },
    );
    this.retryAfterMs = retryAfterMs;
  }
}

/** The longest wait a throttled answer can impose; a provider asking for more is capped here. */
export const MAX_THROTTLE_WAIT_MS = 15 * 60_000;

/**
 * The error codes that mean "too many requests": ours, core's `RateLimitError`, and the code transports
 * such as `@chatcart/adapter-twilio` give a provider's 429.
 */
const THROTTLE_CODES = new Set(['PROVIDER_THROTTLED', 'PROVIDER_RATE_LIMITED', 'RATE_LIMITED']);

/**
 * How long a handler's error asks the queue to wait, or `undefined` for an ordinary failure. An error asks
 * when it (or its `cause`) is a `ChatcartError` with a finite `retryAfterMs` ≥ 0 and either a throttling
 * code (`PROVIDER_THROTTLED`, `PROVIDER_RATE_LIMITED`, `RATE_LIMITED`) or an HTTP `status` of 429. The
 * wait is capped at 15 minutes.
 */
export function throttleWaitOf(error: unknown): number | undefined {
  for (let current = error, depth = 0; current instanceof ChatcartError && depth < 3; depth++) {
    const facts = current as ChatcartError & { retryAfterMs?: unknown; status?: unknown };
    const wait = facts.retryAfterMs;
    const throttling = THROTTLE_CODES.has(current.code) || facts.status === 429;
    if (throttling && typeof wait === 'number' && Number.isFinite(wait) && wait >= 0) {
      return Math.min(Math.ceil(wait), MAX_THROTTLE_WAIT_MS);
    }
    current = current.cause;
  }
  return undefined;
}
