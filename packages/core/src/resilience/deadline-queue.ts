/** One entry linked into a {@link DeadlineQueue}. The queue owns `prev` and `next`. */
export interface DeadlineEntry {
  /** The queue tick at which the entry expires (see {@link DeadlineQueue.tick}). */
  readonly deadline: number;
  prev: DeadlineEntry | undefined;
  next: DeadlineEntry | undefined;
}

/**
 * Calls in flight, oldest first, expired by one coarse periodic sweep: the timeout machinery of the
 * circuit breaker, built so that a call that finishes in time costs a few pointer writes — no timer, no
 * `AbortController`, not even a clock read.
 *
 * Why: creating and clearing a timer for every call (and the `AbortController` that usually goes with it)
 * is what makes per-call timeouts in opossum and cockatiel cost several times the call itself, and even
 * `Date.now()` costs about as much as the rest of a breaker's bookkeeping.
 *
 * How: time is counted in ticks of `resolutionMs`. Every queue of one resolution is advanced by the same
 * `setInterval` (one per resolution per process, not one per breaker), which runs only while some queue has
 * entries waiting (a queue leaves at the first tick that finds it empty, so sequential calls do not join and
 * leave each time) and is `unref`'d, so it never keeps a process alive. Every call of a breaker has the same
 * timeout, so deadlines (in ticks) arrive in order and the queue is a FIFO: `add` links at the tail,
 * `remove` unlinks in O(1) when the call settles, and nothing settled is kept. Each tick expires the entries
 * at the head whose deadline has come.
 *
 * Resolution: an entry added during tick `k` with timeout `t` expires at tick `k + ceil(t / r) + 1`, so it
 * fires no earlier than `t` after it was added (the first tick after joining may come at once, hence the
 * `+ 1`), and at most about `r` (plus the rounding of `t` up to a whole tick) later — later still only if the
 * event loop is blocked, as with any timer.
 *
 * Fake timers (vitest, sinon): the shared interval remembers the `setInterval` it was started with; a queue
 * joining after the test swapped timers restarts it with the current ones, so the sweep follows the timers
 * of the test that uses it.
 */
export class DeadlineQueue<E extends DeadlineEntry> {
  /** Milliseconds per tick. */
  readonly resolutionMs: number;
  readonly #onExpired: (entry: E) => void;
  #head: E | undefined;
  #tail: E | undefined;
  #size = 0;
  #tick = 0;
  readonly #sweep: SharedSweep;

  /**
   * @param resolutionMs the tick length: timeouts fire up to about this much late.
   * @param onExpired called once for each entry whose deadline came; the entry is already unlinked.
   */
  constructor(resolutionMs: number, onExpired: (entry: E) => void) {
    this.resolutionMs = resolutionMs;
    this.#onExpired = onExpired;
    this.#sweep = sweepFor(resolutionMs);
  }

  /** How many entries are waiting. */
  get size(): number {
    return this.#size;
  }

  /**
   * The current tick. An entry added now that must not expire before `t` ms needs the deadline
   * `tick + ceil(t / resolutionMs) + 1`: the tick in progress may be about to end.
   */
  get tick(): number {
    return this.#tick;
  }

  /** Links `entry` in deadline order (at the tail for a queue of equal timeouts) and makes sure the sweep runs. */
  add(entry: E): void {
    let after = this.#tail;
    while (after !== undefined && after.deadline > entry.deadline) after = after.prev as E | undefined;
    if (after === undefined) {
      entry.prev = undefined;
      entry.next = this.#head;
      if (this.#head !== undefined) this.#head.prev = entry;
      else this.#tail = entry;
      this.#head = entry;
    } else {
      entry.prev = after;
      entry.next = after.next;
      if (after.next !== undefined) after.next.prev = entry;
      else this.#tail = entry;
      after.next = entry;
    }
    // Joining again when the queue was empty is cheap, and it restarts a sweep whose timers were swapped.
    if (this.#size++ === 0) this.#sweep.join(this);
  }

  /** Unlinks `entry`, which must be in this queue. O(1); the sweep is left running until its next tick. */
  remove(entry: E): void {
    const { prev, next } = entry;
    if (prev !== undefined) prev.next = next;
    else this.#head = next as E | undefined;
    if (next !== undefined) next.prev = prev;
    else this.#tail = prev as E | undefined;
    entry.prev = undefined;
    entry.next = undefined;
    this.#size--;
  }

  /**
   * Advances one tick and expires what is due (called by the shared sweep).
   *
   * @returns whether entries are still waiting; the sweep drops the queue when not.
   */
  expireDue(): boolean {
    const tick = ++this.#tick;
    let head = this.#head;
    while (head !== undefined && head.deadline <= tick) {
      this.remove(head);
      try {
        this.#onExpired(head);
      } catch (error) {
        // The entries behind it must still expire; the error surfaces on its own.
        queueMicrotask(() => {
          throw error;
        });
      }
      head = this.#head;
    }
    return head !== undefined;
  }
}

/** Something the shared sweep advances once per tick. */
interface Sweepable {
  expireDue(): boolean;
}

/** One interval per resolution, shared by every queue with entries waiting. */
class SharedSweep {
  readonly #resolutionMs: number;
  readonly #queues = new Set<Sweepable>();
  #interval: ReturnType<typeof setInterval> | undefined;
  #startedWith: typeof setInterval | undefined;
  #clear: typeof clearInterval | undefined;
  // Bound once so starting the sweep allocates no closure.
  readonly #tick = (): void => this.#sweep();

  constructor(resolutionMs: number) {
    this.#resolutionMs = resolutionMs;
  }

  join(queue: Sweepable): void {
    this.#queues.add(queue);
    if (this.#interval !== undefined && this.#startedWith === globalThis.setInterval) return;
    this.#stop();
    const interval = globalThis.setInterval(this.#tick, this.#resolutionMs);
    // Not every runtime's timer handle has unref (browsers and workers return a number).
    if (typeof interval === 'object' && typeof interval.unref === 'function') interval.unref();
    this.#interval = interval;
    this.#startedWith = globalThis.setInterval;
    this.#clear = globalThis.clearInterval;
  }

  #sweep(): void {
    for (const queue of this.#queues) if (!queue.expireDue()) this.#queues.delete(queue);
    if (this.#queues.size === 0) this.#stop();
  }

  #stop(): void {
    if (this.#interval !== undefined) this.#clear?.(this.#interval);
    this.#interval = undefined;
  }
}

const sweeps = new Map<number, SharedSweep>();

function sweepFor(resolutionMs: number): SharedSweep {
  let sweep = sweeps.get(resolutionMs);
  if (sweep === undefined) {
    sweep = new SharedSweep(resolutionMs);
    sweeps.set(resolutionMs, sweep);
  }
  return sweep;
}
