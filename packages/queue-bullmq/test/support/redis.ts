import { randomBytes } from 'node:crypto';
import { KNOWN_SERVICES, serviceOrSkip } from '@chatcart/core/testing';
import { Queue } from 'bullmq';
import { Redis } from 'ioredis';

/** The Redis the integration tests run against (`REDIS_URL`, or a local default). */
export const redisUrl = process.env.REDIS_URL || KNOWN_SERVICES.redis.defaultUrl;

/**
 * Whether Redis answers at `REDIS_URL`, through core's `serviceOrSkip`: unreachable fails the file in CI
 * (`CI=true`); locally the file is skipped with a message naming `REDIS_URL`.
 */
export async function requireRedis(): Promise<boolean> {
  const url = await serviceOrSkip('redis', async (target) => {
    const probe = new Redis(target, {
      lazyConnect: true,
      connectTimeout: 1_000,
      maxRetriesPerRequest: 0,
      retryStrategy: () => null,
      enableOfflineQueue: false,
    });
    probe.on('error', () => {});
    try {
      await probe.connect();
      await probe.ping();
    } finally {
      probe.disconnect();
    }
  });
  return url !== undefined;
}

/** A BullMQ prefix no other test file uses, so files run in parallel against one Redis. */
export function uniquePrefix(): string {
  return `test-${randomBytes(6).toString('hex')}`;
}

/**
 * Obliterates every queue under `prefix` (BullMQ's own way to remove a queue and all its jobs), then
 * deletes whatever else is left under it (the throughput limiter's keys). SCAN, never KEYS.
 */
export async function obliterateQueues(prefix: string): Promise<void> {
  const redis = new Redis(redisUrl, { maxRetriesPerRequest: null });
  try {
    const names = new Set<string>();
    for (const key of await listKeys(redis, `${prefix}:`)) {
      const name = key.slice(prefix.length + 1).split(':')[0];
      if (name) names.add(name);
    }
    for (const name of names) {
      const queue = new Queue(name, { connection: redis, prefix });
      await queue.obliterate({ force: true }).catch(() => {});
      await queue.close();
    }
    const left = await listKeys(redis, `${prefix}:`);
    if (left.length > 0) await redis.del(...left);
  } finally {
    redis.disconnect();
  }
}

async function listKeys(redis: Redis, prefix: string): Promise<string[]> {
  const found: string[] = [];
  let cursor = '0';
  do {
    const [next, keys] = await redis.scan(cursor, 'MATCH', `${prefix}*`, 'COUNT', 1_000);
    cursor = next;
    found.push(...keys);
  } while (cursor !== '0');
  return found;
}
