import { MemoryRateLimitStore, type RateLimitCheck } from '@chatcart/core';
import { describeRateLimitStoreContract } from '@chatcart/core/testing';
import { Redis } from 'ioredis';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { consumeBuckets } from '../src/rate-limit-script.js';
import { RedisConnection } from '../src/redis-connection.js';
import { RedisRateLimitStore } from '../src/redis-rate-limit-store.js';
import { deleteKeys, redisUrl, requireRedis, uniquePrefix } from './support/redis-service.js';

const available = await requireRedis();

describe.skipIf(!available)('RedisRateLimitStore', () => {
  const keyPrefix = uniquePrefix();
  let redis: Redis;
  let store: RedisRateLimitStore;
  let test = 0;
  // Each test gets its own bucket keys, so the order tests run in does not matter.
  const fresh = (name: string) => `${name}-${++test}`;

  beforeAll(() => {
    redis = new Redis(redisUrl);
    store = new RedisRateLimitStore({ redis, keyPrefix });
  });

  afterAll(async () => {
    await deleteKeys(redis, keyPrefix);
    redis.disconnect();
  });

  describeRateLimitStoreContract('RedisRateLimitStore', () => ({
    store,
    // Redis keeps its own time: letting time pass means waiting.
    advance: (ms) => new Promise((resolve) => setTimeout(resolve, ms)),
  }));

  it("makes the same decisions as core's in-memory store on the same arrivals", async () => {
    const connection = new RedisConnection({ redis, keyPrefix }, 'test');
    let decidedAt = 0;
    const reference = new MemoryRateLimitStore({ clock: { now: () => decidedAt } });
    const organization = fresh('org');
    const limits = {
      user: { capacity: 3, refillPerSecond: 30 },
      organization: { capacity: 5, refillPerSecond: 100 },
      global: { capacity: 8, refillPerSecond: 200 },
    };
    const users = [fresh('u'), fresh('u'), fresh('u')];
    const costs = [1, 1, 1, 0.5, 2.5, 0.1];
    let random = 42;
    // A fixed-seed generator, so a failure replays the same arrivals.
    const next = (below: number) => {
      random = (random * 1_103_515_245 + 12_345) % 2 ** 31;
      return random % below;
    };
    let allowed = 0;
    let refused = 0;
    for (let arrival = 0; arrival < 150; arrival += 1) {
      const checks: RateLimitCheck[] = [
        { scope: 'user', key: users[next(users.length)]!, limit: limits.user },
        { scope: 'organization', key: organization, limit: limits.organization },
        { scope: 'global', key: organization, limit: limits.global },
      ];
      const cost = costs[next(costs.length)]!;
      const timed = await consumeBuckets(connection, checks, cost);
      // Replayed at the very millisecond Redis decided at: the decisions must be identical, tokens included.
      decidedAt = timed.decidedAt;
      const decision = timed.decision;
      expect(decision).toEqual(await reference.consume(checks, cost));
      if (decision.allowed) allowed += 1;
      else refused += 1;
      if (next(2) === 0) await new Promise((resolve) => setTimeout(resolve, next(15)));
    }
    // The sequence exercised both outcomes, or the comparison proved little.
    expect(allowed).toBeGreaterThan(10);
    expect(refused).toBeGreaterThan(10);
  });

  it('never admits more than the bucket allows to 1000 concurrent callers', async () => {
    const key = fresh('hot');
    const limit = { capacity: 100, refillPerSecond: 2 };
    const started = Date.now();
    const decisions = await Promise.all(
      Array.from({ length: 1000 }, () => store.consume([{ scope: 'global', key, limit }])),
    );
    const elapsedSeconds = (Date.now() - started) / 1000;
    const admitted = decisions.filter((decision) => decision.allowed).length;
    expect(admitted).toBeGreaterThanOrEqual(100);
    expect(admitted).toBeLessThanOrEqual(100 + Math.floor(elapsedSeconds * limit.refillPerSecond));
  });

  it('debits no bucket when one of them refuses', async () => {
    const user = fresh('user');
    const organization = fresh('org');
    const checks: RateLimitCheck[] = [
      { scope: 'user', key: user, limit: { capacity: 1, refillPerSecond: 0.001 } },
      { scope: 'organization', key: organization, limit: { capacity: 10, refillPerSecond: 0.001 } },
    ];
    expect(await store.consume(checks)).toMatchObject({ allowed: true });
    const refusal = await store.consume(checks);
    expect(refusal).toMatchObject({ allowed: false, refusedBy: 'user' });
    // The organization's bucket kept the token the refused message did not use.
    expect(refusal.remaining.organization).toBeCloseTo(9, 3);
    expect(refusal.remaining.user).toBeLessThan(1);
  });

  it('names the first scope, in the order given, that was short', async () => {
    const user = fresh('user');
    const organization = fresh('org');
    const limit = { capacity: 1, refillPerSecond: 0.001 };
    const checks: RateLimitCheck[] = [
      { scope: 'organization', key: organization, limit },
      { scope: 'user', key: user, limit },
    ];
    await store.consume(checks);
    expect(await store.consume(checks)).toMatchObject({ allowed: false, refusedBy: 'organization' });
  });

  it('keeps fractional tokens exactly', async () => {
    const key = fresh('fraction');
    const limit = { capacity: 1, refillPerSecond: 0 };
    let expected = 1;
    for (let step = 0; step < 3; step += 1) {
      const decision = await store.consume([{ scope: 'user', key, limit }], 0.1);
      expected -= 0.1;
      expect(decision.remaining.user).toBe(expected);
    }
    expect(expected).not.toBe(0.7);
  });

  it('says how long to wait, and that a request larger than the bucket never passes', async () => {
    const key = fresh('wait');
    const limit = { capacity: 2, refillPerSecond: 10 };
    await store.consume([{ scope: 'user', key, limit }], 2);
    const refusal = await store.consume([{ scope: 'user', key, limit }]);
    expect(refusal.allowed).toBe(false);
    expect(refusal.retryAfterMs).toBeGreaterThan(50);
    expect(refusal.retryAfterMs).toBeLessThanOrEqual(100);
    const never = await store.consume([{ scope: 'user', key: fresh('big'), limit }], 3);
    expect(never).toMatchObject({ allowed: false, retryAfterMs: Number.POSITIVE_INFINITY });
  });

  it('lets a bucket expire when it would be full again', async () => {
    const key = fresh('expiry');
    await store.consume([{ scope: 'user', key, limit: { capacity: 10, refillPerSecond: 4 } }], 2);
    const ttl = await redis.pttl(`${keyPrefix}{rl}:user:${key}`);
    expect(ttl).toBeGreaterThan(400);
    expect(ttl).toBeLessThanOrEqual(500);
  });

  it('allows an empty list of checks without asking Redis', async () => {
    expect(await store.consume([])).toEqual({ allowed: true, retryAfterMs: 0, remaining: {} });
  });

  it('refuses a cost that is not positive and a bucket without capacity', async () => {
    const limit = { capacity: 1, refillPerSecond: 1 };
    await expect(store.consume([{ scope: 'user', key: 'x', limit }], 0)).rejects.toThrow(RangeError);
    await expect(
      store.consume([{ scope: 'user', key: 'x', limit: { capacity: 0, refillPerSecond: 1 } }]),
    ).rejects.toThrow(RangeError);
  });
});
