import { ChatcartError } from '../domain/errors.js';
import type { RateLimitScopeName } from '../ports/rate-limit-store.js';

/**
 * A rate limit refused the request. Wait `retryAfterMs` before trying again (`Infinity` when the request
 * costs more than the bucket can ever hold).
 */
export class RateLimitError extends ChatcartError {
  readonly scope: RateLimitScopeName;
  readonly retryAfterMs: number;

  constructor(scope: RateLimitScopeName, retryAfterMs: number) {
    super(
      'RATE_LIMITED',
      Number.isFinite(retryAfterMs)
        ? `Too many requests for the ${scope} limit; retry in ${Math.ceil(retryAfterMs)} ms.`
        : `The request costs more than the ${scope} limit can ever allow; lower its cost or raise the limit.`,
      {
        details: { scope, retryAfterMs },
      },
    );
    this.scope = scope;
    this.retryAfterMs = retryAfterMs;
  }
}

/** The circuit breaker is open: the call was not attempted. */
export class CircuitOpenError extends ChatcartError {
  readonly breaker: string;
  /**
   * When the breaker will let a probe through, in epoch milliseconds; absent when it was opened by hand, or
   * is half-open with all its probes taken.
   */
  readonly retryAt: number | undefined;

  constructor(breaker: string, retryAt?: number) {
    super('CIRCUIT_OPEN', `The circuit breaker "${breaker}" is open; the call was not attempted.`, {
      details: { breaker, retryAt },
    });
    this.breaker = breaker;
    this.retryAt = retryAt;
  }
}

/** A call guarded by a timeout did not settle in time. */
export class CallTimeoutError extends ChatcartError {
  readonly timeoutMs: number;

  constructor(what: string, timeoutMs: number) {
    super('TIMEOUT', `${what} did not finish within ${timeoutMs} ms.`, { details: { what, timeoutMs } });
    this.timeoutMs = timeoutMs;
  }
}
