import { type Clock, systemClock } from '../ports/clock.js';
import type { IdempotencyStore } from '../ports/idempotency-store.js';

/** Claims in a Map, for one process; expired claims are dropped when touched and swept now and then. */
export class MemoryIdempotencyStore implements IdempotencyStore {
  readonly #claims = new Map<string, number>();
  readonly #clock: Clock;
  #claimsSinceSweep = 0;

  constructor(options: { clock?: Clock } = {}) {
    this.#clock = options.clock ?? systemClock;
  }

  async claim(key: string, ttlMs: number): Promise<boolean> {
    if (!(ttlMs > 0)) throw new RangeError(`ttlMs must be positive, got ${ttlMs}`);
    const now = this.#clock.now();
    const expiresAt = this.#claims.get(key);
    if (expiresAt !== undefined && expiresAt > now) return false;
    this.#claims.set(key, now + ttlMs);
    if (++this.#claimsSinceSweep >= 1024) {
      this.#claimsSinceSweep = 0;
      for (const [claimed, until] of this.#claims) if (until <= now) this.#claims.delete(claimed);
    }
    return true;
  }

  async release(key: string): Promise<void> {
    this.#claims.delete(key);
  }
}
