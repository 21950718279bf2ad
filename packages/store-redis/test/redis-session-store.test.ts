import { ConflictError } from '@chatcart/core';
import { describeSessionStoreContract } from '@chatcart/core/testing';
import { Redis } from 'ioredis';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { RedisSessionStore } from '../src/redis-session-store.js';
import { deleteKeys, redisUrl, requireRedis, uniquePrefix } from './support/redis-service.js';

const available = await requireRedis();

describe.skipIf(!available)('RedisSessionStore', () => {
  const keyPrefix = uniquePrefix();
  let redis: Redis;
  let store: RedisSessionStore;

  beforeAll(() => {
    redis = new Redis(redisUrl);
    store = new RedisSessionStore({ redis, keyPrefix });
  });

  afterAll(async () => {
    await deleteKeys(redis, keyPrefix);
    redis.disconnect();
  });

  describeSessionStoreContract('RedisSessionStore', () => ({ store }));

  it('stores a session as JSON with its version and an expiry taken from Redis time', async () => {
    const before = Date.now();
    const stored = await store.set(
      'org_1',
      '+15550001',
      { step: 'confirm', items: [1, 2] },
      {
        ttlMs: 60_000,
        expectedVersion: 0,
      },
    );
    expect(stored).toMatchObject({ data: { step: 'confirm', items: [1, 2] }, version: 1 });
    // Redis' clock and this process' clock are the same machine's here; allow a little slack anyway.
    expect(stored.expiresAt).toBeGreaterThanOrEqual(before + 60_000 - 1_000);
    expect(await store.get('org_1', '+15550001')).toEqual(stored);
  });

  it('refuses a write based on a stale version and changes nothing', async () => {
    const first = await store.set('org_1', '+15550002', { n: 1 }, { ttlMs: 60_000, expectedVersion: 0 });
    await store.set('org_1', '+15550002', { n: 2 }, { ttlMs: 60_000, expectedVersion: 1 });
    const stale = store.set('org_1', '+15550002', { n: 3 }, { ttlMs: 5_000, expectedVersion: first.version });
    await expect(stale).rejects.toBeInstanceOf(ConflictError);
    await expect(stale).rejects.toMatchObject({ code: 'VERSION_CONFLICT', details: { actualVersion: 2 } });
    const key = `${keyPrefix}session:{org_1:+15550002}`;
    expect(await store.get('org_1', '+15550002')).toMatchObject({ data: { n: 2 }, version: 2 });
    // The refused write did not shorten the TTL either.
    expect(await redis.pttl(key)).toBeGreaterThan(50_000);
  });

  it('lets exactly one of many concurrent writers with the same version win', async () => {
    const results = await Promise.allSettled(
      Array.from({ length: 20 }, (_, writer) =>
        store.set('org_1', '+15550003', { writer }, { ttlMs: 60_000, expectedVersion: 0 }),
      ),
    );
    expect(results.filter((result) => result.status === 'fulfilled')).toHaveLength(1);
    const refused = results.filter((result) => result.status === 'rejected');
    expect(refused.every((result) => result.reason instanceof ConflictError)).toBe(true);
  });

  it('restarts the TTL on every write (sliding expiry)', async () => {
    const key = `${keyPrefix}session:{org_1:+15550004}`;
    await store.set('org_1', '+15550004', {}, { ttlMs: 1_000, expectedVersion: 0 });
    await new Promise((resolve) => setTimeout(resolve, 300));
    expect(await redis.pttl(key)).toBeLessThanOrEqual(750);
    await store.set('org_1', '+15550004', {}, { ttlMs: 1_000, expectedVersion: 1 });
    expect(await redis.pttl(key)).toBeGreaterThan(900);
  });

  it('forgets a session once its TTL has run out, so the next write starts at version 1 again', async () => {
    await store.set('org_1', '+15550005', { old: true }, { ttlMs: 50, expectedVersion: 0 });
    await new Promise((resolve) => setTimeout(resolve, 120));
    expect(await store.get('org_1', '+15550005')).toBeUndefined();
    const fresh = await store.set('org_1', '+15550005', {}, { ttlMs: 60_000, expectedVersion: 0 });
    expect(fresh.version).toBe(1);
  });

  it('keeps organizations apart, even when their ids and keys would run together', async () => {
    await store.set('org:a', 'b', { who: 'first' }, { ttlMs: 60_000, expectedVersion: 0 });
    await store.set('org', 'a:b', { who: 'second' }, { ttlMs: 60_000, expectedVersion: 0 });
    expect((await store.get('org:a', 'b'))?.data).toEqual({ who: 'first' });
    expect((await store.get('org', 'a:b'))?.data).toEqual({ who: 'second' });
    expect(await store.get('org_2', 'b')).toBeUndefined();
  });

  it('deletes a session, and deleting a missing one is not an error', async () => {
    await store.set('org_1', '+15550006', {}, { ttlMs: 60_000, expectedVersion: 0 });
    await store.delete('org_1', '+15550006');
    await store.delete('org_1', '+15550006');
    expect(await store.get('org_1', '+15550006')).toBeUndefined();
  });

  it('refuses a TTL that is not a positive number of milliseconds', async () => {
    await expect(store.set('org_1', '+15550007', {}, { ttlMs: 0, expectedVersion: 0 })).rejects.toThrow(
      RangeError,
    );
  });

  it('puts all of one conversation on one Cluster slot with a {org:key} hash tag', async () => {
    await store.set('org_1', '+15550008', {}, { ttlMs: 60_000, expectedVersion: 0 });
    expect(await redis.exists(`${keyPrefix}session:{org_1:+15550008}`)).toBe(1);
  });

  it('needs exactly one of a client or connection options', () => {
    expect(() => new RedisSessionStore({})).toThrow(/exactly one/);
    expect(() => new RedisSessionStore({ redis, connection: redisUrl })).toThrow(/exactly one/);
  });
});
