import type { RateLimitCheck } from '@chatcart/core';
import type { Redis } from 'ioredis';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import type { StoreUnavailableError } from '../src/errors.js';
import { createRedisClient } from '../src/redis-connection.js';
import { RedisConversationLock } from '../src/redis-conversation-lock.js';
import { RedisIdempotencyStore } from '../src/redis-idempotency-store.js';
import { RedisRateLimitStore } from '../src/redis-rate-limit-store.js';
import { RedisScript } from '../src/redis-script.js';
import { RedisSessionStore } from '../src/redis-session-store.js';
import consumeSource from '../src/scripts/rate-limit-consume.lua';
import { RedisProcess } from './support/redis-process.js';

const installed = RedisProcess.isInstalled();
if (!installed) {
  const message =
    'redis-server is not on the PATH; the outage tests start their own Redis to stop and restart.';
  if (process.env.CI === 'true')
    throw new Error(`${message} Install it: these tests cannot be skipped in CI.`);
  console.warn(`Skipping Redis outage tests: ${message}`);
}

// The shared Redis at REDIS_URL is never stopped: this file runs its own server on a free port.
describe.skipIf(!installed)('the Redis stores during a Redis outage', () => {
  const checks: RateLimitCheck[] = [
    { scope: 'user', key: '+15550001', limit: { capacity: 2, refillPerSecond: 0.001 } },
    { scope: 'global', key: 'global', limit: { capacity: 100, refillPerSecond: 0.001 } },
  ];
  let server: RedisProcess;
  let redis: Redis;
  let sessions: RedisSessionStore;
  let failOpen: RedisRateLimitStore;
  let failClosed: RedisRateLimitStore;
  let claims: RedisIdempotencyStore;
  let lock: RedisConversationLock;
  const reported: StoreUnavailableError[] = [];

  beforeAll(async () => {
    server = await RedisProcess.start();
    redis = createRedisClient(server.url);
    redis.on('error', () => {});
    const shared = { redis, commandTimeoutMs: 300 };
    sessions = new RedisSessionStore(shared);
    failOpen = new RedisRateLimitStore({ ...shared, onError: (error) => void reported.push(error) });
    failClosed = new RedisRateLimitStore({
      ...shared,
      onStoreError: 'deny',
      retryAfterMsWhenUnavailable: 750,
    });
    claims = new RedisIdempotencyStore(shared);
    lock = new RedisConversationLock({ ...shared, waitMs: 300 });
  });

  afterAll(async () => {
    redis?.disconnect();
    await server?.stop();
  });

  it('works before the outage', async () => {
    await sessions.set('org_1', '+15550001', { step: 1 }, { ttlMs: 60_000, expectedVersion: 0 });
    expect(await failOpen.consume(checks)).toMatchObject({ allowed: true });
    expect(await claims.claim('wamid.1', 60_000)).toBe(true);
  });

  it('fails every call within the time bound while Redis is down, each in its documented way', async () => {
    await server.stop();
    await vi.waitFor(() => expect(redis.status).not.toBe('ready'));
    const started = Date.now();

    await expect(sessions.get('org_1', '+15550001')).rejects.toMatchObject({ code: 'STORE_UNAVAILABLE' });
    await expect(
      sessions.set('org_1', '+15550001', {}, { ttlMs: 60_000, expectedVersion: 1 }),
    ).rejects.toMatchObject({ code: 'STORE_UNAVAILABLE', operation: 'session.set' });
    await expect(claims.claim('wamid.2', 60_000)).rejects.toMatchObject({ code: 'STORE_UNAVAILABLE' });
    await expect(lock.runExclusive('org_1', '+15550001', async () => {})).rejects.toMatchObject({
      code: 'STORE_UNAVAILABLE',
    });
    expect(await failOpen.consume(checks)).toEqual({ allowed: true, retryAfterMs: 0, remaining: {} });
    expect(reported.at(-1)).toMatchObject({ code: 'STORE_UNAVAILABLE', operation: 'rateLimit.consume' });
    expect(await failClosed.consume(checks)).toEqual({
      allowed: false,
      refusedBy: 'user',
      retryAfterMs: 750,
      remaining: {},
    });

    // Seven calls, each bounded by the 300 ms timeout: nothing waited for Redis to come back.
    expect(Date.now() - started).toBeLessThan(7 * 300 + 500);
  });

  it('fails within the time bound when Redis was never reachable', async () => {
    const store = new RedisSessionStore({ connection: server.url, commandTimeoutMs: 200 });
    const started = Date.now();
    await expect(store.get('org_1', '+15550001')).rejects.toMatchObject({ code: 'STORE_UNAVAILABLE' });
    expect(Date.now() - started).toBeLessThan(700);
    await store.close();
  });

  it('recovers once Redis is back, with correct decisions from an empty Redis', async () => {
    await server.restart();
    // ioredis reconnects on its own (backoff capped at 2 s); the stores need nothing done to them.
    await vi.waitFor(() => expect(redis.status).toBe('ready'), { timeout: 5_000, interval: 50 });

    // No persistence: the restarted Redis is empty, and its script cache too, so EVALSHA answers NOSCRIPT
    // and the scripts are sent again.
    expect(await sessions.get('org_1', '+15550001')).toBeUndefined();
    const fresh = await sessions.set(
      'org_1',
      '+15550001',
      { step: 2 },
      { ttlMs: 60_000, expectedVersion: 0 },
    );
    expect(fresh.version).toBe(1);

    const consume = new RedisScript('rate-limit-consume', consumeSource);
    expect(await redis.script('EXISTS', consume.sha1)).toEqual([0]);
    const decisions = [
      await failOpen.consume(checks),
      await failOpen.consume(checks),
      await failOpen.consume(checks),
    ];
    expect(decisions.map((decision) => decision.allowed)).toEqual([true, true, false]);
    expect(decisions[2]).toMatchObject({ refusedBy: 'user' });
    expect(await redis.script('EXISTS', consume.sha1)).toEqual([1]);
    expect(await failClosed.consume([{ ...checks[1]! }])).toMatchObject({ allowed: true });

    expect(await claims.claim('wamid.2', 60_000)).toBe(true);
    expect(
      await lock.runExclusive('org_1', '+15550001', async ({ fencingToken }) => fencingToken),
    ).toBeGreaterThan(0);
  });
});
