import { type Clock, systemClock } from '../ports/clock.js';
import type { IdempotencyStore } from '../ports/idempotency-store.js';

/**
 * Claims in a Map, for one process. Expired claims are dropped when touched, and swept once the number of
 * claims made since the last sweep reaches the number held after it (at least 1 024): a sweep costs O(n)
 * but happens every O(n) claims, so a claim costs O(1) amortised however many are held, and memory stays
 * within about twice the live claims.
 */
export class MemoryIdempotencyStore implements IdempotencyStore {
  readonly #claims = new Map<string, number>();
  readonly #clock: Clock;
  #claimsSinceSweep = 0;
  #sizeAfterSweep = 0;

  constructor(options: { clock?: Clock } = {}) {
    this.#clock = options.clock ?? systemClock;
  }

  async claim(key: string, ttlMs: number): Promise<boolean> {
    if (!(ttlMs > 0 && Number.isFinite(ttlMs))) {
      throw new RangeError(`ttlMs must be a positive finite number of milliseconds, got ${ttlMs}`);
    }
    const now = this.#clock.now();
    const expiresAt = this.#claims.get(key);
    if (expiresAt !== undefined && expiresAt > now) return false;
    this.#claims.set(key, now + ttlMs);
    if (++this.#claimsSinceSweep >= Math.max(1024, this.#sizeAfterSweep)) {
      this.#claimsSinceSweep = 0;
      for (const [claimed, until] of this.#claims) if (until <= now) this.#claims.delete(claimed);
      this.#sizeAfterSweep = this.#claims.size;
    }
    return true;
  }

  async release(key: string): Promise<void> {
    this.#claims.delete(key);
  }
}
