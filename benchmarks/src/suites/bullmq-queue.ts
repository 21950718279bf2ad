/// <reference path="../../../packages/queue-bullmq/src/lua.d.ts" />

import { type ChildProcess, spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { once } from 'node:events';
import { Agent, request as httpRequest } from 'node:http';
import { createRequire } from 'node:module';
import type { BenchSuite, ResultRow } from '../harness.js';

// The benchmarks package depends on neither bullmq nor @chatcart/queue-bullmq, so both are reached through
// the adapter's own folder: its sources (with the loader that reads its `.lua` files as text, as its build
// does) and the bullmq it depends on, so raw BullMQ and our adapter run the very same BullMQ.
type QueueBullmq = typeof import('../../../packages/queue-bullmq/src/index.js');
type Bullmq = typeof import('../../../packages/queue-bullmq/node_modules/bullmq/dist/esm/index.js');
type IoRedis = typeof import('../../../packages/queue-bullmq/node_modules/ioredis/built/index.js');

/**
 * The BullMQ job queue against the local Redis (`REDIS_URL`), in one process on this machine:
 *
 * - no-op jobs: {@link NOOP_JOBS} jobs added in bulk, then drained at concurrency 50 by raw BullMQ and by
 *   `BullMQJobQueue` (our job mapping, events and bookkeeping on top);
 * - a campaign of {@link RECIPIENTS} recipients, end to end: one job fans the recipients out with
 *   `enqueueMany` (chunks of 1 000), and each send job POSTs to a local fake provider over HTTP (keep-alive,
 *   the provider in a process of its own), rate limit lifted; messages per second from the campaign's
 *   enqueue to the last delivery, next to raw BullMQ's no-op rate from the same run (target: at least
 *   half). It runs once more with the sends stubbed, which shows what the queue itself costs apart from
 *   HTTP. The filed scenario is 100 000 recipients; it is scaled down so the suite stays under a minute;
 * - the same sends with the limit set to 80 and to 500 messages per second: deliveries per second over
 *   the first {@link LIMITED_SECONDS} seconds as the provider counts them (target: within 3 % of the
 *   limit), and the most deliveries in any sliding one-second window (must never exceed the limit).
 */
const NOOP_JOBS = 10_000;
const RECIPIENTS = 20_000;
const LIMITED_SECONDS = 3;
const fromAdapter = createRequire(new URL('../../../packages/queue-bullmq/package.json', import.meta.url));
const redisUrl = process.env.REDIS_URL || 'redis://127.0.0.1:6379';

interface Loaded {
  readonly adapter: QueueBullmq;
  readonly bullmq: Bullmq;
  readonly ioredis: IoRedis;
}

const suite: BenchSuite = {
  name: 'bullmq-queue',
  async run() {
    const loaded = await load();
    if (!(await redisAnswers(loaded))) {
      process.stdout.write(`  skipped: Redis is not reachable at REDIS_URL=${redisUrl}\n`);
      return [];
    }
    const prefix = `bench-${randomBytes(4).toString('hex')}`;
    try {
      const raw = await rawNoop(loaded, prefix);
      const ours = await adapterNoop(loaded, prefix);
      const queueOnly = await campaignEndToEnd(loaded, prefix, false);
      const campaign = await campaignEndToEnd(loaded, prefix, true);
      const rows: ResultRow[] = [
        row('no-op jobs, BullMQ in Redis', 'BullMQJobQueue', ours, 'raw BullMQ Worker', raw, 0.8),
        row(
          `campaign of ${RECIPIENTS}, sends stubbed`,
          'fan-out + send jobs',
          queueOnly,
          'raw BullMQ no-op',
          raw,
          0.5,
        ),
        row(
          `campaign of ${RECIPIENTS} over HTTP, no limit`,
          'fan-out + sends',
          campaign,
          'raw BullMQ no-op',
          raw,
          0.5,
        ),
      ];
      for (const limit of [80, 500]) rows.push(await limited(loaded, prefix, limit));
      return rows;
    } finally {
      await obliterate(loaded, prefix);
    }
  },
};

export default suite;

async function load(): Promise<Loaded> {
  await import('../../../packages/queue-bullmq/test/support/lua-loader.mjs' as string);
  return {
    adapter: await import('../../../packages/queue-bullmq/src/index.js'),
    bullmq: fromAdapter('bullmq') as Bullmq,
    ioredis: fromAdapter('ioredis') as IoRedis,
  };
}

async function redisAnswers({ ioredis }: Loaded): Promise<boolean> {
  const probe = new ioredis.Redis(redisUrl, {
    lazyConnect: true,
    maxRetriesPerRequest: 0,
    retryStrategy: () => null,
  });
  probe.on('error', () => {});
  try {
    await probe.connect();
    await probe.ping();
    return true;
  } catch {
    return false;
  } finally {
    probe.disconnect();
  }
}

/** Raw BullMQ: the jobs are in Redis first, then one Worker drains them; jobs per second of draining. */
async function rawNoop({ bullmq, ioredis }: Loaded, prefix: string): Promise<number> {
  const connection = new ioredis.Redis(redisUrl, { maxRetriesPerRequest: null });
  const queue = new bullmq.Queue('raw-noop', { connection, prefix });
  for (let start = 0; start < NOOP_JOBS; start += 1_000) {
    await queue.addBulk(
      Array.from({ length: 1_000 }, (_, n) => ({
        name: 'noop',
        data: { n: start + n },
        opts: { removeOnComplete: { count: 1_000 }, removeOnFail: { count: 1_000 } },
      })),
    );
  }
  let done = 0;
  let resolveFinished!: () => void;
  const finished = new Promise<void>((resolve) => {
    resolveFinished = resolve;
  });
  const startedAt = performance.now();
  const worker = new bullmq.Worker('raw-noop', async () => {}, { connection, prefix, concurrency: 50 });
  worker.on('completed', () => {
    if (++done === NOOP_JOBS) resolveFinished();
  });
  await finished;
  const rate = NOOP_JOBS / ((performance.now() - startedAt) / 1_000);
  await worker.close();
  await queue.close();
  connection.disconnect();
  return rate;
}

/** The same through `BullMQJobQueue`. */
async function adapterNoop({ adapter }: Loaded, prefix: string): Promise<number> {
  const queue = new adapter.BullMQJobQueue({
    connection: redisUrl,
    prefix,
    retention: { completed: { maxCount: 1_000 } },
  });
  await queue.enqueueMany(
    'port-noop',
    Array.from({ length: NOOP_JOBS }, (_, n) => ({ name: 'noop', payload: { n } })),
  );
  let done = 0;
  const finished = new Promise<void>((resolve) => {
    queue.on('completed', () => {
      if (++done === NOOP_JOBS) resolve();
    });
  });
  const startedAt = performance.now();
  await queue.process('port-noop', async () => {}, { concurrency: 50 });
  await finished;
  const rate = NOOP_JOBS / ((performance.now() - startedAt) / 1_000);
  await queue.close();
  return rate;
}

/**
 * A campaign job fans out the recipients; each send job POSTs to the fake provider, or, with `http` off,
 * does nothing (what the queue alone costs). Messages per second from the campaign's enqueue to the last.
 */
async function campaignEndToEnd({ adapter }: Loaded, prefix: string, http: boolean): Promise<number> {
  const provider = http ? await FakeProvider.start() : undefined;
  const name = http ? 'campaigns' : 'campaigns-no-http';
  const queue = new adapter.BullMQJobQueue({
    connection: redisUrl,
    prefix,
    retention: { completed: { maxCount: 1_000 } },
  });
  let sent = 0;
  let allSent!: () => void;
  const finished = new Promise<void>((resolve) => {
    allSent = resolve;
  });
  await queue.process(
    name,
    async (job) => {
      if (job.name === 'start-campaign') {
        const { campaignId, recipients } = job.payload as { campaignId: string; recipients: number };
        for (let start = 0; start < recipients; start += 5_000) {
          const count = Math.min(5_000, recipients - start);
          await queue.enqueueMany(
            name,
            Array.from({ length: count }, (_, n) => ({
              name: 'send-message',
              payload: { campaignId, to: `+1555${String(start + n).padStart(7, '0')}` },
              options: { jobId: `campaign_${campaignId}_${start + n}`, attempts: 3 },
            })),
          );
        }
        return;
      }
      if (provider) await send(provider.url, (job.payload as { to: string }).to, job.id);
      if (++sent === RECIPIENTS) allSent();
    },
    { concurrency: 50 },
  );
  const startedAt = performance.now();
  await queue.enqueue(name, 'start-campaign', { campaignId: 'cmp_1', recipients: RECIPIENTS });
  await finished;
  // The provider's own count, so a send the handler thought done but the provider never got cannot count.
  await provider?.delivered(RECIPIENTS);
  const rate = RECIPIENTS / ((performance.now() - startedAt) / 1_000);
  await queue.close();
  await provider?.close();
  return rate;
}

/** Sends at a limit: the provider's count per second, and its most in any sliding one-second window. */
async function limited({ adapter }: Loaded, prefix: string, perSecond: number): Promise<ResultRow> {
  const provider = await FakeProvider.start();
  const name = `limited-${perSecond}`;
  const queue = new adapter.BullMQJobQueue({
    connection: redisUrl,
    prefix,
    throughput: { [name]: { perSecond } },
    retention: { completed: { maxCount: 1_000 } },
  });
  const total = perSecond * (LIMITED_SECONDS + 1);
  await queue.enqueueMany(
    name,
    Array.from({ length: total }, (_, n) => ({ name: 'send-message', payload: { to: `+1777${n}` } })),
  );
  await queue.process(name, async (job) => send(provider.url, (job.payload as { to: string }).to, job.id), {
    concurrency: 50,
  });
  await provider.delivered(perSecond * LIMITED_SECONDS + 1);
  await queue.pause(name);
  await queue.close({ deadlineMs: 2_000 });
  const times = await provider.times();
  await provider.close();
  // Sends leave in bursts (a window's worth, then the next when the first ones leave the window), so the
  // rate is measured from the first send to the first of the burst that follows LIMITED_SECONDS windows.
  const counted = perSecond * LIMITED_SECONDS;
  const achieved = counted / ((times[counted]! - times[0]!) / 1_000);
  const most = mostInAnyWindow(times);
  const ratio = achieved / perSecond;
  return {
    benchmark: `sends limited to ${perSecond}/s (most in any 1 s window: ${most})`,
    ours: 'achieved, per second',
    oursOpsPerSec: achieved,
    peer: 'the limit',
    peerOpsPerSec: perSecond,
    ratio,
    target: '≥ 0.97×, never above',
    met: ratio >= 0.97 && most <= perSecond,
  };
}

function row(
  benchmark: string,
  ours: string,
  oursOps: number,
  peer: string,
  peerOps: number,
  min: number,
): ResultRow {
  const ratio = peerOps > 0 ? oursOps / peerOps : 0;
  return {
    benchmark,
    ours,
    oursOpsPerSec: oursOps,
    peer,
    peerOpsPerSec: peerOps,
    ratio,
    target: `≥ ${min}×`,
    met: ratio >= min,
  };
}

/** One keep-alive connection per concurrent send, as a provider client would hold. */
const agent = new Agent({ keepAlive: true, maxSockets: 64 });

function send(url: string, to: string, key: string): Promise<void> {
  const body = JSON.stringify({ to });
  return new Promise((resolve, reject) => {
    const request = httpRequest(
      url,
      {
        method: 'POST',
        agent,
        timeout: 5_000,
        headers: {
          'content-type': 'application/json',
          'content-length': Buffer.byteLength(body),
          'idempotency-key': key,
        },
      },
      (response) => {
        response.resume();
        response.on('end', () =>
          response.statusCode! < 300
            ? resolve()
            : reject(new Error(`fake provider answered ${response.statusCode}`)),
        );
      },
    );
    request.on('timeout', () => request.destroy(new Error('fake provider did not answer in 5 s')));
    request.on('error', reject);
    request.end(body);
  });
}

/**
 * The fake provider's server, run in a process of its own (as a real provider is): POST delivers once per
 * idempotency key and records when; GET answers the arrival times so far.
 */
const PROVIDER_SOURCE = `
const { createServer } = require('node:http');
const keys = new Set();
const times = [];
const server = createServer((request, response) => {
  if (request.method === 'GET') {
    response.end(JSON.stringify(times));
    return;
  }
  const key = String(request.headers['idempotency-key']);
  request.resume();
  request.on('end', () => {
    if (!keys.has(key)) {
      keys.add(key);
      times.push(Date.now());
    }
    response.statusCode = 201;
    response.end('{}');
  });
});
server.keepAliveTimeout = 30000;
server.listen(0, '127.0.0.1', () => process.stdout.write(String(server.address().port) + '\\n'));
`;

/** A local provider over HTTP in a child process: counts deliveries and when each arrived. */
class FakeProvider {
  url = '';
  #child!: ChildProcess;

  static async start(): Promise<FakeProvider> {
    const provider = new FakeProvider();
    provider.#child = spawn(process.execPath, ['-e', PROVIDER_SOURCE], {
      stdio: ['ignore', 'pipe', 'inherit'],
    });
    const [port] = (await once(provider.#child.stdout!, 'data')) as [Buffer];
    provider.url = `http://127.0.0.1:${String(port).trim()}/messages`;
    return provider;
  }

  /** Arrival times of the deliveries so far, in order. */
  async times(): Promise<number[]> {
    const response = await fetch(this.url);
    return (await response.json()) as number[];
  }

  /** Resolves once `count` messages were delivered (polled every 25 ms, which the figures can afford). */
  async delivered(count: number): Promise<void> {
    while ((await this.times()).length < count) await new Promise((resolve) => setTimeout(resolve, 25));
  }

  async close(): Promise<void> {
    this.#child.kill();
    await once(this.#child, 'exit');
  }
}

function mostInAnyWindow(times: readonly number[], windowMs = 1_000): number {
  const sorted = [...times].sort((a, b) => a - b);
  let most = 0;
  let end = 0;
  for (let start = 0; start < sorted.length; start++) {
    while (end < sorted.length && sorted[end]! < sorted[start]! + windowMs) end++;
    most = Math.max(most, end - start);
  }
  return most;
}

async function obliterate({ bullmq, ioredis }: Loaded, prefix: string): Promise<void> {
  const redis = new ioredis.Redis(redisUrl, { maxRetriesPerRequest: null });
  const names = new Set<string>();
  let cursor = '0';
  do {
    const [next, keys] = await redis.scan(cursor, 'MATCH', `${prefix}:*`, 'COUNT', 1_000);
    cursor = next;
    for (const key of keys) names.add(key.split(':')[1]!);
  } while (cursor !== '0');
  for (const name of names) {
    const queue = new bullmq.Queue(name, { connection: redis, prefix });
    await queue.obliterate({ force: true }).catch(() => {});
    await queue.close();
  }
  do {
    const [next, keys] = await redis.scan(cursor, 'MATCH', `${prefix}:*`, 'COUNT', 1_000);
    cursor = next;
    if (keys.length > 0) await redis.del(...keys);
  } while (cursor !== '0');
  redis.disconnect();
}
