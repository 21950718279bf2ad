import { backoffDelay, type Logger } from '@chatcart/core';
import { TwilioApiError } from './errors.js';

/** When a failed send is tried again. Every field has a default. */
export interface RetryOptions {
  /** Retries after the first attempt. Default 3; `0` turns retries off. */
  readonly retries?: number;
  /** The first backoff delay in ms, doubled per retry (when Twilio gave no `Retry-After`). Default 500. */
  readonly baseDelayMs?: number;
  /** The longest backoff delay in ms. Default 8 000. */
  readonly maxDelayMs?: number;
  /**
   * The longest `Retry-After` honoured in ms. When Twilio asks for a longer wait the error is thrown at
   * once, carrying `retryAfterMs`, so a job queue can reschedule instead of holding a worker. Default 30 000.
   */
  readonly maxRetryAfterMs?: number;
  /** Waits between attempts; replace it in tests. Default `setTimeout`. */
  readonly sleep?: (ms: number) => Promise<void>;
  /** A number in [0, 1) for jitter; replace it in tests. Default `Math.random`. */
  readonly random?: () => number;
}

/** {@link RetryOptions} with the defaults filled in. */
export type ResolvedRetryOptions = Required<RetryOptions>;

/** Fills in the defaults of {@link RetryOptions}. */
export function resolveRetryOptions(options: RetryOptions = {}): ResolvedRetryOptions {
  const resolved = {
    retries: options.retries ?? 3,
    baseDelayMs: options.baseDelayMs ?? 500,
    maxDelayMs: options.maxDelayMs ?? 8_000,
    maxRetryAfterMs: options.maxRetryAfterMs ?? 30_000,
    sleep: options.sleep ?? ((ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms))),
    random: options.random ?? Math.random,
  };
  if (!Number.isSafeInteger(resolved.retries) || resolved.retries < 0 || resolved.retries > 10) {
    throw new RangeError(`retry.retries must be a whole number from 0 to 10, got ${resolved.retries}`);
  }
  for (const name of ['baseDelayMs', 'maxDelayMs', 'maxRetryAfterMs'] as const) {
    if (!(resolved[name] >= 0) || !Number.isFinite(resolved[name])) {
      throw new RangeError(`retry.${name} must be a non-negative number of ms, got ${resolved[name]}`);
    }
  }
  return resolved;
}

/**
 * Runs `attempt`, and runs it again only when that is safe: Twilio answered 429 or 5xx, or could not be
 * reached at all. Any other error (a 4xx that would fail again, a timeout after the request may have
 * arrived, an open circuit breaker) is thrown at once. Waits `Retry-After` when Twilio sends one,
 * otherwise an exponential backoff with jitter (half fixed, half random).
 */
export async function withSendRetries<T>(
  attempt: () => Promise<T>,
  options: ResolvedRetryOptions,
  logger?: Logger,
): Promise<T> {
  for (let failures = 0; ; ) {
    try {
      return await attempt();
    } catch (error) {
      failures++;
      if (!(error instanceof TwilioApiError) || !error.retryable || failures > options.retries) throw error;
      const delayMs = retryDelay(error, failures, options);
      if (delayMs === undefined) throw error;
      logger?.warn(
        { attempt: failures, status: error.status, twilioCode: error.twilioCode, delayMs },
        'Twilio send failed; retrying',
      );
      await options.sleep(delayMs);
    }
  }
}

function retryDelay(
  error: TwilioApiError,
  failures: number,
  options: ResolvedRetryOptions,
): number | undefined {
  if (error.retryAfterMs !== undefined) {
    return error.retryAfterMs > options.maxRetryAfterMs ? undefined : error.retryAfterMs;
  }
  const backoff = Math.min(
    options.maxDelayMs,
    backoffDelay({ type: 'exponential', delayMs: options.baseDelayMs }, failures),
  );
  return Math.round(backoff / 2 + (backoff / 2) * options.random());
}
