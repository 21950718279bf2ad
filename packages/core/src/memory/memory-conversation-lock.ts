import { ChatcartError } from '../domain/errors.js';
import {
  type ConversationLease,
  type ConversationLock,
  type ConversationLockOptions,
  LockLostError,
  LockTimeoutError,
} from '../ports/conversation-lock.js';

/** Defaults for every `runExclusive` call of a `MemoryConversationLock`. */
export interface MemoryConversationLockOptions {
  /** Longest wait for a lock; 30 s unless given. */
  readonly waitMs?: number;
  /** Lease without renewal; 10 s unless given. */
  readonly leaseMs?: number;
}

interface Holder {
  readonly token: number;
  readonly controller: AbortController;
  readonly waiter: Waiter;
  expiry?: ReturnType<typeof setTimeout>;
}

interface Waiter {
  readonly leaseMs: number;
  /** Builds the abort reason handed to a holder whose lease ran out. */
  readonly lost: (fencingToken: number) => Error;
  readonly grant: (holder: Holder) => void;
  timer?: ReturnType<typeof setTimeout>;
}

interface KeyState {
  holder?: Holder;
  readonly waiters: Waiter[];
}

/**
 * The lock table that handles forked from one `MemoryConversationLock` share: a FIFO queue and the current
 * holder per conversation, and one fencing counter for all of them (so tokens never go back, even after a
 * conversation's state is dropped when idle).
 */
class LockTable {
  readonly #states = new Map<string, KeyState>();
  #lastToken = 0;

  acquire(
    id: string,
    leaseMs: number,
    waitMs: number,
    errors: { timeout: () => Error; lost: (fencingToken: number) => Error },
  ): Promise<Holder> {
    let state = this.#states.get(id);
    if (!state) {
      state = { waiters: [] };
      this.#states.set(id, state);
    }
    const queue = state.waiters;
    return new Promise<Holder>((resolve, reject) => {
      const waiter: Waiter = { leaseMs, lost: errors.lost, grant: resolve };
      waiter.timer = setTimeout(() => {
        const index = queue.indexOf(waiter);
        if (index >= 0) queue.splice(index, 1);
        this.#dropIfIdle(id);
        reject(errors.timeout());
      }, waitMs);
      queue.push(waiter);
      this.#promote(id);
    });
  }

  /** Restarts the holder's lease; does nothing for a holder that already lost it. */
  renew(id: string, holder: Holder): void {
    if (this.#states.get(id)?.holder !== holder) return;
    clearTimeout(holder.expiry);
    holder.expiry = setTimeout(() => this.#expire(id, holder), holder.waiter.leaseMs);
  }

  release(id: string, holder: Holder): void {
    const state = this.#states.get(id);
    // A holder whose lease already ran out must not release the lock of the holder after it.
    if (state?.holder !== holder) return;
    clearTimeout(holder.expiry);
    state.holder = undefined;
    this.#promote(id);
  }

  #expire(id: string, holder: Holder): void {
    const state = this.#states.get(id);
    if (state?.holder !== holder) return;
    state.holder = undefined;
    holder.controller.abort(holder.waiter.lost(holder.token));
    this.#promote(id);
  }

  #promote(id: string): void {
    const state = this.#states.get(id);
    if (!state || state.holder) return;
    const next = state.waiters.shift();
    if (!next) {
      this.#dropIfIdle(id);
      return;
    }
    clearTimeout(next.timer);
    const holder: Holder = { token: ++this.#lastToken, controller: new AbortController(), waiter: next };
    state.holder = holder;
    this.renew(id, holder);
    next.grant(holder);
  }

  #dropIfIdle(id: string): void {
    const state = this.#states.get(id);
    if (state && !state.holder && state.waiters.length === 0) this.#states.delete(id);
  }
}

/**
 * Per-conversation locks for one process: callers of one conversation are served one at a time, first come
 * first served; different conversations run in parallel. The embedded default; use a shared store's lock
 * (for example `RedisConversationLock`) when several app instances receive messages.
 *
 * Leases are renewed while the work runs, so they only matter for a holder that was `close`d (the
 * in-process picture of a crashed instance): its locks pass to the next waiter after `leaseMs`.
 *
 * @example
 * ```ts
 * const lock = new MemoryConversationLock();
 * await lock.runExclusive('org_1', '+15551234567', async ({ fencingToken }) => handle(message));
 * ```
 */
export class MemoryConversationLock implements ConversationLock {
  // Replaced by `fork`, so two handles share one table; never exposed.
  #table = new LockTable();
  readonly #waitMs: number;
  readonly #leaseMs: number;
  readonly #renewals = new Set<ReturnType<typeof setInterval>>();
  #closed = false;

  constructor(options: MemoryConversationLockOptions = {}) {
    this.#waitMs = positive('waitMs', options.waitMs ?? 30_000);
    this.#leaseMs = positive('leaseMs', options.leaseMs ?? 10_000);
  }

  /**
   * Another handle on the same locks, as a second app instance sharing a store would have. Closing one
   * handle leaves the other working; tests use it to play a crashed instance.
   */
  fork(): MemoryConversationLock {
    const other = new MemoryConversationLock({ waitMs: this.#waitMs, leaseMs: this.#leaseMs });
    other.#table = this.#table;
    return other;
  }

  async runExclusive<T>(
    organizationId: string,
    conversationKey: string,
    work: (lease: ConversationLease) => Promise<T>,
    options: ConversationLockOptions = {},
  ): Promise<T> {
    if (this.#closed) {
      throw new ChatcartError('LOCK_CLOSED', 'This conversation lock was closed; create a new one.');
    }
    const waitMs = positive('waitMs', options.waitMs ?? this.#waitMs);
    const leaseMs = positive('leaseMs', options.leaseMs ?? this.#leaseMs);
    const id = `${organizationId}\u0000${conversationKey}`;
    const table = this.#table;
    const holder = await table.acquire(id, leaseMs, waitMs, {
      timeout: () => new LockTimeoutError(organizationId, conversationKey, waitMs),
      lost: (token) => new LockLostError(organizationId, conversationKey, token),
    });
    const renewal = setInterval(() => table.renew(id, holder), leaseMs / 3);
    renewal.unref?.();
    this.#renewals.add(renewal);
    try {
      return await work({ fencingToken: holder.token, signal: holder.controller.signal });
    } finally {
      clearInterval(renewal);
      this.#renewals.delete(renewal);
      // A closed handle plays a crashed instance: it never releases, its leases run out instead.
      if (!this.#closed) table.release(id, holder);
    }
  }

  /**
   * Stops renewing this handle's leases and refuses new calls, without releasing anything: what a crashed
   * app instance looks like to the others. Its locks pass on when their leases run out.
   */
  async close(): Promise<void> {
    this.#closed = true;
    for (const renewal of this.#renewals) clearInterval(renewal);
    this.#renewals.clear();
  }
}

function positive(name: string, value: number): number {
  if (!(value > 0) || !Number.isFinite(value)) {
    throw new RangeError(`${name} must be a positive number of milliseconds, got ${value}`);
  }
  return value;
}
