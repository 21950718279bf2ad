import { fileURLToPath } from 'node:url';
import { type RegisterJobHandlersDeps, ValidationError } from '@chatcart/core';
import { Redis } from 'ioredis';
import { afterAll, describe, expect, it } from 'vitest';
import { BullMQJobQueue, runWorker, type WorkerMetrics } from '../src/index.js';
import { exited, spawnTypeScript } from './support/child-process.js';
import { obliterateQueues, redisUrl, requireRedis, uniquePrefix } from './support/redis.js';
import { until } from './support/until.js';

const available = await requireRedis();
const bin = fileURLToPath(new URL('../src/bin/chatcart-worker.ts', import.meta.url));
const config = fileURLToPath(new URL('./support/echo-worker.config.ts', import.meta.url));

describe.skipIf(!available)('runWorker', () => {
  const prefix = uniquePrefix();

  afterAll(() => obliterateQueues(prefix));

  it('runs the handlers it is given and counts their outcomes', async () => {
    const reports: WorkerMetrics[] = [];
    const worker = await runWorker({
      queue: { connection: redisUrl, prefix },
      handlers: {
        greetings: async () => {},
        flaky: { handler: async () => Promise.reject(new Error('nope')), concurrency: 2 },
      },
      onMetrics: (metrics) => reports.push(metrics),
    });
    await worker.queue.enqueueMany(
      'greetings',
      [1, 2, 3].map((n) => ({ name: 'greet', payload: { n } })),
    );
    await worker.queue.enqueue('flaky', 'fail', {}, { attempts: 2, backoff: { type: 'fixed', delayMs: 0 } });
    await until(
      () => {
        const { queues } = worker.metrics();
        return queues.greetings?.completed === 3 && queues.flaky?.failed === 1;
      },
      5_000,
      'the outcomes',
    );
    expect(worker.metrics().queues.flaky).toMatchObject({ retried: 1, failed: 1, completed: 0 });
    expect(await worker.close(1_000)).toEqual({ abandoned: 0 });
    expect(reports.at(-1)?.queues.greetings?.completed).toBe(3);
  });

  it("registers core's handlers on the four queues", async () => {
    const failures: Array<[string, string]> = [];
    const worker = await runWorker({
      queue: { connection: redisUrl, prefix },
      // Jobs of unknown names are refused before a handler touches its context, so an empty one does here.
      jobs: () => ({}) as Omit<RegisterJobHandlersDeps, 'queue'>,
    });
    worker.queue.on('failed', ({ job, error }) =>
      failures.push([job.queue, (error as { code?: string }).code ?? '']),
    );
    const queues = ['order-processing', 'invoice-processing', 'reminders', 'campaigns'];
    const envelope = {
      type: 'nothing.happened',
      organizationId: 'org_1',
      aggregateId: 'x_1',
      occurredAt: 0,
      payload: {},
    };
    for (const queue of queues) await worker.queue.enqueue(queue, 'no-such-job', envelope);
    await until(() => failures.length === 4, 5_000, 'four refusals');
    expect(failures.sort()).toEqual(queues.map((queue) => [queue, 'UNKNOWN_JOB']).sort());
    await worker.close(1_000);
  });

  it('refuses options out of range before it starts anything', async () => {
    const queue = new BullMQJobQueue({ connection: redisUrl, prefix });
    await expect(runWorker({ queue, concurrency: 0 })).rejects.toBeInstanceOf(ValidationError);
    await queue.close();
  });

  it('runs as chatcart-worker from a config module, and exits 0 on SIGTERM having lost nothing', async () => {
    const redis = new Redis(redisUrl);
    const queue = new BullMQJobQueue({ connection: redisUrl, prefix });
    try {
      await queue.enqueueMany(
        'echo',
        Array.from({ length: 60 }, (_, n) => ({
          name: 'echo',
          payload: {},
          options: { jobId: `echo_${n}` },
        })),
      );
      const child = spawnTypeScript(bin, [config], { REDIS_URL: redisUrl, PREFIX: prefix });
      await until(async () => (await redis.llen(`${prefix}:ran`)) >= 10, 20_000, 'the worker to run jobs');
      child.kill('SIGTERM');
      expect(await exited(child)).toBe(0);
      const ran = await redis.lrange(`${prefix}:ran`, 0, -1);
      const counts = await queue.counts('echo');
      expect(counts.active).toBe(0);
      expect(counts.waiting + ran.length).toBe(60);
      expect(new Set(ran).size).toBe(ran.length);
    } finally {
      await queue.close();
      redis.disconnect();
    }
  });

  it('chatcart-worker exits 1 and says how to call it without a config module', async () => {
    const child = spawnTypeScript(bin, [], {});
    let stderr = '';
    child.stderr?.on('data', (chunk: Buffer) => {
      stderr += chunk.toString();
    });
    expect(await exited(child)).toBe(1);
    expect(stderr).toContain('usage: chatcart-worker');
  });
});
