import type { Clock } from '../ports/clock.js';

/**
 * A clock that moves only when told, for deterministic tests.
 *
 * @example
 * ```ts
 * const clock = new ManualClock(Date.parse('2026-01-01T00:00:00Z'));
 * clock.advance(60_000);
 * ```
 */
export class ManualClock implements Clock {
  #now: number;

  constructor(startAt = 0) {
    this.#now = startAt;
  }

  now(): number {
    return this.#now;
  }

  /** Moves time forward by `ms` (never backwards). */
  advance(ms: number): void {
    if (!(ms >= 0)) throw new RangeError(`ManualClock.advance needs a non-negative number of ms, got ${ms}`);
    this.#now += ms;
  }

  /** Jumps to `epochMs`, which must not be in the past. */
  set(epochMs: number): void {
    if (epochMs < this.#now) throw new RangeError('ManualClock cannot move backwards');
    this.#now = epochMs;
  }
}
