import {
  ChatcartError,
  type ConversationLease,
  type ConversationLock,
  type ConversationLockOptions,
  LockLostError,
  LockTimeoutError,
} from '@chatcart/core';
import type { LockKeys } from './key-layout.js';
import { RedisConnection, type RedisStoreOptions } from './redis-connection.js';
import { RedisScript } from './redis-script.js';
import acquireSource from './scripts/lock-acquire.lua';
import leaveSource from './scripts/lock-leave.lua';
import releaseSource from './scripts/lock-release.lua';
import renewSource from './scripts/lock-renew.lua';

const acquireScript = new RedisScript('lock-acquire', acquireSource);
const renewScript = new RedisScript('lock-renew', renewSource);
const releaseScript = new RedisScript('lock-release', releaseSource);
const leaveScript = new RedisScript('lock-leave', leaveSource);

/** Waiters poll quickly at first, then back off to this; the contract asks for at most 50 ms. */
const maxPollMs = 50;

/** Options of `RedisConversationLock`: the connection, and defaults for every `runExclusive` call. */
export interface RedisConversationLockOptions extends RedisStoreOptions {
  /** Longest wait for a lock; 30 s unless given. */
  readonly waitMs?: number;
  /** How long a crashed holder blocks its conversation; 10 s unless given. Renewed every third of it. */
  readonly leaseMs?: number;
}

/**
 * Per-customer ordering across app instances: the messages of one conversation are handled one at a time,
 * in the order they reached Redis, while different conversations run in parallel.
 *
 * Each caller takes a ticket (`INCR`) and polls with it (5 ms, backing off to 50 ms); the lock goes to the
 * lowest ticket still polling, once the holder released it or its lease ran out. Holders renew their lease
 * every third of `leaseMs` while the work runs, so a crashed instance blocks its conversations for at most
 * `leaseMs`; a waiter that stops polling is skipped after its own short lease. Every grant carries a
 * fencing token that strictly increases, and an `AbortSignal` that fires if the lease is lost.
 *
 * @example
 * ```ts
 * const lock = new RedisConversationLock({ redis, leaseMs: 10_000 });
 * await lock.runExclusive(organizationId, phone, async ({ fencingToken, signal }) => {
 *   await handle(message, { fencingToken, signal });
 * });
 * ```
 */
export class RedisConversationLock implements ConversationLock {
  readonly #redis: RedisConnection;
  readonly #waitMs: number;
  readonly #leaseMs: number;
  #closed = false;

  constructor(options: RedisConversationLockOptions) {
    this.#redis = new RedisConnection(options, 'RedisConversationLock');
    this.#waitMs = positive('waitMs', options.waitMs ?? 30_000);
    this.#leaseMs = positive('leaseMs', options.leaseMs ?? 10_000);
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
    const leaseMs = Math.ceil(positive('leaseMs', options.leaseMs ?? this.#leaseMs));
    const keys = this.#redis.keys.lock(organizationId, conversationKey);
    const { token, grantedBy } = await this.#acquire(keys, leaseMs, waitMs, () => {
      return new LockTimeoutError(organizationId, conversationKey, waitMs);
    });
    const controller = new AbortController();
    const stopRenewing = this.#keepRenewing(keys, token, leaseMs, grantedBy, () => {
      controller.abort(new LockLostError(organizationId, conversationKey, Number(token)));
    });
    try {
      return await work({ fencingToken: Number(token), signal: controller.signal });
    } finally {
      stopRenewing();
      // A closed lock plays a crashed instance: it releases nothing and lets its leases run out.
      if (!this.#closed) {
        await this.#redis
          .run('lock.release', (client) => releaseScript.run(client, [keys.holder], [token]))
          .catch(() => {
            // The lease runs out on its own; the next waiter is delayed by at most leaseMs.
          });
      }
    }
  }

  /**
   * Stops renewing leases and refuses new calls, then closes the Redis client if this lock created it.
   * Nothing is released: locks still held pass on when their leases run out, exactly as if this instance
   * had crashed, so call it after in-flight work has drained.
   */
  async close(): Promise<void> {
    this.#closed = true;
    await this.#redis.close();
  }

  /**
   * Polls until granted or until `waitMs` has passed. Resolves the fencing token as Redis wrote it, and the
   * local time the granting call was sent: the lease surely started after it.
   */
  async #acquire(
    keys: LockKeys,
    leaseMs: number,
    waitMs: number,
    timeout: () => Error,
  ): Promise<{ token: string; grantedBy: number }> {
    const deadline = Date.now() + waitMs;
    // A waiter that stops polling for this long is presumed dead and skipped; far above the poll interval.
    const waiterLeaseMs = Math.max(500, Math.min(leaseMs, 5_000));
    const idleTtlMs = Math.max(leaseMs, waiterLeaseMs) * 2 + 60_000;
    const keyList = [keys.next, keys.queue, keys.beats, keys.holder, keys.fence];
    let ticket = '0';
    let pollMs = 5;
    try {
      for (;;) {
        const sentAt = Date.now();
        const [state, myTicket, token] = (await this.#redis.run('lock.acquire', (client) =>
          acquireScript.run(client, keyList, [ticket, leaseMs, waiterLeaseMs, idleTtlMs]),
        )) as [string, string, string?];
        if (state === 'granted') return { token: token!, grantedBy: sentAt };
        // A ticket dropped for polling too slowly (a long event-loop stall) queues again at the back.
        ticket = state === 'lost' ? '0' : myTicket;
        const left = deadline - Date.now();
        if (left <= 0) throw timeout();
        await sleep(Math.min(pollMs, left));
        pollMs = Math.min(pollMs * 2, maxPollMs);
      }
    } catch (error) {
      if (ticket !== '0') {
        const waiting = ticket;
        await this.#redis
          .run('lock.leave', (client) => leaveScript.run(client, [keys.queue, keys.beats], [waiting]))
          .catch(() => {
            // Its beat runs out instead; the waiters behind it are delayed by at most the waiter lease.
          });
      }
      throw error;
    }
  }

  /**
   * Renews the lease every third of `leaseMs` until stopped. Calls `lost` once if Redis says the lease is
   * gone, or if no renewal has succeeded for a whole lease (Redis unreachable, or this lock was closed).
   */
  #keepRenewing(
    keys: LockKeys,
    token: string,
    leaseMs: number,
    grantedBy: number,
    lost: () => void,
  ): () => void {
    let renewedAt = grantedBy;
    let timer: ReturnType<typeof setTimeout> | undefined;
    let stopped = false;
    const stop = () => {
      stopped = true;
      clearTimeout(timer);
    };
    const tick = async () => {
      if (stopped) return;
      if (!this.#closed) {
        const sentAt = Date.now();
        try {
          const renewed = await this.#redis.run('lock.renew', (client) =>
            renewScript.run(client, [keys.holder], [token, leaseMs]),
          );
          if (renewed === 1) renewedAt = sentAt;
          else {
            stop();
            lost();
            return;
          }
        } catch {
          // Unreachable for now; the lease may still be alive, so keep trying until it surely is not.
        }
      }
      if (stopped) return;
      if (Date.now() - renewedAt >= leaseMs) {
        stop();
        lost();
        return;
      }
      timer = setTimeout(tick, Math.max(1, Math.min(leaseMs / 3, renewedAt + leaseMs - Date.now())));
    };
    timer = setTimeout(tick, leaseMs / 3);
    return stop;
  }
}

function positive(name: string, value: number): number {
  if (!(value > 0) || !Number.isFinite(value)) {
    throw new RangeError(`${name} must be a positive number of milliseconds, got ${value}`);
  }
  return value;
}

function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}
