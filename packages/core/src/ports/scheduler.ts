import { type Clock, systemClock } from './clock.js';

/** Cancels a scheduled call; calling it after the call ran, or twice, does nothing. */
export type CancelScheduled = () => void;

/**
 * Calls a function once at a moment of a `Clock`. In-memory adapters that wait (the job queue's delayed
 * jobs) use it instead of `setTimeout`, so a test can drive them with `ManualScheduler` from the testing kit
 * while production uses real timers.
 */
export interface Scheduler {
  /** The clock whose time `at` is measured in. */
  readonly clock: Clock;
  /** Calls `callback` once, no earlier than `at` (epoch milliseconds of `clock`). */
  at(at: number, callback: () => void): CancelScheduled;
}

// setTimeout fires at once (with a warning) for delays above 2^31 − 1 ms, about 24.8 days; a payment
// reminder a month out is normal, so long waits are done in hops.
const LONGEST_TIMEOUT_MS = 2 ** 31 - 1;

/**
 * A scheduler on real timers: one `setTimeout` per call, re-armed in hops for waits longer than
 * `setTimeout` allows, and re-checked against `clock` when it fires, so it never calls early. Timers are
 * `unref`ed: a pending call does not keep the process alive.
 *
 * @example
 * ```ts
 * const cancel = timerScheduler().at(Date.now() + 5_000, () => console.log('5 s later'));
 * ```
 */
export function timerScheduler(clock: Clock = systemClock): Scheduler {
  return {
    clock,
    at(at, callback) {
      let timer: ReturnType<typeof setTimeout> | undefined;
      let cancelled = false;
      // Always through a timer, even when already due, so `at` never re-enters its caller.
      const arm = (): void => {
        const wait = Math.max(0, at - clock.now());
        timer = setTimeout(
          () => {
            if (cancelled) return;
            if (clock.now() >= at) callback();
            else arm();
          },
          Math.min(wait, LONGEST_TIMEOUT_MS),
        );
        (timer as { unref?: () => void }).unref?.();
      };
      arm();
      return () => {
        cancelled = true;
        if (timer !== undefined) clearTimeout(timer);
      };
    },
  };
}
