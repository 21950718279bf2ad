import type { RateLimitCheck } from '@chatcart/core';
import { createRedisClient, RedisRateLimitStore } from '@chatcart/store-redis';
import type { Redis } from 'ioredis';
import { RateLimiterRedis } from 'rate-limiter-flexible';
import { type BenchSuite, compareRow, measure, perOperation } from '../harness.js';

/**
 * Rate-limit decisions against a real Redis with {@link IN_FLIGHT} requests in flight, as a busy app
 * instance has: ours decides three token buckets (user, organization, global) in one Lua call;
 * rate-limiter-flexible's `RateLimiterRedis` counts one key; a bare `PING` on the same kind of client is the
 * round-trip ceiling no decision can beat. Each contender has its own client with the same settings. A
 * sample fires {@link IN_FLIGHT} operations at once and waits for all; figures are operations per second.
 */
const IN_FLIGHT = 64;
const CUSTOMERS = 10_000;
const huge = { capacity: 1e12, refillPerSecond: 1 };
const url = process.env.REDIS_URL ?? 'redis://127.0.0.1:6379';

const OURS = 'chatcart RedisRateLimitStore, 3 scopes';
const FLEXIBLE = 'rate-limiter-flexible RateLimiterRedis, 1 key';
const PING = 'ioredis PING (round-trip ceiling)';

function inFlight(operation: () => Promise<unknown>): () => Promise<void> {
  return async () => {
    const pending: Promise<unknown>[] = [];
    for (let i = 0; i < IN_FLIGHT; i++) pending.push(operation());
    await Promise.all(pending);
  };
}

/** The clients refuse commands until connected (no offline queue), so wait for each to be ready. */
function ready(client: Redis): Promise<void> {
  if (client.status === 'ready') return Promise.resolve();
  return new Promise((resolve, reject) => {
    client.once('ready', () => resolve());
    client.once('error', reject);
  });
}

const suite: BenchSuite = {
  name: 'redis-rate-limit',
  async run() {
    const prefix = `bench:${process.pid}:${Date.now()}:`;
    const ourClient = createRedisClient(url);
    const flexibleClient = createRedisClient(url);
    const pingClient = createRedisClient(url);
    await Promise.all([ourClient, flexibleClient, pingClient].map(ready));

    const checks: RateLimitCheck[][] = Array.from({ length: CUSTOMERS }, (_, i) => [
      { scope: 'user', key: `org_${i % 100}:+1555${String(i).padStart(7, '0')}`, limit: huge },
      { scope: 'organization', key: `org_${i % 100}`, limit: huge },
      { scope: 'global', key: 'global', limit: huge },
    ]);
    const keys = checks.map((check) => check[0]!.key);
    const store = new RedisRateLimitStore({ redis: ourClient, keyPrefix: `${prefix}ours:` });
    const flexible = new RateLimiterRedis({
      storeClient: flexibleClient,
      points: 1e12,
      duration: 60,
      keyPrefix: `${prefix}flexible`,
    });

    let a = 0;
    let b = 0;
    try {
      const figures = perOperation(
        await measure([
          { name: OURS, fn: inFlight(() => store.consume(checks[a++ % CUSTOMERS]!)) },
          { name: FLEXIBLE, fn: inFlight(() => flexible.consume(keys[b++ % CUSTOMERS]!)) },
          { name: PING, fn: inFlight(() => pingClient.ping()) },
        ]),
        IN_FLIGHT,
      );
      return [
        compareRow(`rate-limit decision on Redis, ${IN_FLIGHT} in flight`, figures, OURS, FLEXIBLE, 1.5),
        compareRow(`rate-limit decision on Redis, ${IN_FLIGHT} in flight`, figures, OURS, PING, 0.6),
      ];
    } finally {
      const stale = await ourClient.keys(`${prefix}*`);
      for (let i = 0; i < stale.length; i += 1000) await ourClient.del(...stale.slice(i, i + 1000));
      await Promise.all([ourClient.quit(), flexibleClient.quit(), pingClient.quit()]);
    }
  },
};

export default suite;
