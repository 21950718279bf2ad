import { ConflictError } from '../domain/errors.js';
import { type Clock, systemClock } from '../ports/clock.js';
import type { JsonValue, SessionStore, SessionWriteOptions, StoredSession } from '../ports/session-store.js';

/**
 * Sessions in a Map, for one process. Expired sessions are dropped when touched and swept on writes, so
 * memory stays bounded without a timer.
 *
 * What is stored never aliases what callers hold: `set` keeps a copy, and `get` and `set` hand out copies.
 * Copies are made by {@link copyOf}, a plain walk over arrays and plain objects that is several times
 * faster than `structuredClone` on session-sized data, with `structuredClone` kept for anything else.
 */
export class MemorySessionStore implements SessionStore {
  readonly #sessions = new Map<string, StoredSession>();
  readonly #clock: Clock;
  #writesSinceSweep = 0;

  constructor(options: { clock?: Clock } = {}) {
    this.#clock = options.clock ?? systemClock;
  }

  async get(organizationId: string, sessionKey: string): Promise<StoredSession | undefined> {
    const stored = this.#live(keyOf(organizationId, sessionKey));
    return stored && { data: copyOf(stored.data), version: stored.version, expiresAt: stored.expiresAt };
  }

  async set(
    organizationId: string,
    sessionKey: string,
    data: JsonValue,
    options: SessionWriteOptions,
  ): Promise<StoredSession> {
    if (!(options.ttlMs > 0 && Number.isFinite(options.ttlMs))) {
      throw new RangeError(`ttlMs must be a positive finite number of milliseconds, got ${options.ttlMs}`);
    }
    const key = keyOf(organizationId, sessionKey);
    const current = this.#live(key);
    const actualVersion = current?.version ?? 0;
    if (actualVersion !== options.expectedVersion) {
      throw new ConflictError('Session', sessionKey, options.expectedVersion, current?.version);
    }
    // Stored as a copy so a caller mutating its object afterwards cannot change what was saved.
    const stored: StoredSession = {
      data: copyOf(data),
      version: actualVersion + 1,
      expiresAt: this.#clock.now() + options.ttlMs,
    };
    this.#sessions.set(key, stored);
    this.#sweepNowAndThen();
    return { data: copyOf(stored.data), version: stored.version, expiresAt: stored.expiresAt };
  }

  async delete(organizationId: string, sessionKey: string): Promise<void> {
    this.#sessions.delete(keyOf(organizationId, sessionKey));
  }

  /** The stored entry itself (never handed out), or `undefined` when absent or expired. */
  #live(key: string): StoredSession | undefined {
    const stored = this.#sessions.get(key);
    if (!stored) return undefined;
    if (stored.expiresAt <= this.#clock.now()) {
      this.#sessions.delete(key);
      return undefined;
    }
    return stored;
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

/** Deeper than this, the fast copy gives up and `structuredClone` (which handles cycles) takes over. */
const MAX_FAST_DEPTH = 64;

/** Thrown inside the fast copy to fall back to `structuredClone`; never escapes. */
const NOT_PLAIN = Symbol('not plain');

/**
 * A deep copy with `structuredClone`'s result, faster on JSON-shaped data: arrays and plain objects are
 * walked by hand; anything else (a Date, a Map, a class instance, a cycle, a function that must throw)
 * sends the whole value to `structuredClone`, so the outcome is always exactly what it would give.
 */
function copyOf<T>(value: T): T {
  if (typeof value !== 'object' || value === null) {
    return typeof value === 'function' || typeof value === 'symbol' ? structuredClone(value) : value;
  }
  try {
    return copyPlain(value, 0) as T;
  } catch (error) {
    if (error !== NOT_PLAIN) throw error;
    return structuredClone(value);
  }
}

function copyPlain(value: unknown, depth: number): unknown {
  if (typeof value !== 'object' || value === null) {
    if (typeof value === 'function' || typeof value === 'symbol') throw NOT_PLAIN;
    return value;
  }
  if (depth > MAX_FAST_DEPTH) throw NOT_PLAIN;
  if (Array.isArray(value)) {
    const copy = new Array<unknown>(value.length);
    // `i in value` keeps holes as holes, as structuredClone does.
    for (let i = 0; i < value.length; i++) if (i in value) copy[i] = copyPlain(value[i], depth + 1);
    return copy;
  }
  const proto = Object.getPrototypeOf(value);
  if (proto !== Object.prototype && proto !== null) throw NOT_PLAIN;
  const copy: Record<string, unknown> = {};
  for (const key in value) {
    // for…in also walks inherited keys; a plain object with Object.prototype has none that enumerate.
    const item = copyPlain((value as Record<string, unknown>)[key], depth + 1);
    // An own "__proto__" key (JSON.parse makes them) must stay a key, not become the copy's prototype.
    if (key === '__proto__')
      Object.defineProperty(copy, key, { value: item, enumerable: true, writable: true, configurable: true });
    else copy[key] = item;
  }
  return copy;
}
