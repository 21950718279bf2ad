import { type Clock, systemClock } from '@chatcart/core';
import { type CustomerServiceWindowStore, RETAIN_LAST_INBOUND_MS } from './customer-service-window.js';

/** How a {@link MemoryCustomerServiceWindowStore} is built. */
export interface MemoryWindowStoreOptions {
  readonly clock?: Clock;
  /** How long an entry is kept after the customer's last message. Default 48 hours. */
  readonly retainMs?: number;
  /** At most this many customers are remembered; the longest silent go first. Default 100 000. */
  readonly maxEntries?: number;
}

/**
 * Last-inbound times in a Map, for one process. Entries are kept in order of the last message, so expired
 * ones are dropped from the front on every write and memory stays bounded without a timer. For several
 * app instances use {@link SessionWindowStore} over a shared session store (Redis).
 */
export class MemoryCustomerServiceWindowStore implements CustomerServiceWindowStore {
  readonly #lastInbound = new Map<string, number>();
  readonly #clock: Clock;
  readonly #retainMs: number;
  readonly #maxEntries: number;

  constructor(options: MemoryWindowStoreOptions = {}) {
    this.#clock = options.clock ?? systemClock;
    this.#retainMs = options.retainMs ?? RETAIN_LAST_INBOUND_MS;
    this.#maxEntries = options.maxEntries ?? 100_000;
  }

  async recordInbound(organizationId: string, customer: string, at: number): Promise<void> {
    const key = keyOf(organizationId, customer);
    const known = this.#lastInbound.get(key);
    if (known !== undefined && known >= at) return;
    // Re-inserting moves the key to the end: the Map stays ordered by last message (for in-order writes).
    this.#lastInbound.delete(key);
    this.#lastInbound.set(key, at);
    this.#sweep();
  }

  async lastInboundAt(organizationId: string, customer: string): Promise<number | undefined> {
    const at = this.#lastInbound.get(keyOf(organizationId, customer));
    return at === undefined || at + this.#retainMs <= this.#clock.now() ? undefined : at;
  }

  #sweep(): void {
    const oldestKept = this.#clock.now() - this.#retainMs;
    for (const [key, at] of this.#lastInbound) {
      if (at > oldestKept && this.#lastInbound.size <= this.#maxEntries) break;
      this.#lastInbound.delete(key);
    }
  }
}

function keyOf(organizationId: string, customer: string): string {
  return `${organizationId}\u0000${customer}`;
}
