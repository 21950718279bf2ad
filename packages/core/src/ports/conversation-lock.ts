import { ChatcartError } from '../domain/errors.js';

/** What the work run under a conversation lock is handed. */
export interface ConversationLease {
  /**
   * A number that strictly increases with every grant of the same conversation's lock. Pass it to stores
   * that can refuse writes carrying a token lower than one they have seen, so a holder that lost its lease
   * (paused, partitioned) cannot overwrite the work of the holder after it.
   */
  readonly fencingToken: number;
  /**
   * Aborted when the lease is lost before the work ends (it could not be renewed in time), with a
   * `LockLostError` as its reason. Long work should check it before each side effect.
   */
  readonly signal: AbortSignal;
}

/** How long to wait for a conversation's lock and how long a lease lasts without renewal. */
export interface ConversationLockOptions {
  /** Longest time to wait for the lock before giving up with a `LockTimeoutError`. */
  readonly waitMs?: number;
  /**
   * How long a grant lasts if the holder stops renewing it (its process died). Implementations renew it
   * while the work runs, so work may take longer than this; it bounds how long a crashed holder blocks.
   */
  readonly leaseMs?: number;
}

/**
 * Per-customer ordering: the messages of one conversation are handled one at a time, in arrival order, even
 * when several app instances receive them at once. Different conversations run in parallel.
 *
 * Waiters are served first come, first served. A holder whose process dies frees the lock when its lease
 * runs out; a waiter that gives up leaves the queue without blocking the ones behind it.
 *
 * @example
 * ```ts
 * await lock.runExclusive(organizationId, customerPhone, async ({ fencingToken, signal }) => {
 *   const session = await sessions.get(organizationId, customerPhone);
 *   // …handle the message; check `signal.aborted` before each side effect…
 * }, { waitMs: 10_000 });
 * ```
 */
export interface ConversationLock {
  /**
   * Runs `work` while holding the lock of `conversationKey` in `organizationId`, and releases it when the
   * work settles (fulfilled or rejected). Resolves or rejects with the work's outcome; rejects with a
   * `LockTimeoutError` when the lock was not granted within `waitMs`, and the work then never runs.
   */
  runExclusive<T>(
    organizationId: string,
    conversationKey: string,
    work: (lease: ConversationLease) => Promise<T>,
    options?: ConversationLockOptions,
  ): Promise<T>;
}

/** The conversation's lock was not granted within the time allowed; the work did not run. */
export class LockTimeoutError extends ChatcartError {
  readonly waitMs: number;

  constructor(organizationId: string, conversationKey: string, waitMs: number) {
    super(
      'LOCK_TIMEOUT',
      `The lock of conversation ${conversationKey} was not granted within ${waitMs} ms; another message of ` +
        'the same customer is still being handled. Retry later or raise waitMs.',
      { details: { organizationId, conversationKey, waitMs } },
    );
    this.waitMs = waitMs;
  }
}

/** A holder's lease ran out before its work ended, so another holder may now be running. */
export class LockLostError extends ChatcartError {
  readonly fencingToken: number;

  constructor(organizationId: string, conversationKey: string, fencingToken: number) {
    super(
      'LOCK_LOST',
      `The lease on conversation ${conversationKey} (fencing token ${fencingToken}) was lost before the ` +
        'work ended; stop writing and let the next holder proceed.',
      { details: { organizationId, conversationKey, fencingToken } },
    );
    this.fencingToken = fencingToken;
  }
}
