import { ConflictError } from '../domain/errors.js';
import { type Clock, systemClock } from '../ports/clock.js';
import type { JsonValue, SessionStore, SessionWriteOptions, StoredSession } from '../ports/session-store.js';

/**
 * Sessions in a Map, for one process. Expired sessions are dropped when touched and swept on writes, so
 * memory stays bounded without a timer.
 */
export class MemorySessionStore implements SessionStore {
  readonly #sessions = new Map<string, StoredSession>();
  readonly #clock: Clock;
  #writesSinceSweep = 0;

  constructor(options: { clock?: Clock } = {}) {
    this.#clock = options.clock ?? systemClock;
  }

  async get(organizationId: string, sessionKey: string): Promise<StoredSession | undefined> {
    return this.#live(keyOf(organizationId, sessionKey));
  }

  async set(
    organizationId: string,
    sessionKey: string,
    data: JsonValue,
    options: SessionWriteOptions,
  ): Promise<StoredSession> {
    if (!(options.ttlMs > 0)) throw new RangeError(`ttlMs must be positive, got ${options.ttlMs}`);
    const key = keyOf(organizationId, sessionKey);
    const current = this.#live(key);
    const actualVersion = current?.version ?? 0;
    if (actualVersion !== options.expectedVersion) {
      throw new ConflictError('Session', sessionKey, options.expectedVersion, current?.version);
    }
    // Stored as a copy so a caller mutating its object afterwards cannot change what was saved.
    const stored: StoredSession = {
      data: structuredClone(data),
      version: actualVersion + 1,
      expiresAt: this.#clock.now() + options.ttlMs,
    };
    this.#sessions.set(key, stored);
    this.#sweepNowAndThen();
    return { ...stored, data: structuredClone(stored.data) };
  }

  async delete(organizationId: string, sessionKey: string): Promise<void> {
    this.#sessions.delete(keyOf(organizationId, sessionKey));
  }

  #live(key: string): StoredSession | undefined {
    const stored = this.#sessions.get(key);
    if (!stored) return undefined;
    if (stored.expiresAt <= this.#clock.now()) {
      this.#sessions.delete(key);
      return undefined;
    }
    return { ...stored, data: structuredClone(stored.data) };
  }

  #sweepNowAndThen(): void {
    if (++this.#writesSinceSweep < 1024) return;
    this.#writesSinceSweep = 0;
    const now = this.#clock.now();
    for (const [key, stored] of this.#sessions) if (stored.expiresAt <= now) this.#sessions.delete(key);
  }
}

function keyOf(organizationId: string, sessionKey: string): string {
  return `${organizationId}\u0000${sessionKey}`;
}
