import { describeIdempotencyStoreContract } from '@chatcart/core/testing';
import { Redis } from 'ioredis';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { RedisIdempotencyStore } from '../src/redis-idempotency-store.js';
import { deleteKeys, redisUrl, requireRedis, uniquePrefix } from './support/redis-service.js';

const available = await requireRedis();

describe.skipIf(!available)('RedisIdempotencyStore', () => {
  const keyPrefix = uniquePrefix();
  let redis: Redis;
  let store: RedisIdempotencyStore;

  beforeAll(() => {
    redis = new Redis(redisUrl);
    store = new RedisIdempotencyStore({ connection: redisUrl, keyPrefix });
  });

  afterAll(async () => {
    await store.close();
    await deleteKeys(redis, keyPrefix);
    redis.disconnect();
  });

  describeIdempotencyStoreContract('RedisIdempotencyStore', () => ({ store }));

  it('grants a claim to exactly one of many racing callers', async () => {
    const claims = await Promise.all(Array.from({ length: 50 }, () => store.claim('wamid.1', 60_000)));
    expect(claims.filter(Boolean)).toHaveLength(1);
  });

  it('lets the key be claimed again once released', async () => {
    expect(await store.claim('wamid.2', 60_000)).toBe(true);
    expect(await store.claim('wamid.2', 60_000)).toBe(false);
    await store.release('wamid.2');
    expect(await store.claim('wamid.2', 60_000)).toBe(true);
  });

  it('lets the key be claimed again once the claim expired', async () => {
    expect(await store.claim('wamid.3', 50)).toBe(true);
    await new Promise((resolve) => setTimeout(resolve, 120));
    expect(await store.claim('wamid.3', 60_000)).toBe(true);
  });

  it('stores the claim under the prefix with its TTL', async () => {
    await store.claim('job:42', 30_000);
    const ttl = await redis.pttl(`${keyPrefix}idem:{job%3A42}`);
    expect(ttl).toBeGreaterThan(25_000);
    expect(ttl).toBeLessThanOrEqual(30_000);
  });

  it('refuses a TTL that is not a positive number of milliseconds', async () => {
    await expect(store.claim('wamid.4', -1)).rejects.toThrow(RangeError);
  });
});
