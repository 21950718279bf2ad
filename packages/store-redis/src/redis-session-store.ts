import {
  ConflictError,
  type JsonValue,
  type SessionStore,
  type SessionWriteOptions,
  type StoredSession,
} from '@chatcart/core';
import { RedisConnection, type RedisStoreOptions } from './redis-connection.js';
import { RedisScript } from './redis-script.js';
import setSource from './scripts/session-set.lua';

const setScript = new RedisScript('session-set', setSource);

/**
 * Conversation sessions in Redis: one hash per session holding its JSON data, version and expiry. Writes
 * are compare-and-set on the version, checked and applied by one Lua script, so two app instances cannot
 * overwrite each other; every write restarts the TTL (`PEXPIRE`), and Redis drops the session when it runs
 * out. When Redis cannot answer, calls fail with a `StoreUnavailableError` (code `STORE_UNAVAILABLE`)
 * within `commandTimeoutMs`.
 *
 * @example
 * ```ts
 * const sessions = new RedisSessionStore({ redis: createRedisClient(process.env.REDIS_URL!) });
 * const current = await sessions.get('org_1', '+15551234567');
 * await sessions.set('org_1', '+15551234567', { step: 'confirm' }, {
 *   ttlMs: 24 * 60 * 60 * 1000,
 *   expectedVersion: current?.version ?? 0,
 * });
 * ```
 */
export class RedisSessionStore implements SessionStore {
  readonly #redis: RedisConnection;

  constructor(options: RedisStoreOptions) {
    this.#redis = new RedisConnection(options, 'RedisSessionStore');
  }

  async get(organizationId: string, sessionKey: string): Promise<StoredSession | undefined> {
    const key = this.#redis.keys.session(organizationId, sessionKey);
    const [version, data, expiresAt] = await this.#redis.run('session.get', (client) =>
      client.hmget(key, 'version', 'data', 'expiresAt'),
    );
    if (version == null || data == null || expiresAt == null) return undefined;
    return { data: JSON.parse(data) as JsonValue, version: Number(version), expiresAt: Number(expiresAt) };
  }

  async set(
    organizationId: string,
    sessionKey: string,
    data: JsonValue,
    options: SessionWriteOptions,
  ): Promise<StoredSession> {
    if (!(options.ttlMs > 0) || !Number.isFinite(options.ttlMs)) {
      throw new RangeError(`ttlMs must be a positive number of milliseconds, got ${options.ttlMs}`);
    }
    const key = this.#redis.keys.session(organizationId, sessionKey);
    // Serialised before the round trip, and parsed back for the answer, so the caller gets exactly what a
    // later `get` will see (a copy, with `undefined` fields dropped as JSON drops them).
    const json = JSON.stringify(data);
    const reply = (await this.#redis.run('session.set', (client) =>
      setScript.run(client, [key], [options.expectedVersion, Math.ceil(options.ttlMs), json]),
    )) as [string, string, string?];
    if (reply[0] === 'conflict') {
      const actual = reply[1] === '' ? undefined : Number(reply[1]);
      throw new ConflictError('Session', sessionKey, options.expectedVersion, actual);
    }
    return { data: JSON.parse(json) as JsonValue, version: Number(reply[1]), expiresAt: Number(reply[2]) };
  }

  async delete(organizationId: string, sessionKey: string): Promise<void> {
    const key = this.#redis.keys.session(organizationId, sessionKey);
    await this.#redis.run('session.delete', (client) => client.del(key));
  }

  /** Closes the Redis client if this store created it from `connection`; a shared client stays open. */
  close(): Promise<void> {
    return this.#redis.close();
  }
}
