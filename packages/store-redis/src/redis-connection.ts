import { ChatcartError, type Logger, silentLogger, ValidationError } from '@chatcart/core';
import { type Cluster, Redis, type RedisOptions } from 'ioredis';
import { StoreUnavailableError } from './errors.js';
import { KeyLayout } from './key-layout.js';

/** How a Redis store reaches Redis. Give either `redis` or `connection`, not both. */
export interface RedisStoreOptions {
  /**
   * An ioredis client or Cluster to share between stores. The store never closes it. Configure it for
   * request paths: `enableOfflineQueue: false`, a `commandTimeout` and a small `maxRetriesPerRequest`
   * (what `createRedisClient` sets), or calls made while Redis is away wait in ioredis' queue until
   * `commandTimeoutMs` gives up on them.
   */
  readonly redis?: Redis | Cluster;
  /** A URL or ioredis options for a client the store creates with `createRedisClient`, owns and closes. */
  readonly connection?: string | RedisOptions;
  /** Prepended to every key; `chatcart:` unless given. */
  readonly keyPrefix?: string;
  /**
   * Longest time one store call may take, waiting for a connection included, before it fails with a
   * `StoreUnavailableError` (1000 ms unless given). Applies to clients passed in as well.
   */
  readonly commandTimeoutMs?: number;
  /** Where connection trouble is logged; silent unless given. */
  readonly logger?: Logger;
}

/**
 * Creates an ioredis client set up for the request path: commands fail fast while Redis is away instead of
 * queueing (`enableOfflineQueue: false`), each command has a timeout, and a failed command is retried at
 * most once. Reconnection carries on in the background with a capped backoff.
 *
 * @example
 * ```ts
 * const redis = createRedisClient(process.env.REDIS_URL ?? 'redis://127.0.0.1:6379');
 * const sessions = new RedisSessionStore({ redis });
 * const rateLimits = new RedisRateLimitStore({ redis });
 * ```
 */
export function createRedisClient(connection: string | RedisOptions): Redis {
  const defaults: RedisOptions = {
    enableOfflineQueue: false,
    commandTimeout: 1_000,
    maxRetriesPerRequest: 1,
    connectTimeout: 2_000,
    retryStrategy: (attempt) => Math.min(50 * 2 ** attempt, 2_000),
  };
  return typeof connection === 'string'
    ? new Redis(connection, defaults)
    : new Redis({ ...defaults, ...connection });
}

type Client = Redis | Cluster;

/**
 * One store's handle on Redis: the client, the key layout, and `run`, which bounds every call in time and
 * turns whatever goes wrong on the way into a `StoreUnavailableError`.
 */
export class RedisConnection {
  readonly client: Client;
  readonly keys: KeyLayout;
  readonly logger: Logger;
  readonly #owned: boolean;
  readonly #timeoutMs: number;
  #ready: Promise<void> | undefined;

  constructor(options: RedisStoreOptions, storeName: string) {
    if ((options.redis === undefined) === (options.connection === undefined)) {
      throw new ValidationError(`${storeName} needs a way to reach Redis`, [
        {
          path: 'redis',
          message: 'give exactly one of `redis` (a client to share) or `connection` (a URL or options)',
        },
      ]);
    }
    const timeoutMs = options.commandTimeoutMs ?? 1_000;
    if (!(timeoutMs > 0) || !Number.isFinite(timeoutMs)) {
      throw new ValidationError(`${storeName} options are invalid`, [
        { path: 'commandTimeoutMs', message: `must be a positive number of milliseconds, got ${timeoutMs}` },
      ]);
    }
    this.#timeoutMs = timeoutMs;
    this.logger = (options.logger ?? silentLogger).child({ store: storeName });
    this.keys = new KeyLayout(options.keyPrefix);
    if (options.redis) {
      this.client = options.redis;
      this.#owned = false;
    } else {
      this.client = createRedisClient(options.connection!);
      this.#owned = true;
      // ioredis prints unhandled 'error' events to the console; a client we own reports through the logger.
      this.client.on('error', (error: Error) => this.logger.debug({ err: error }, 'Redis connection error'));
    }
  }

  /**
   * Runs `command` within the time bound. Chatcart's own errors (a version conflict) pass through; anything
   * else (refused connection, timeout, a reply error) becomes a `StoreUnavailableError` naming `operation`.
   */
  async run<T>(operation: string, command: (client: Client) => Promise<T>): Promise<T> {
    let timer: ReturnType<typeof setTimeout> | undefined;
    const deadline = new Promise<never>((_, reject) => {
      timer = setTimeout(() => reject(new Error(`no answer within ${this.#timeoutMs} ms`)), this.#timeoutMs);
    });
    try {
      return await Promise.race([this.#whenReady().then(() => command(this.client)), deadline]);
    } catch (error) {
      if (error instanceof ChatcartError) throw error;
      this.logger.warn({ err: error, operation }, 'Redis store call failed');
      throw new StoreUnavailableError(operation, error);
    } finally {
      clearTimeout(timer);
    }
  }

  /** Closes the client if this store created it; a shared client is left to its owner. */
  async close(): Promise<void> {
    if (!this.#owned) return;
    await this.client.quit().catch(() => this.client.disconnect());
  }

  /**
   * Waits for a client that is still connecting for the first time (or was created with `lazyConnect`), so
   * calls made right after start-up succeed even with the offline queue off. A client that is reconnecting
   * after losing Redis is not waited for: its commands fail fast, which is the point of that setting.
   */
  #whenReady(): Promise<void> {
    const client = this.client;
    if (client.status === 'wait') void client.connect().catch(() => {});
    if (!['wait', 'connecting', 'connect'].includes(client.status)) return Promise.resolve();
    this.#ready ??= new Promise<void>((resolve) => {
      const settle = () => {
        client.off('ready', settle);
        client.off('end', settle);
        this.#ready = undefined;
        resolve();
      };
      client.on('ready', settle);
      client.on('end', settle);
    });
    return this.#ready;
  }
}
