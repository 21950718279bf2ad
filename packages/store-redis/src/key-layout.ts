/**
 * How chatcart names its Redis keys. Every key starts with the prefix (default `chatcart:`), and the part in
 * braces is the Redis Cluster hash tag: keys that one script touches share it, so they live on one slot.
 *
 * ```
 * <prefix>session:{<org>:<key>}                  a session (hash: version, data, expiresAt)
 * <prefix>lock:{<org>:<key>}:{queue,beats,…}      a conversation's lock (same slot as its session)
 * <prefix>idem:{<key>}                          an idempotency claim
 * <prefix>{rl}:<scope>:<key>                     a token bucket (string: '<tokens> <ts>')
 * ```
 *
 * All token buckets share the `{rl}` tag: one decision debits a user's, an organization's and the global
 * bucket atomically in one script, and the global bucket takes part in every decision, so every bucket has
 * to be on its slot. That makes one hot slot in a Cluster (see the README for the trade-off).
 */
export class KeyLayout {
  readonly prefix: string;

  constructor(prefix = 'chatcart:') {
    this.prefix = prefix;
  }

  session(organizationId: string, sessionKey: string): string {
    return `${this.prefix}session:{${segment(organizationId)}:${segment(sessionKey)}}`;
  }

  /** The keys of one conversation's lock, all under one hash tag. */
  lock(organizationId: string, conversationKey: string): LockKeys {
    const base = `${this.prefix}lock:{${segment(organizationId)}:${segment(conversationKey)}}`;
    return {
      next: `${base}:next`,
      queue: `${base}:queue`,
      beats: `${base}:beats`,
      holder: `${base}:holder`,
      fence: `${base}:fence`,
    };
  }

  idempotency(key: string): string {
    return `${this.prefix}idem:{${segment(key)}}`;
  }

  bucket(scope: string, key: string): string {
    return `${this.prefix}{rl}:${segment(scope)}:${segment(key)}`;
  }
}

/** The keys behind one conversation's lock. */
export interface LockKeys {
  /** The ticket counter (INCR), giving each waiter its place. */
  readonly next: string;
  /** Waiting tickets, scored by ticket number, so the head is the oldest. */
  readonly queue: string;
  /** When each waiting ticket's waiter last showed it is alive (expiry in Redis ms). */
  readonly beats: string;
  /** The current holder: ticket, fencing token, lease expiry. */
  readonly holder: string;
  /** The last fencing token handed out. */
  readonly fence: string;
}

/**
 * Escapes the characters that carry meaning in a key (`:` separates parts, braces delimit the hash tag,
 * `%` escapes), so `org "a:b", key "c"` and `org "a", key "b:c"` never share a key and a phone number
 * stays readable.
 */
export function segment(value: string): string {
  return value.replace(/[%:{}]/g, (char) => `%${char.charCodeAt(0).toString(16).toUpperCase()}`);
}
