import { ChatcartError } from '@chatcart/core';

/**
 * Redis could not answer in time (down, unreachable, failing over, or the command timed out). Nothing can
 * be said about whether the command took effect; reload before retrying a write.
 *
 * @example
 * ```ts
 * try {
 *   await sessions.get(organizationId, phone);
 * } catch (error) {
 *   if (error instanceof StoreUnavailableError) reply('We are a little busy, please try again in a minute.');
 * }
 * ```
 */
export class StoreUnavailableError extends ChatcartError {
  /** The store operation that failed, for example `session.set`. */
  readonly operation: string;

  constructor(operation: string, cause: unknown) {
    const reason = cause instanceof Error ? cause.message : String(cause);
    super(
      'STORE_UNAVAILABLE',
      `Redis did not complete ${operation}: ${reason}. Check that Redis is reachable; the call may be retried.`,
      { cause, details: { operation, reason } },
    );
    this.operation = operation;
  }
}
