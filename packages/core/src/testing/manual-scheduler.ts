import type { CancelScheduled, Scheduler } from '../ports/scheduler.js';
import { ManualClock } from './manual-clock.js';

interface Scheduled {
  readonly at: number;
  readonly order: number;
  readonly callback: () => void;
}

/**
 * A `Scheduler` driven by hand: nothing runs until `advance` moves its `ManualClock` past a call's time.
 * Give it to `MemoryJobQueue` (and share its clock with the other in-memory stores) to test delays, retries
 * and reminders a month out without waiting.
 *
 * @example
 * ```ts
 * const scheduler = new ManualScheduler(new ManualClock(Date.parse('2026-01-01T00:00:00Z')));
 * const queue = new MemoryJobQueue({ scheduler });
 * await queue.enqueue('reminders', 'fire', { reminderId: 'rem_1' }, { delayMs: 86_400_000 });
 * await scheduler.advance(86_400_000); // the reminder job becomes due and starts
 * await queue.whenIdle();
 * ```
 */
export class ManualScheduler implements Scheduler {
  readonly clock: ManualClock;
  #scheduled: Scheduled[] = [];
  #order = 0;

  constructor(clock: ManualClock = new ManualClock()) {
    this.clock = clock;
  }

  at(at: number, callback: () => void): CancelScheduled {
    const entry: Scheduled = { at, order: ++this.#order, callback };
    this.#scheduled.push(entry);
    return () => {
      this.#scheduled = this.#scheduled.filter((other) => other !== entry);
    };
  }

  /** The clock's time, so the scheduler can stand in wherever a `Clock` is wanted. */
  now(): number {
    return this.clock.now();
  }

  /** How many calls are waiting for their time. */
  get pending(): number {
    return this.#scheduled.length;
  }

  /**
   * Moves the clock forward by `ms`, stopping at each scheduled call on the way: the clock shows the call's
   * time while it runs, calls run in time order, and pending promise callbacks and timers get a turn after
   * each, so work a call starts (a job's handler, a retry it schedules) can schedule more within the window.
   */
  async advance(ms: number): Promise<void> {
    if (!(ms >= 0))
      throw new RangeError(`ManualScheduler.advance needs a non-negative number of ms, got ${ms}`);
    const target = this.clock.now() + ms;
    for (;;) {
      const next = this.#next(target);
      if (!next) break;
      if (next.at > this.clock.now()) this.clock.set(next.at);
      this.#scheduled = this.#scheduled.filter((other) => other !== next);
      next.callback();
      await turn();
    }
    this.clock.set(target);
    await turn();
  }

  /** Runs the calls already due (after the clock was moved directly, not through `advance`). */
  async runDue(): Promise<void> {
    await this.advance(0);
  }

  #next(until: number): Scheduled | undefined {
    let next: Scheduled | undefined;
    for (const entry of this.#scheduled) {
      if (entry.at > until) continue;
      if (!next || entry.at < next.at || (entry.at === next.at && entry.order < next.order)) next = entry;
    }
    return next;
  }
}

/** Lets queued promise callbacks and zero-delay timers run. */
function turn(): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, 0));
}
