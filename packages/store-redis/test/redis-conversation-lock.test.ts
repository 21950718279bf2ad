import { describeConversationLockContract } from '@chatcart/core/testing';
import { Redis } from 'ioredis';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { RedisConversationLock } from '../src/redis-conversation-lock.js';
import { deleteKeys, listKeys, redisUrl, requireRedis, uniquePrefix } from './support/redis-service.js';

const available = await requireRedis();
const keyPrefix = uniquePrefix();

describe.skipIf(!available)('RedisConversationLock', () => {
  let redis: Redis;

  beforeAll(() => {
    redis = new Redis(redisUrl);
  });

  afterAll(async () => {
    await deleteKeys(redis, keyPrefix);
    redis.disconnect();
  });

  // Each instance has its own connection, like a separate app instance; crashing one closes it without
  // releasing anything.
  describeConversationLockContract('RedisConversationLock', () => {
    const instances: RedisConversationLock[] = [];
    return {
      instance: () => {
        const lock = new RedisConversationLock({ connection: redisUrl, keyPrefix });
        instances.push(lock);
        return lock;
      },
      crash: (instance) => (instance as RedisConversationLock).close(),
      cleanup: async () => {
        await Promise.all(instances.splice(0).map((lock) => lock.close()));
      },
    };
  });

  it('keeps handing out larger fencing tokens after an idle conversation’s keys expired', async () => {
    const lock = new RedisConversationLock({ redis, keyPrefix });
    const first = await lock.runExclusive('org_1', 'idle', async ({ fencingToken }) => fencingToken);
    await deleteKeys(redis, `${keyPrefix}lock:{org_1:idle}`);
    const second = await lock.runExclusive('org_1', 'idle', async ({ fencingToken }) => fencingToken);
    expect(second).toBeGreaterThan(first);
    expect(Number.isSafeInteger(second)).toBe(true);
  });

  it('leaves no lock state behind but keys that expire', async () => {
    const lock = new RedisConversationLock({ redis, keyPrefix });
    await lock.runExclusive('org_1', 'tidy', async () => {});
    const keys = await listKeys(redis, `${keyPrefix}lock:{org_1:tidy}`);
    expect(keys.length).toBeGreaterThan(0);
    for (const key of keys) expect(await redis.pttl(key)).toBeGreaterThan(0);
    expect(await redis.exists(`${keyPrefix}lock:{org_1:tidy}:holder`)).toBe(0);
  });

  it('aborts the work’s signal when Redis says the lease is gone', async () => {
    const lock = new RedisConversationLock({ redis, keyPrefix });
    const reason = await lock.runExclusive(
      'org_1',
      'stolen',
      async ({ signal }) => {
        // Someone deletes the lease behind the holder's back (an operator, or a lease that lapsed).
        await redis.del(`${keyPrefix}lock:{org_1:stolen}:holder`);
        await new Promise((resolve) => signal.addEventListener('abort', resolve, { once: true }));
        return signal.reason as unknown;
      },
      { leaseMs: 150 },
    );
    expect(reason).toMatchObject({ code: 'LOCK_LOST' });
  });
});
