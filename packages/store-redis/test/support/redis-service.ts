import { randomBytes } from 'node:crypto';
import { KNOWN_SERVICES, serviceOrSkip } from '@chatcart/core/testing';
import { Redis } from 'ioredis';

/** The Redis the integration tests run against (`REDIS_URL`, or a local default). */
export const redisUrl = process.env.REDIS_URL || KNOWN_SERVICES.redis.defaultUrl;

/**
 * Whether Redis answers at `REDIS_URL`, through core's `serviceOrSkip`: unreachable fails the file in CI
 * (`CI=true`), where a missing service must never turn into a green run of skipped tests; locally the file
 * is skipped with a message naming `REDIS_URL`.
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

/** A key prefix no other test file uses, so files can run in parallel against one Redis. */
export function uniquePrefix(): string {
  return `test:${randomBytes(6).toString('hex')}:`;
}

/** Every key under `prefix` (SCAN, never KEYS, so a shared Redis is not blocked). */
export async function listKeys(redis: Redis, prefix: string): Promise<string[]> {
  const found: string[] = [];
  let cursor = '0';
  do {
    const [next, keys] = await redis.scan(cursor, 'MATCH', `${prefix}*`, 'COUNT', 500);
    cursor = next;
    found.push(...keys);
  } while (cursor !== '0');
  return found;
}

/** Deletes every key under `prefix`. */
export async function deleteKeys(redis: Redis, prefix: string): Promise<void> {
  const keys = await listKeys(redis, prefix);
  if (keys.length > 0) await redis.del(...keys);
}
