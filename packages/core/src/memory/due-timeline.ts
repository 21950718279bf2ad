import type { CancelScheduled, Scheduler } from '../ports/scheduler.js';

/**
 * Items waiting for their time, with one scheduled call for the earliest of them, re-armed whenever the
 * earliest changes: a thousand pending reminders cost one timer, not a thousand. Internal to the in-memory
 * adapters.
 */
export class DueTimeline<T extends { readonly dueAt: number }> {
  /** Earliest due first; equal times keep the order they were added in. */
  readonly #items: T[] = [];
  readonly #scheduler: Scheduler;
  readonly #onDue: () => void;
  #armed: { readonly at: number; readonly cancel: CancelScheduled } | undefined;
  #stopped = false;

  /** `onDue` is called when the earliest item's time has come; it should `takeDue()`. */
  constructor(scheduler: Scheduler, onDue: () => void) {
    this.#scheduler = scheduler;
    this.#onDue = onDue;
  }

  get size(): number {
    return this.#items.length;
  }

  add(item: T): void {
    insertSorted(this.#items, item, (other) => other.dueAt <= item.dueAt);
    this.#arm();
  }

  /** Removes and returns the items due by the scheduler's clock, earliest first, and re-arms. */
  takeDue(): T[] {
    const now = this.#scheduler.clock.now();
    let count = 0;
    while (count < this.#items.length && this.#items[count]!.dueAt <= now) count += 1;
    const due = this.#items.splice(0, count);
    this.#arm();
    return due;
  }

  /** Cancels the scheduled call for good; items stay where they are. */
  stop(): void {
    this.#stopped = true;
    this.#armed?.cancel();
    this.#armed = undefined;
  }

  #arm(): void {
    const earliest = this.#items[0];
    if (this.#armed && earliest?.dueAt === this.#armed.at) return;
    this.#armed?.cancel();
    this.#armed = undefined;
    if (!earliest || this.#stopped) return;
    this.#armed = {
      at: earliest.dueAt,
      cancel: this.#scheduler.at(earliest.dueAt, () => {
        this.#armed = undefined;
        this.#onDue();
      }),
    };
  }
}

/**
 * Inserts `item` into the sorted `list` after every element for which `staysBefore` holds (binary search,
 * so `staysBefore` must hold for a prefix of the list).
 */
export function insertSorted<T>(list: T[], item: T, staysBefore: (other: T) => boolean): void {
  let low = 0;
  let high = list.length;
  while (low < high) {
    const middle = (low + high) >>> 1;
    if (staysBefore(list[middle]!)) low = middle + 1;
    else high = middle;
  }
  list.splice(low, 0, item);
}
