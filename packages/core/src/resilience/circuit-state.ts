/* What a circuit breaker reports: its states, why they change, its events and its counters. */

/**
 * Where a breaker stands. CLOSED lets every call through; OPEN rejects every call without trying it;
 * HALF_OPEN lets a few probe calls through to find out whether the dependency is back.
 */
export type CircuitState = 'CLOSED' | 'OPEN' | 'HALF_OPEN';

/** Why a breaker changed state. */
export type CircuitTransitionReason =
  /** CLOSED → OPEN: `failureThreshold` consecutive failures. */
  | 'failureThreshold'
  /** OPEN → HALF_OPEN: a call arrived after `resetTimeout` had passed. */
  | 'resetTimeoutElapsed'
  /** HALF_OPEN → OPEN: a probe failed. */
  | 'probeFailed'
  /** HALF_OPEN → CLOSED: `successThreshold` probes succeeded. */
  | 'successThreshold'
  /** `open()` or `close()` was called. */
  | 'manual'
  /** `reset()` was called. */
  | 'reset';

/** What a `stateChange` listener receives. */
export interface CircuitStateChange {
  readonly breaker: string;
  readonly from: CircuitState;
  readonly to: CircuitState;
  readonly reason: CircuitTransitionReason;
  /** When it happened, by the breaker's clock (epoch ms). */
  readonly at: number;
}

/** The events a breaker emits, all synchronously at the transition. Listeners must not throw. */
export interface CircuitBreakerEvents {
  /** Every state change. */
  stateChange: (change: CircuitStateChange) => void;
  open: (change: CircuitStateChange) => void;
  halfOpen: (change: CircuitStateChange) => void;
  close: (change: CircuitStateChange) => void;
}

/** Counters since the breaker was made (or last `reset()`). */
export interface CircuitBreakerTotals {
  /** Every `execute` call, rejected or not. */
  readonly calls: number;
  readonly successes: number;
  /** Calls whose error counted (see `isFailure`), timeouts included. */
  readonly failures: number;
  /** Calls whose error `isFailure` said not to count; passed to the caller unchanged. */
  readonly ignored: number;
  /** Calls refused without being attempted, because the breaker was open or its probes were all taken. */
  readonly rejections: number;
  /** Calls that did not settle within `timeout` (also counted in `failures`). */
  readonly timeouts: number;
  /** Times the fallback produced the answer. */
  readonly fallbacks: number;
}

/** A snapshot of a breaker, for health checks and metrics. */
export interface CircuitBreakerStats {
  readonly name: string;
  readonly state: CircuitState;
  /** Consecutive counted failures while CLOSED. */
  readonly consecutiveFailures: number;
  /** Probe successes so far in this HALF_OPEN period. */
  readonly halfOpenSuccesses: number;
  /** Calls started and not yet settled (a timed-out call is settled for the breaker). */
  readonly inFlight: number;
  /** When the breaker last opened (epoch ms); absent while CLOSED. */
  readonly openedAt: number | undefined;
  /** From when a call will be let through as a probe; absent unless OPEN, and when opened by hand. */
  readonly nextAttemptAt: number | undefined;
  readonly totals: CircuitBreakerTotals;
}
