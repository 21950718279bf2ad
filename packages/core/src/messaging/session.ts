import type { JsonValue, StoredSession } from '../ports/session-store.js';

/** What a conversation session holds: a JSON object, so every store can serialise it. */
export type SessionData = { [key: string]: JsonValue };

/**
 * One customer's conversation state for the message being handled, as the session middleware loaded it.
 * Change it freely (`session.data.cart = …`, `session.set('step', 'confirm')`, or replace `session.data`);
 * the session middleware saves it after the rest of the pipeline has run, only if it changed.
 *
 * Change tracking is cheap and exact: the first read of `data` takes a JSON snapshot; at save time the data
 * is serialised again and compared. A message that never reads the session costs nothing; `set` and
 * assigning `data` mark the session changed without comparing. (A Proxy would track writes without
 * serialising, but would tax every read and surprise `structuredClone` and zod.)
 *
 * @example
 * ```ts
 * const step = ctx.session.get('step') ?? 'start';
 * ctx.session.set('step', 'awaiting-confirmation');
 * ```
 */
export class Session {
  /** The version loaded from the store; `0` when the session is new. Saves compare-and-set on it. */
  readonly version: number;
  /** When the loaded session expires, in epoch ms; `undefined` when the session is new. */
  readonly expiresAt: number | undefined;
  #data: SessionData;
  #snapshot: string | undefined;
  #changed = false;
  #destroyed = false;

  /**
   * @param stored what the store returned, or `undefined` when there was no live session.
   * @param initial the data of a new session (a fresh object each time).
   */
  constructor(stored: StoredSession | undefined, initial: () => SessionData = () => ({})) {
    this.version = stored?.version ?? 0;
    this.expiresAt = stored?.expiresAt;
    // A stored value that is not a JSON object (written by something else) starts over rather than throwing
    // on every message of this customer; the version is kept so the next save still compares-and-sets.
    this.#data = isJsonObject(stored?.data) ? stored.data : initial();
  }

  /** True when nothing was stored for this customer (or it had expired). */
  get isNew(): boolean {
    return this.version === 0;
  }

  /** The session's data. Mutate it in place or assign a new object. */
  get data(): SessionData {
    if (this.#snapshot === undefined && !this.#changed) this.#snapshot = JSON.stringify(this.#data);
    return this.#data;
  }

  set data(value: SessionData) {
    this.#data = value;
    this.#changed = true;
    this.#destroyed = false;
  }

  /** The data, without starting change tracking: what a store writes. */
  toJSON(): SessionData {
    return this.#data;
  }

  /** One key of the data. */
  get(key: string): JsonValue | undefined {
    return this.data[key];
  }

  /** Sets one key of the data. */
  set(key: string, value: JsonValue): void {
    this.#data[key] = value;
    this.#changed = true;
    this.#destroyed = false;
  }

  /** Removes one key of the data. */
  delete(key: string): void {
    if (!(key in this.#data)) return;
    delete this.#data[key];
    this.#changed = true;
  }

  /** Ends the conversation: the session middleware deletes the stored session instead of saving it. */
  destroy(): void {
    this.#destroyed = true;
  }

  /** True when `destroy()` was called (and the data was not assigned since). */
  get destroyed(): boolean {
    return this.#destroyed;
  }

  /** True when the data differs from what was loaded. Serialises the data if it was read; call it once. */
  get changed(): boolean {
    if (this.#changed) return true;
    if (this.#snapshot === undefined) return false;
    return JSON.stringify(this.#data) !== this.#snapshot;
  }
}

function isJsonObject(value: JsonValue | undefined): value is SessionData {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
