import { ValidationError } from '@chatcart/core';
import { Redis } from 'ioredis';
import { afterAll, describe, expect, it } from 'vitest';
import { PermitAbortedError, ThroughputLimiter } from '../src/index.js';
import { obliterateQueues, redisUrl, requireRedis, uniquePrefix } from './support/redis.js';

const available = await requireRedis();

describe.skipIf(!available)('ThroughputLimiter', () => {
  const prefix = uniquePrefix();
  const redis = new Redis(redisUrl);
  let keys = 0;
  const limiter = (perSecond: number, extra: { maxSendMs?: number } = {}) =>
    new ThroughputLimiter({ redis, key: `${prefix}:limiter-${++keys}:throughput`, perSecond, ...extra });

  afterAll(async () => {
    redis.disconnect();
    await obliterateQueues(prefix);
  });

  it('grants at most perSecond permits in any window of one second, across limiter instances', async () => {
    const key = `${prefix}:shared:throughput`;
    const [a, b] = [1, 2].map(() => new ThroughputLimiter({ redis, key, perSecond: 10 }));
    const granted: number[] = [];
    const take = async (from: ThroughputLimiter) => {
      const permit = await from.acquire();
      granted.push(Date.now());
      await permit.release();
    };
    await Promise.all(Array.from({ length: 25 }, (_, n) => take(n % 2 === 0 ? a! : b!)));
    const sorted = granted.sort((x, y) => x - y);
    for (let start = 0; start < sorted.length; start++) {
      expect(
        sorted.filter((at) => at >= sorted[start]! && at < sorted[start]! + 1_000).length,
      ).toBeLessThanOrEqual(10);
    }
  });

  it('makes every caller wait out a block', async () => {
    const subject = limiter(100);
    const blockedAt = Date.now();
    expect(await subject.block(300)).toBe(300);
    const permit = await subject.acquire();
    expect(Date.now() - blockedAt).toBeGreaterThanOrEqual(295);
    await permit.release();
  });

  it('takes a permit that was never released (its worker died) as finished after maxSendMs', async () => {
    const subject = limiter(1, { maxSendMs: 1_000 });
    await subject.acquire(); // never released
    const startedAt = Date.now();
    const permit = await subject.acquire();
    expect(Date.now() - startedAt).toBeGreaterThanOrEqual(990);
    await permit.release();
  });

  it('gives up waiting when the signal aborts', async () => {
    const subject = limiter(1);
    const held = await subject.acquire();
    const controller = new AbortController();
    const waiting = subject.acquire(controller.signal);
    controller.abort();
    await expect(waiting).rejects.toBeInstanceOf(PermitAbortedError);
    await held.release();
  });

  it('refuses limits that are not whole positive numbers', () => {
    expect(() => limiter(0)).toThrow(ValidationError);
    expect(() => limiter(2.5)).toThrow(ValidationError);
    expect(() => limiter(5, { maxSendMs: 10 })).toThrow(ValidationError);
  });
});
