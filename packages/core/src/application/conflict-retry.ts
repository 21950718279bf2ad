import pRetry, { AbortError } from 'p-retry';
import { ConflictError } from '../domain/errors.js';
import { type Logger, silentLogger } from '../ports/logger.js';

/** Retries of a conflicting command when none are configured. */
export const DEFAULT_CONFLICT_RETRIES = 3;
/** The most retries a command may be configured with: conflicts that persist longer are real contention. */
export const MAX_CONFLICT_RETRIES = 10;

/**
 * The retry count to use: `retries`, or {@link DEFAULT_CONFLICT_RETRIES} when undefined.
 *
 * @throws {RangeError} unless it is a whole number from 0 to {@link MAX_CONFLICT_RETRIES}.
 */
export function resolveConflictRetries(retries: number | undefined): number {
  const resolved = retries ?? DEFAULT_CONFLICT_RETRIES;
  if (!(Number.isSafeInteger(resolved) && resolved >= 0 && resolved <= MAX_CONFLICT_RETRIES)) {
    throw new RangeError(
      `conflictRetries must be a whole number from 0 to ${MAX_CONFLICT_RETRIES}, got ${retries}`,
    );
  }
  return resolved;
}

/** Options of {@link retryOnConflict}. */
export interface ConflictRetryOptions {
  /** Retries after the first attempt, 0–{@link MAX_CONFLICT_RETRIES}; default {@link DEFAULT_CONFLICT_RETRIES}. */
  readonly retries?: number;
  /** Wait before the first retry, in ms; doubled per retry and jittered (×1–2). Default 5. */
  readonly minDelayMs?: number;
  /** The longest wait between two attempts, in ms. Default 100. */
  readonly maxDelayMs?: number;
  /** Told about every conflict that is retried. */
  readonly logger?: Logger;
  /** Names the operation in log lines. */
  readonly operation?: string;
}

/**
 * Runs `attempt`, and runs it again from the start when it fails with a {@link ConflictError} (another
 * writer saved the same aggregate first), at most `retries` more times with a short jittered backoff so two
 * racing writers do not collide again in lockstep. Any other error aborts at once and is rethrown as is.
 * When the conflict never clears, the last `ConflictError` is thrown.
 *
 * Each attempt must reload what it changes: a retry re-applies the command to the state the winner left, so
 * the domain decides again (and may refuse, for example a second confirm of the same order).
 *
 * @example
 * ```ts
 * const order = await retryOnConflict(() => unitOfWork.run(async (tx) => {
 *   const order = await tx.orders.getById(organizationId, orderId);
 *   order.confirm(clock.now());
 *   await tx.orders.save(order);
 *   return order;
 * }), { retries: 3 });
 * ```
 */
export async function retryOnConflict<T>(
  attempt: (attemptNumber: number) => Promise<T>,
  options: ConflictRetryOptions = {},
): Promise<T> {
  const retries = resolveConflictRetries(options.retries);
  const logger = options.logger ?? silentLogger;
  // p-retry only carries Error instances through AbortError; keeping the thrown value here rethrows it
  // untouched, whatever it is.
  let fatal: { readonly error: unknown } | undefined;
  try {
    return await pRetry(
      async (attemptNumber) => {
        try {
          return await attempt(attemptNumber);
        } catch (error) {
          if (error instanceof ConflictError) throw error;
          fatal = { error };
          throw new AbortError('not a version conflict');
        }
      },
      {
        retries,
        factor: 2,
        minTimeout: options.minDelayMs ?? 5,
        maxTimeout: options.maxDelayMs ?? 100,
        randomize: true,
        onFailedAttempt: ({ error, attemptNumber, retriesLeft }) => {
          if (retriesLeft > 0) {
            logger.debug(
              { err: error, operation: options.operation, attemptNumber, retriesLeft },
              'Version conflict; retrying from a fresh read',
            );
          }
        },
      },
    );
  } catch (error) {
    if (fatal) throw fatal.error;
    throw error;
  }
}
