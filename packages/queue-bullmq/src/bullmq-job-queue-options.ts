import { type Logger, silentLogger, ValidationError, type ValidationIssue } from '@chatcart/core';
import { Redis, type RedisOptions } from 'ioredis';
import type { ThroughputLimit } from './throughput-limiter.js';

/** How long finished jobs are kept in Redis. Whichever bound is reached first removes the oldest. */
export interface JobRetention {
  /** Keep finished jobs at most this long. */
  readonly maxAgeMs?: number;
  /** Keep at most this many finished jobs per queue. */
  readonly maxCount?: number;
}

/** How a `BullMQJobQueue` reaches Redis and runs its workers. Only `connection` is required. */
export interface BullMQJobQueueOptions {
  /**
   * A Redis URL, ioredis options, or an ioredis client to share. A client must be created with
   * `maxRetriesPerRequest: null` (BullMQ's workers block on it); the queue never closes a client it was
   * given, and closes the one it creates from a URL or options.
   */
  readonly connection: string | RedisOptions | Redis;
  /** The Redis key prefix of every queue (`chatcart` unless given); one prefix per deployment or test. */
  readonly prefix?: string;
  /**
   * How long finished jobs stay in Redis, which bounds its memory and sets how long a `jobId` keeps
   * de-duplicating after its job finished. Completed: 24 h or 1 000 jobs; failed: 7 days or 10 000 jobs.
   */
  readonly retention?: { readonly completed?: JobRetention; readonly failed?: JobRetention };
  /**
   * Exact per-second send limits by queue name, shared by every worker on the same Redis and prefix, e.g.
   * `{ campaigns: { perSecond: 80, jobNames: ['send-message'] } }`.
   */
  readonly throughput?: Readonly<Record<string, ThroughputLimit>>;
  /**
   * How long a worker's lock on a running job lasts before it must be renewed (30 s unless given). A worker
   * that died releases its jobs when their locks expire; shorter means faster recovery and more renewals.
   */
  readonly lockDurationMs?: number;
  /** How often workers look for jobs whose worker died (30 s unless given). */
  readonly stalledIntervalMs?: number;
  /** How many times a job may be recovered from a dead worker before it is failed (1 unless given). */
  readonly maxStalledCount?: number;
  /** Longest time `enqueue`, `counts`, `pause` and `resume` wait for Redis (5 s unless given). */
  readonly commandTimeoutMs?: number;
  /** Where worker errors and throwing listeners are reported; silent unless given. */
  readonly logger?: Logger;
}

/** `BullMQJobQueueOptions` after validation, with every default filled in. Internal. */
export interface ResolvedQueueOptions {
  readonly client: Redis;
  readonly ownsClient: boolean;
  readonly prefix: string;
  readonly retention: {
    readonly completed: { readonly age: number; readonly count: number };
    readonly failed: { readonly age: number; readonly count: number };
  };
  readonly throughput: Readonly<Record<string, ThroughputLimit>>;
  readonly lockDurationMs: number;
  readonly stalledIntervalMs: number;
  readonly maxStalledCount: number;
  readonly commandTimeoutMs: number;
  readonly logger: Logger;
}

const HOUR_MS = 3_600_000;

/** Validates the options, naming every bad field, and creates the Redis client when given a URL. */
export function resolveQueueOptions(options: BullMQJobQueueOptions): ResolvedQueueOptions {
  const issues: ValidationIssue[] = [];
  const positive = (path: string, value: number | undefined, fallback: number, min = 1): number => {
    if (value === undefined) return fallback;
    if (!(Number.isInteger(value) && value >= min)) {
      issues.push({ path, message: `must be an integer ≥ ${min}, got ${value}` });
    }
    return value;
  };
  const prefix = options.prefix ?? 'chatcart';
  if (typeof prefix !== 'string' || prefix.length === 0 || prefix.includes(':')) {
    issues.push({ path: 'prefix', message: `must be a non-empty string without ":", got "${prefix}"` });
  }
  const retention = (which: 'completed' | 'failed', ageMs: number, count: number) => {
    const given = options.retention?.[which];
    return {
      age: Math.ceil(positive(`retention.${which}.maxAgeMs`, given?.maxAgeMs, ageMs) / 1_000),
      count: positive(`retention.${which}.maxCount`, given?.maxCount, count, 0),
    };
  };
  const resolved = {
    prefix,
    retention: {
      completed: retention('completed', 24 * HOUR_MS, 1_000),
      failed: retention('failed', 168 * HOUR_MS, 10_000),
    },
    throughput: options.throughput ?? {},
    lockDurationMs: positive('lockDurationMs', options.lockDurationMs, 30_000),
    stalledIntervalMs: positive('stalledIntervalMs', options.stalledIntervalMs, 30_000),
    maxStalledCount: positive('maxStalledCount', options.maxStalledCount, 1, 0),
    commandTimeoutMs: positive('commandTimeoutMs', options.commandTimeoutMs, 5_000),
    logger: options.logger ?? silentLogger,
  };
  for (const [queue, limit] of Object.entries(resolved.throughput)) {
    if (queue.includes(':'))
      issues.push({ path: `throughput.${queue}`, message: 'queue names must not contain ":"' });
    if (!(Number.isInteger(limit.perSecond) && limit.perSecond >= 1)) {
      issues.push({
        path: `throughput.${queue}.perSecond`,
        message: `must be an integer ≥ 1, got ${limit.perSecond}`,
      });
    }
  }
  const given = options.connection;
  if (given instanceof Redis && given.options.maxRetriesPerRequest !== null) {
    issues.push({
      path: 'connection',
      message:
        'a shared ioredis client must be created with `maxRetriesPerRequest: null` (BullMQ workers block on ' +
        'it); pass a URL instead to let the queue create its own',
    });
  } else if (
    given === undefined ||
    given === null ||
    (typeof given !== 'string' && typeof given !== 'object')
  ) {
    issues.push({ path: 'connection', message: 'give a Redis URL, ioredis options or an ioredis client' });
  }
  if (issues.length > 0) throw new ValidationError('BullMQJobQueue options are invalid', issues);

  if (given instanceof Redis) return { ...resolved, client: given, ownsClient: false };
  const client =
    typeof given === 'string'
      ? new Redis(given, { maxRetriesPerRequest: null })
      : new Redis({ ...given, maxRetriesPerRequest: null });
  return { ...resolved, client, ownsClient: true };
}
