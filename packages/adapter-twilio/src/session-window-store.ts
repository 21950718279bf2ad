import { type Clock, ConflictError, type SessionStore, systemClock } from '@chatcart/core';
import { type CustomerServiceWindowStore, RETAIN_LAST_INBOUND_MS } from './customer-service-window.js';

/** How a {@link SessionWindowStore} is built. */
export interface SessionWindowStoreOptions {
  /** Any `SessionStore`: the memory one, or `RedisSessionStore` to share windows between app instances. */
  readonly sessions: SessionStore;
  readonly clock?: Clock;
  /** How long an entry is kept after the customer's last message (its TTL). Default 48 hours. */
  readonly retainMs?: number;
  /** Prefix of the session keys, kept apart from conversation sessions. Default `twilio-window:`. */
  readonly keyPrefix?: string;
}

/** Compare-and-set rounds before giving up; two webhooks of one customer rarely race more than once. */
const MAX_ATTEMPTS = 5;

/**
 * Keeps last-inbound times in a core `SessionStore`, one small entry per customer that expires with the
 * window, so every app instance sharing the store (Redis) sees the same windows. Writes are
 * compare-and-set: of two racing webhooks the later time always wins.
 */
export class SessionWindowStore implements CustomerServiceWindowStore {
  readonly #sessions: SessionStore;
  readonly #clock: Clock;
  readonly #retainMs: number;
  readonly #keyPrefix: string;

  constructor(options: SessionWindowStoreOptions) {
    this.#sessions = options.sessions;
    this.#clock = options.clock ?? systemClock;
    this.#retainMs = options.retainMs ?? RETAIN_LAST_INBOUND_MS;
    this.#keyPrefix = options.keyPrefix ?? 'twilio-window:';
  }

  async recordInbound(organizationId: string, customer: string, at: number): Promise<void> {
    const key = this.#keyPrefix + customer;
    for (let attempt = 1; ; attempt++) {
      const ttlMs = at + this.#retainMs - this.#clock.now();
      if (ttlMs <= 0) return;
      const current = await this.#sessions.get(organizationId, key);
      const known = lastInboundOf(current?.data);
      if (known !== undefined && known >= at) return;
      try {
        await this.#sessions.set(
          organizationId,
          key,
          { lastInboundAt: at },
          {
            ttlMs,
            expectedVersion: current?.version ?? 0,
          },
        );
        return;
      } catch (error) {
        if (!(error instanceof ConflictError) || attempt >= MAX_ATTEMPTS) throw error;
      }
    }
  }

  async lastInboundAt(organizationId: string, customer: string): Promise<number | undefined> {
    const stored = await this.#sessions.get(organizationId, this.#keyPrefix + customer);
    return lastInboundOf(stored?.data);
  }
}

function lastInboundOf(data: unknown): number | undefined {
  if (data === null || typeof data !== 'object') return undefined;
  const at = (data as { lastInboundAt?: unknown }).lastInboundAt;
  return typeof at === 'number' && Number.isFinite(at) ? at : undefined;
}
