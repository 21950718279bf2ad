import { randomUUID } from 'node:crypto';
import { ValidationError, type ValidationIssue } from '@chatcart/core';
import type { Cluster, Redis } from 'ioredis';
import { RedisScript } from './redis-script.js';
import acquireSource from './scripts/throughput-acquire.lua';
import blockSource from './scripts/throughput-block.lua';
import releaseSource from './scripts/throughput-release.lua';

const acquireScript = new RedisScript(acquireSource);
const releaseScript = new RedisScript(releaseSource);
const blockScript = new RedisScript(blockSource);

/** A sender's throughput: how many messages per second its provider accepts. */
export interface ThroughputLimit {
  /** Sends per second, shared by every worker on the same Redis and prefix; at least 1. */
  readonly perSecond: number;
  /**
   * Milliseconds added to the one-second window (0 unless given), for a provider whose clock runs apart
   * from Redis's or that counts in windows a little longer than a second.
   */
  readonly marginMs?: number;
  /**
   * The job names that are sends and take a permit; every job of the queue when omitted. Name the send jobs
   * when the queue also carries fan-out or bookkeeping jobs that send nothing.
   */
  readonly jobNames?: readonly string[];
  /**
   * After how long a send still in flight is taken to have finished (30 s unless given): a worker that died
   * mid-send never says so, and its permit must not be held forever. Keep it above your send timeout.
   */
  readonly maxSendMs?: number;
}

/** Where a `ThroughputLimiter` keeps its state. */
export interface ThroughputLimiterOptions extends ThroughputLimit {
  readonly redis: Redis | Cluster;
  /** The prefix of this limiter's keys, e.g. `chatcart:campaigns:throughput`. */
  readonly key: string;
}

/** A granted send. Release it once the send finished, whatever its outcome. */
export interface SendPermit {
  release(): Promise<void>;
}

/** Waiting for a permit was given up because the caller's signal aborted. */
export class PermitAbortedError extends Error {
  constructor() {
    super('Waiting for a send permit was aborted');
    this.name = 'PermitAbortedError';
  }
}

/** How long to wait before asking again when sends in flight alone fill the limit. */
const IN_FLIGHT_POLL_MS = 5;

/**
 * An exact rate limit shared by every worker through Redis: no window of one second (sliding, not only
 * aligned seconds) ever holds more than `perSecond` sends, as the provider sees them. A send counts from
 * its grant until one window after it finished, because the provider sees it somewhere in between; so the
 * guarantee holds whatever the network latency, and the rate achieved is `perSecond` per (1 s + the
 * send's latency). A provider's "too many requests" blocks every sender for the time it asked.
 *
 * Each process asks Redis for one permit at a time (the rest queue locally), so waiting senders cost one
 * round trip per process, not one per job.
 *
 * @example
 * ```ts
 * const limiter = new ThroughputLimiter({ redis, key: 'chatcart:campaigns:throughput', perSecond: 80 });
 * const permit = await limiter.acquire();
 * try {
 *   await provider.send(message);
 * } finally {
 *   await permit.release();
 * }
 * ```
 */
export class ThroughputLimiter {
  readonly perSecond: number;
  readonly windowMs: number;
  readonly #maxSendMs: number;
  readonly #redis: Redis | Cluster;
  readonly #keys: { finished: string; inFlight: string; block: string };
  /** The local line of callers waiting for a permit; only its head talks to Redis. */
  #line: Promise<void> = Promise.resolve();

  constructor(options: ThroughputLimiterOptions) {
    const { perSecond, marginMs = 0, maxSendMs = 30_000 } = options;
    const issues: ValidationIssue[] = [];
    if (!(Number.isInteger(perSecond) && perSecond >= 1)) {
      issues.push({ path: 'perSecond', message: `must be an integer ≥ 1, got ${perSecond}` });
    }
    if (!(Number.isInteger(marginMs) && marginMs >= 0 && marginMs <= 1_000)) {
      issues.push({ path: 'marginMs', message: `must be an integer from 0 to 1000, got ${marginMs}` });
    }
    if (!(Number.isInteger(maxSendMs) && maxSendMs >= 1_000)) {
      issues.push({ path: 'maxSendMs', message: `must be an integer ≥ 1000, got ${maxSendMs}` });
    }
    if (issues.length > 0) throw new ValidationError('Bad throughput limit', issues);
    this.perSecond = perSecond;
    this.windowMs = 1_000 + marginMs;
    this.#maxSendMs = maxSendMs;
    this.#redis = options.redis;
    this.#keys = {
      finished: `${options.key}:finished`,
      inFlight: `${options.key}:in-flight`,
      block: `${options.key}:block`,
    };
  }

  /**
   * Resolves with a permit once this caller may send one message. Rejects with `PermitAbortedError` when
   * `signal` aborts first.
   */
  acquire(signal?: AbortSignal): Promise<SendPermit> {
    const turn = this.#line.then(() => this.#acquire(signal));
    this.#line = turn.then(
      () => undefined,
      () => undefined,
    );
    return turn;
  }

  /** Stops every sender for `ms` milliseconds (never shortening a longer block); resolves with the wait. */
  async block(ms: number): Promise<number> {
    return Number(await blockScript.run(this.#redis, [this.#keys.block], [Math.max(1, Math.ceil(ms))]));
  }

  async #acquire(signal: AbortSignal | undefined): Promise<SendPermit> {
    const member = randomUUID();
    const { finished, inFlight, block } = this.#keys;
    for (;;) {
      if (signal?.aborted) throw new PermitAbortedError();
      const waitMs = Number(
        await acquireScript.run(
          this.#redis,
          [finished, inFlight, block],
          [this.perSecond, this.windowMs, member, this.#maxSendMs, IN_FLIGHT_POLL_MS],
        ),
      );
      if (waitMs === 0) {
        let released = false;
        return {
          release: async () => {
            if (released) return;
            released = true;
            await releaseScript.run(this.#redis, [finished, inFlight], [member, this.windowMs]);
          },
        };
      }
      await sleep(waitMs, signal);
    }
  }
}

function sleep(ms: number, signal: AbortSignal | undefined): Promise<void> {
  return new Promise((resolve, reject) => {
    if (signal?.aborted) {
      reject(new PermitAbortedError());
      return;
    }
    const onAbort = () => {
      clearTimeout(timer);
      reject(new PermitAbortedError());
    };
    const timer = setTimeout(() => {
      signal?.removeEventListener('abort', onAbort);
      resolve();
    }, ms);
    signal?.addEventListener('abort', onAbort, { once: true });
  });
}
