import { EventEmitter } from 'eventemitter3';
import { type Clock, systemClock } from '../ports/clock.js';
import type {
  CircuitBreakerEvents,
  CircuitBreakerStats,
  CircuitState,
  CircuitStateChange,
  CircuitTransitionReason,
} from './circuit-state.js';
import { type DeadlineEntry, DeadlineQueue } from './deadline-queue.js';
import { CallTimeoutError, CircuitOpenError } from './errors.js';

/** How a {@link CircuitBreaker} behaves. Every field has a default. */
export interface CircuitBreakerOptions<TFallback = never> {
  /** Shown in errors and events. Default `'circuit'`. */
  name?: string;
  /** Consecutive counted failures that open a CLOSED breaker. Default 5. */
  failureThreshold?: number;
  /** Probe successes in HALF_OPEN that close the breaker. Default 2. */
  successThreshold?: number;
  /** Probes allowed in flight at once in HALF_OPEN; further calls are rejected at once, never queued. Default 1. */
  halfOpenMaxProbes?: number;
  /** Milliseconds a call may take before it is rejected with `CallTimeoutError`; `false` for none. Default 10 000. */
  timeout?: number | false;
  /**
   * How late a timeout may fire, in ms: the tick of the breaker's deadline sweep. Default 1% of `timeout`,
   * between 5 and 1 000 ms (100 ms for the default 10 s timeout).
   */
  timeoutResolution?: number;
  /** Milliseconds an OPEN breaker waits before letting a probe through. Default 60 000. */
  resetTimeout?: number;
  /**
   * Which errors count against the dependency. Default: every error. Return `false` for errors that are the
   * caller's fault, such as a provider's 4xx answer (bad number, invalid template): the provider answered,
   * so it is healthy, and opening the breaker would block every other customer's messages. Such an error is
   * passed to the caller unchanged, skips the fallback, and counts like a success for the breaker's state.
   * Timeouts always count.
   */
  isFailure?: (error: unknown) => boolean;
  /**
   * Produces the answer instead of an error when a call fails (a counted failure or a timeout) or is
   * rejected because the breaker is open. It receives that error; if it throws, the caller gets that.
   */
  fallback?: (error: unknown) => TFallback | PromiseLike<TFallback>;
  /**
   * Where time comes from for the reset timeout and timestamps. Default the system clock. Call timeouts
   * are measured by the runtime's timers instead (so fake timers drive them in tests), because reading a
   * clock on every call would cost as much as the rest of the breaker.
   */
  clock?: Clock;
}

/** A call in flight, linked into the breaker's deadline queue while a timeout applies. */
class InFlightCall<T> implements DeadlineEntry {
  prev: DeadlineEntry | undefined;
  next: DeadlineEntry | undefined;
  settled: boolean;
  readonly deadline: number;
  readonly generation: number;
  readonly probe: boolean;
  readonly controller: AbortController | undefined;
  readonly resolve: (value: T | PromiseLike<T>) => void;
  readonly reject: (error: unknown) => void;

  // Every field is assigned here, in one order, so all calls share one hidden class.
  constructor(
    deadline: number,
    generation: number,
    probe: boolean,
    controller: AbortController | undefined,
    resolve: (value: T | PromiseLike<T>) => void,
    reject: (error: unknown) => void,
  ) {
    this.prev = undefined;
    this.next = undefined;
    this.settled = false;
    this.deadline = deadline;
    this.generation = generation;
    this.probe = probe;
    this.controller = controller;
    this.resolve = resolve;
    this.reject = reject;
  }
}

const isThenable = <T>(value: T | PromiseLike<T>): value is PromiseLike<T> =>
  value !== null &&
  (typeof value === 'object' || typeof value === 'function') &&
  typeof (value as { then?: unknown }).then === 'function';

const positiveInteger = (name: string, value: number): number => {
  if (!Number.isSafeInteger(value) || value < 1) {
    throw new RangeError(`CircuitBreaker option ${name} must be a positive integer, got ${value}`);
  }
  return value;
};

const nonNegative = (name: string, value: number): number => {
  if (!(value >= 0) || !Number.isFinite(value)) {
    throw new RangeError(`CircuitBreaker option ${name} must be a non-negative number of ms, got ${value}`);
  }
  return value;
};

/**
 * Stops calling a dependency that keeps failing, so requests fail fast instead of piling up behind it, and
 * finds out by itself when the dependency is back.
 *
 * CLOSED → OPEN after `failureThreshold` consecutive counted failures (timeouts included). OPEN rejects
 * every call with `CircuitOpenError` (or answers with the fallback) until `resetTimeout` has passed; the
 * next call then moves it to HALF_OPEN — lazily, by reading the clock, so an idle breaker runs no timer.
 * HALF_OPEN lets at most `halfOpenMaxProbes` calls run at once and rejects the rest at once; one probe
 * failure re-opens, `successThreshold` probe successes close.
 *
 * Only calls started in the current state move the breaker: a call started while CLOSED that fails after
 * the breaker opened, or succeeds while probes run, changes no state. So a burst of thousands of failing
 * calls opens the breaker once, and their late answers can neither keep it open nor close it early.
 *
 * Timeouts cost no timer and no clock read per call: calls in flight wait in a FIFO swept by one coarse
 * interval per process (one per resolution, shared by every breaker) that runs only while calls are in
 * flight (see {@link DeadlineQueue}). A timed-out call is rejected with `CallTimeoutError` no earlier than
 * `timeout` and at most about `timeoutResolution` later (100 ms for the default 10 s); the work itself cannot be stopped unless it
 * listens to the signal given by {@link CircuitBreaker.executeWithSignal}.
 *
 * @example
 * ```ts
 * const breaker = new CircuitBreaker({
 *   name: 'twilio',
 *   isFailure: (error) => !(error instanceof ProviderError && error.status < 500),
 * });
 * breaker.on('open', ({ reason }) => logger.warn('twilio breaker opened', { reason }));
 * const result = await breaker.execute(() => transport.send(message));
 * ```
 */
export class CircuitBreaker<TFallback = never> {
  /** The breaker's name, as given in the options. */
  readonly name: string;
  readonly #failureThreshold: number;
  readonly #successThreshold: number;
  readonly #halfOpenMaxProbes: number;
  readonly #timeout: number | undefined;
  /** `timeout` in ticks of the deadline queue, plus the tick in progress (see DeadlineQueue). */
  readonly #timeoutTicks: number;
  readonly #resetTimeout: number;
  readonly #isFailure: ((error: unknown) => boolean) | undefined;
  readonly #fallback: ((error: unknown) => TFallback | PromiseLike<TFallback>) | undefined;
  readonly #clock: Clock;
  readonly #events = new EventEmitter<CircuitBreakerEvents>();
  readonly #deadlines: DeadlineQueue<InFlightCall<unknown>>;

  #state: CircuitState = 'CLOSED';
  /** Bumped on every transition; a call's result moves the breaker only if its generation is current. */
  #generation = 0;
  #consecutiveFailures = 0;
  #halfOpenSuccesses = 0;
  #probesInFlight = 0;
  #inFlight = 0;
  #openedAt: number | undefined;
  #nextAttemptAt: number | undefined;

  #calls = 0;
  #successes = 0;
  #failures = 0;
  #ignored = 0;
  #rejections = 0;
  #timeouts = 0;
  #fallbacks = 0;

  constructor(options: CircuitBreakerOptions<TFallback> = {}) {
    this.name = options.name ?? 'circuit';
    this.#failureThreshold = positiveInteger('failureThreshold', options.failureThreshold ?? 5);
    this.#successThreshold = positiveInteger('successThreshold', options.successThreshold ?? 2);
    this.#halfOpenMaxProbes = positiveInteger('halfOpenMaxProbes', options.halfOpenMaxProbes ?? 1);
    const timeout = options.timeout ?? 10_000;
    this.#timeout = timeout === false ? undefined : nonNegative('timeout', timeout);
    this.#resetTimeout = nonNegative('resetTimeout', options.resetTimeout ?? 60_000);
    this.#isFailure = options.isFailure;
    this.#fallback = options.fallback;
    this.#clock = options.clock ?? systemClock;
    const resolution = options.timeoutResolution ?? Math.min(1_000, Math.max(5, (this.#timeout ?? 0) / 100));
    if (!(resolution >= 1) || !Number.isFinite(resolution)) {
      throw new RangeError(
        `CircuitBreaker option timeoutResolution must be at least 1 ms, got ${resolution}`,
      );
    }
    this.#deadlines = new DeadlineQueue(resolution, (call) => this.#expire(call));
    this.#timeoutTicks = Math.ceil((this.#timeout ?? 0) / resolution) + 1;
  }

  /** The current state. An OPEN breaker past its reset timeout still reads OPEN until the next call. */
  get state(): CircuitState {
    return this.#state;
  }

  /** Subscribes to an event; see {@link CircuitBreakerEvents}. */
  on<E extends keyof CircuitBreakerEvents>(event: E, listener: CircuitBreakerEvents[E]): this {
    this.#events.on(event, listener as (change: CircuitStateChange) => void);
    return this;
  }

  /** Subscribes to the next occurrence of an event only. */
  once<E extends keyof CircuitBreakerEvents>(event: E, listener: CircuitBreakerEvents[E]): this {
    this.#events.once(event, listener as (change: CircuitStateChange) => void);
    return this;
  }

  /** Removes a listener added with `on` or `once`. */
  off<E extends keyof CircuitBreakerEvents>(event: E, listener: CircuitBreakerEvents[E]): this {
    this.#events.off(event, listener as (change: CircuitStateChange) => void);
    return this;
  }

  /**
   * Runs `fn` through the breaker: rejected at once with `CircuitOpenError` when open (or answered by the
   * fallback), rejected with `CallTimeoutError` if it takes longer than `timeout`, otherwise settled as `fn`
   * settles. Allocates no timer and no `AbortController`.
   */
  execute<T>(fn: () => T | PromiseLike<T>): Promise<T | TFallback> {
    return this.#run(fn, false);
  }

  /**
   * Like {@link CircuitBreaker.execute}, but hands `fn` an `AbortSignal` that aborts, with the
   * `CallTimeoutError` as its reason, when the call times out — so an HTTP request can be cancelled rather
   * than left running. Costs one `AbortController` per call, which is why it is a separate method.
   */
  executeWithSignal<T>(fn: (signal: AbortSignal) => T | PromiseLike<T>): Promise<T | TFallback> {
    return this.#run(fn, true);
  }

  /**
   * Opens the breaker by hand and holds it open (no probes) until `close()` or `reset()`, for example while
   * a provider announces maintenance.
   */
  open(): void {
    if (this.#state === 'OPEN' && this.#nextAttemptAt === undefined) return;
    this.#transition('OPEN', 'manual', true);
  }

  /** Closes the breaker by hand and forgets its consecutive failures. */
  close(): void {
    if (this.#state === 'CLOSED') {
      this.#consecutiveFailures = 0;
      return;
    }
    this.#transition('CLOSED', 'manual', false);
  }

  /** Closes the breaker and zeroes every counter, as if it were new. Calls in flight no longer move it. */
  reset(): void {
    if (this.#state === 'CLOSED') this.#generation++;
    else this.#transition('CLOSED', 'reset', false);
    this.#consecutiveFailures = 0;
    this.#calls = 0;
    this.#successes = 0;
    this.#failures = 0;
    this.#ignored = 0;
    this.#rejections = 0;
    this.#timeouts = 0;
    this.#fallbacks = 0;
  }

  /** A snapshot of the state and counters. */
  stats(): CircuitBreakerStats {
    return {
      name: this.name,
      state: this.#state,
      consecutiveFailures: this.#consecutiveFailures,
      halfOpenSuccesses: this.#halfOpenSuccesses,
      inFlight: this.#inFlight,
      openedAt: this.#openedAt,
      nextAttemptAt: this.#nextAttemptAt,
      totals: {
        calls: this.#calls,
        successes: this.#successes,
        failures: this.#failures,
        ignored: this.#ignored,
        rejections: this.#rejections,
        timeouts: this.#timeouts,
        fallbacks: this.#fallbacks,
      },
    };
  }

  #run<T>(fn: (signal: AbortSignal) => T | PromiseLike<T>, withSignal: boolean): Promise<T | TFallback> {
    this.#calls++;
    let probe = false;
    if (this.#state !== 'CLOSED') {
      if (!this.#admitProbe()) return this.#rejectOpen();
      probe = true;
    }
    const generation = this.#generation;
    const controller = withSignal ? new AbortController() : undefined;
    this.#inFlight++;
    let result: T | PromiseLike<T>;
    try {
      result = controller === undefined ? (fn as () => T | PromiseLike<T>)() : fn(controller.signal);
    } catch (error) {
      return this.#settleSyncError(error, generation, probe);
    }
    if (!isThenable(result)) {
      this.#inFlight--;
      this.#recordSuccess(generation, probe);
      return Promise.resolve(result);
    }
    if (this.#timeout === undefined) {
      return Promise.resolve(result).then(
        (value) => {
          this.#inFlight--;
          this.#recordSuccess(generation, probe);
          return value;
        },
        (error: unknown) => {
          this.#inFlight--;
          return this.#answerFailure(error, generation, probe);
        },
      );
    }
    const deadline = this.#deadlines.tick + this.#timeoutTicks;
    let call!: InFlightCall<T>;
    const promise = new Promise<T | TFallback>((resolve, reject) => {
      call = new InFlightCall<T>(
        deadline,
        generation,
        probe,
        controller,
        resolve as (value: T | PromiseLike<T>) => void,
        reject,
      );
    });
    this.#deadlines.add(call as InFlightCall<unknown>);
    result.then(
      (value) => this.#callSucceeded(call, value),
      (error: unknown) => this.#callFailed(call, error),
    );
    return promise;
  }

  /** In OPEN or HALF_OPEN: takes a probe slot if one is free (moving OPEN → HALF_OPEN when due). */
  #admitProbe(): boolean {
    if (this.#state === 'OPEN') {
      if (this.#nextAttemptAt === undefined || this.#clock.now() < this.#nextAttemptAt) return false;
      this.#transition('HALF_OPEN', 'resetTimeoutElapsed', false);
    }
    if (this.#probesInFlight >= this.#halfOpenMaxProbes) return false;
    this.#probesInFlight++;
    return true;
  }

  #rejectOpen<T>(): Promise<T | TFallback> {
    this.#rejections++;
    const error = new CircuitOpenError(this.name, this.#state === 'OPEN' ? this.#nextAttemptAt : undefined);
    return this.#fallback === undefined ? Promise.reject(error) : this.#useFallback(error);
  }

  #callSucceeded<T>(call: InFlightCall<T>, value: T): void {
    if (call.settled) return;
    call.settled = true;
    this.#inFlight--;
    this.#deadlines.remove(call as InFlightCall<unknown>);
    call.resolve(value);
    this.#recordSuccess(call.generation, call.probe);
  }

  #callFailed<T>(call: InFlightCall<T>, error: unknown): void {
    if (call.settled) return;
    call.settled = true;
    this.#inFlight--;
    this.#deadlines.remove(call as InFlightCall<unknown>);
    if (!this.#counts(error)) {
      call.reject(error);
      this.#recordIgnored(call.generation, call.probe);
      return;
    }
    this.#settleWithFallback(call, error);
    this.#recordFailure(call.generation, call.probe);
  }

  #expire(call: InFlightCall<unknown>): void {
    if (call.settled) return;
    call.settled = true;
    this.#inFlight--;
    this.#timeouts++;
    const error = new CallTimeoutError(`A call through circuit breaker "${this.name}"`, this.#timeout ?? 0);
    call.controller?.abort(error);
    this.#settleWithFallback(call, error);
    this.#recordFailure(call.generation, call.probe);
  }

  #settleWithFallback<T>(call: InFlightCall<T>, error: unknown): void {
    if (this.#fallback === undefined) {
      call.reject(error);
      return;
    }
    this.#fallbacks++;
    try {
      call.resolve(this.#fallback(error) as T | PromiseLike<T>);
    } catch (fallbackError) {
      call.reject(fallbackError);
    }
  }

  /** For the no-timeout path: the value (or thrown error) the caller's promise settles with. */
  #answerFailure(error: unknown, generation: number, probe: boolean): TFallback | PromiseLike<TFallback> {
    if (!this.#counts(error)) {
      this.#recordIgnored(generation, probe);
      throw error;
    }
    this.#recordFailure(generation, probe);
    if (this.#fallback === undefined) throw error;
    this.#fallbacks++;
    return this.#fallback(error);
  }

  #settleSyncError<T>(error: unknown, generation: number, probe: boolean): Promise<T | TFallback> {
    this.#inFlight--;
    if (!this.#counts(error)) {
      this.#recordIgnored(generation, probe);
      return Promise.reject(error);
    }
    this.#recordFailure(generation, probe);
    return this.#fallback === undefined ? Promise.reject(error) : this.#useFallback(error);
  }

  #useFallback<T>(error: unknown): Promise<T | TFallback> {
    this.#fallbacks++;
    const fallback = this.#fallback!;
    return new Promise<TFallback>((resolve) => resolve(fallback(error)));
  }

  #counts(error: unknown): boolean {
    if (this.#isFailure === undefined || error instanceof CallTimeoutError) return true;
    try {
      return this.#isFailure(error);
    } catch {
      // A predicate that cannot decide must not hide an outage.
      return true;
    }
  }

  #recordSuccess(generation: number, probe: boolean): void {
    this.#successes++;
    this.#healthy(generation, probe);
  }

  #recordIgnored(generation: number, probe: boolean): void {
    this.#ignored++;
    this.#healthy(generation, probe);
  }

  /** The dependency answered: reset the failure streak, or count a probe success. */
  #healthy(generation: number, probe: boolean): void {
    if (generation !== this.#generation) return;
    if (this.#state === 'CLOSED') {
      this.#consecutiveFailures = 0;
    } else if (probe && this.#state === 'HALF_OPEN') {
      this.#probesInFlight--;
      if (++this.#halfOpenSuccesses >= this.#successThreshold) {
        this.#transition('CLOSED', 'successThreshold', false);
      }
    }
  }

  #recordFailure(generation: number, probe: boolean): void {
    this.#failures++;
    if (generation !== this.#generation) return;
    if (this.#state === 'CLOSED') {
      if (++this.#consecutiveFailures >= this.#failureThreshold) {
        this.#transition('OPEN', 'failureThreshold', false);
      }
    } else if (probe && this.#state === 'HALF_OPEN') {
      this.#transition('OPEN', 'probeFailed', false);
    }
  }

  #transition(to: CircuitState, reason: CircuitTransitionReason, held: boolean): void {
    const from = this.#state;
    const at = this.#clock.now();
    this.#state = to;
    this.#generation++;
    this.#probesInFlight = 0;
    this.#halfOpenSuccesses = 0;
    if (to === 'OPEN') {
      this.#openedAt = at;
      this.#nextAttemptAt = held ? undefined : at + this.#resetTimeout;
    } else if (to === 'HALF_OPEN') {
      this.#nextAttemptAt = undefined;
    } else {
      this.#consecutiveFailures = 0;
      this.#openedAt = undefined;
      this.#nextAttemptAt = undefined;
    }
    const change: CircuitStateChange = { breaker: this.name, from, to, reason, at };
    this.#emit('stateChange', change);
    this.#emit(to === 'OPEN' ? 'open' : to === 'HALF_OPEN' ? 'halfOpen' : 'close', change);
  }

  #emit(event: keyof CircuitBreakerEvents, change: CircuitStateChange): void {
    try {
      this.#events.emit(event, change);
    } catch (error) {
      // The state has already changed; a throwing listener must not leave a call unsettled. Its error is
      // re-thrown on its own, where it shows up as an uncaught exception instead of vanishing.
      queueMicrotask(() => {
        throw error;
      });
    }
  }
}
