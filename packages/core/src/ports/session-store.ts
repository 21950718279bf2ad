/** A JSON value: what a session may hold, so every store can serialise it. */
export type JsonValue = string | number | boolean | null | JsonValue[] | { [key: string]: JsonValue };

/** A session as stored: its data plus the version used for compare-and-set writes. */
export interface StoredSession<T extends JsonValue = JsonValue> {
  readonly data: T;
  /** Starts at 1 on the first write and goes up by one on every write. */
  readonly version: number;
  /** When the session expires, in epoch milliseconds, unless written again before then. */
  readonly expiresAt: number;
}

/** How a session is written. */
export interface SessionWriteOptions {
  /** Time to live from now; every write restarts it (a sliding expiry). */
  readonly ttlMs: number;
  /**
   * The version this write was based on (`0` for a session that did not exist). When the stored version
   * differs, the write is refused with a `ConflictError` and nothing changes.
   */
  readonly expectedVersion: number;
}

/**
 * Conversation sessions, one per customer of an organization, with a sliding TTL (24 h by default).
 * Writes are compare-and-set so two app instances handling the same customer cannot silently overwrite
 * each other.
 */
export interface SessionStore {
  /** The live session, or `undefined` when there is none or it has expired. */
  get(organizationId: string, sessionKey: string): Promise<StoredSession | undefined>;
  /** Writes the session if its version is still `expectedVersion`; returns what was stored. */
  set(
    organizationId: string,
    sessionKey: string,
    data: JsonValue,
    options: SessionWriteOptions,
  ): Promise<StoredSession>;
  /** Removes the session; removing one that does not exist is not an error. */
  delete(organizationId: string, sessionKey: string): Promise<void>;
}
