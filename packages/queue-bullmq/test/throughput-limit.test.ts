import type { Job } from '@chatcart/core';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { BullMQJobQueue, type JobThrottledEvent, ThrottledError } from '../src/index.js';
import { FakeProvider, type FakeProviderOptions, mostInAnyWindow, sendTo } from './support/fake-provider.js';
import { obliterateQueues, redisUrl, requireRedis, uniquePrefix } from './support/redis.js';
import { until } from './support/until.js';

const available = await requireRedis();

describe.skipIf(!available)('throughput limits shared by workers', () => {
  const prefix = uniquePrefix();
  let provider: FakeProvider;
  const opened: BullMQJobQueue[] = [];

  /** A worker process's queue: every one shares the prefix, so they share the limit. */
  function worker(perSecond: number): BullMQJobQueue {
    const queue = new BullMQJobQueue({
      connection: redisUrl,
      prefix,
      throughput: { sends: { perSecond, jobNames: ['send-message'] } },
    });
    opened.push(queue);
    return queue;
  }

  const send = (url: string) => async (job: Job) => {
    const { to } = job.payload as { to: string };
    await sendTo(url, to, job.id);
  };

  function recipients(count: number, name = 'send-message') {
    return Array.from({ length: count }, (_, n) => ({
      name,
      payload: { to: `+1555000${String(n).padStart(4, '0')}` },
      options: { jobId: `send_${n}` },
    }));
  }

  beforeAll(async () => {
    provider = await FakeProvider.start();
  });

  afterEach(async () => {
    await Promise.all(opened.splice(0).map((queue) => queue.close({ deadlineMs: 2_000 })));
    await obliterateQueues(prefix);
  });

  afterAll(() => provider.close());

  it('never lets two workers together send more than the limit in any one-second window', async () => {
    provider = await restart(provider);
    const [first, second] = [worker(40), worker(40)];
    const handledBy = { first: 0, second: 0 };
    const counted = (who: keyof typeof handledBy) => async (job: Job) => {
      await send(provider.url)(job);
      handledBy[who] += 1;
    };
    await first.process('sends', counted('first'), { concurrency: 20 });
    await second.process('sends', counted('second'), { concurrency: 20 });
    await first.enqueueMany('sends', recipients(120));
    await until(() => provider.deliveries === 120, 10_000);

    expect(mostInAnyWindow(provider.deliveryTimes())).toBeLessThanOrEqual(40);
    expect(provider.delivered.size).toBe(120);
    expect(handledBy.first).toBeGreaterThan(0);
    expect(handledBy.second).toBeGreaterThan(0);
  });

  it('lets jobs not named as sends through without a permit', async () => {
    provider = await restart(provider);
    const queue = worker(1);
    const ran: string[] = [];
    await queue.process('sends', async (job) => void ran.push(job.name), { concurrency: 5 });
    await queue.enqueueMany('sends', recipients(30, 'fan-out'));
    await until(() => ran.length === 30, 5_000);
    expect(ran.every((name) => name === 'fan-out')).toBe(true);
  });

  it('hands jobs waiting for a permit back to the queue at once when it closes', async () => {
    provider = await restart(provider);
    const queue = worker(1);
    await queue.process('sends', send(provider.url), { concurrency: 5 });
    await queue.enqueueMany('sends', recipients(5));
    await until(() => provider.deliveries === 1, 5_000, 'the first send');
    expect(await queue.close({ deadlineMs: 5_000 })).toEqual({ abandoned: 0 });
    // Not held until their permits came (a second after the first send), then sent: released unsent.
    expect(provider.deliveries).toBe(1);
    const check = new BullMQJobQueue({ connection: redisUrl, prefix });
    opened.push(check);
    expect(await check.counts('sends')).toMatchObject({ waiting: 4, active: 0, failed: 0 });
  });

  it('waits as long as the provider asks after a 429, in every worker, without spending an attempt', async () => {
    provider = await restart(provider, { throttle: (n) => (n === 15 ? 1 : undefined) });
    const [first, second] = [worker(100), worker(100)];
    const throttled: JobThrottledEvent[] = [];
    first.on('throttled', (event) => throttled.push(event));
    second.on('throttled', (event) => throttled.push(event));
    const attempts = new Map<string, number[]>();
    const handler = async (job: Job) => {
      attempts.set(job.id, [...(attempts.get(job.id) ?? []), job.attempt]);
      await send(provider.url)(job);
    };
    await first.process('sends', handler, { concurrency: 10 });
    await second.process('sends', handler, { concurrency: 10 });
    await first.enqueueMany('sends', recipients(60));
    await until(() => provider.deliveries === 60, 10_000);

    const refused = provider.requests.find((request) => request.status === 429)!;
    const sentDuringPause = provider.requests.filter(
      (request) => request.at > refused.at + 50 && request.at < refused.at + 1_000,
    );
    // Requests already on the wire when the 429 came back may land just after it; none start later.
    expect(sentDuringPause).toEqual([]);
    expect(throttled).toHaveLength(1);
    expect(throttled[0]!.retryAfterMs).toBe(1_000);
    expect(attempts.get(throttled[0]!.job.id)).toEqual([1, 1]);
    expect([...provider.delivered.values()].every((count) => count === 1)).toBe(true);
  });

  it('delays only the throttled job on a queue without a limit, without spending an attempt', async () => {
    provider = await restart(provider);
    const queue = new BullMQJobQueue({ connection: redisUrl, prefix });
    opened.push(queue);
    const runs: Array<{ attempt: number; at: number }> = [];
    await queue.process(
      'plain',
      async (job) => {
        runs.push({ attempt: job.attempt, at: Date.now() });
        if (runs.length === 1) throw new ThrottledError('fake provider', 300);
      },
      { concurrency: 1 },
    );
    await queue.enqueue('plain', 'send-message', {}, { attempts: 1 });
    await until(() => runs.length === 2, 5_000);
    expect(runs.map((run) => run.attempt)).toEqual([1, 1]);
    expect(runs[1]!.at - runs[0]!.at).toBeGreaterThanOrEqual(295);
    expect(await queue.counts('plain')).toMatchObject({ failed: 0 });
  });
});

async function restart(provider: FakeProvider, options?: FakeProviderOptions): Promise<FakeProvider> {
  await provider.close();
  return FakeProvider.start(options);
}
