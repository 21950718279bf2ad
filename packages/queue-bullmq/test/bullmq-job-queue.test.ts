import type { Job } from '@chatcart/core';
import { ValidationError } from '@chatcart/core';
import { afterAll, afterEach, describe, expect, it } from 'vitest';
import { BullMQJobQueue } from '../src/index.js';
import { obliterateQueues, redisUrl, requireRedis, uniquePrefix } from './support/redis.js';
import { until } from './support/until.js';

const available = await requireRedis();

describe.skipIf(!available)('BullMQJobQueue', () => {
  const prefix = uniquePrefix();
  const opened: BullMQJobQueue[] = [];

  function open(options: Partial<ConstructorParameters<typeof BullMQJobQueue>[0]> = {}): BullMQJobQueue {
    const queue = new BullMQJobQueue({ connection: redisUrl, prefix, ...options });
    opened.push(queue);
    return queue;
  }

  afterEach(async () => {
    await Promise.all(opened.splice(0).map((queue) => queue.close({ deadlineMs: 2_000 })));
  });

  afterAll(() => obliterateQueues(prefix));

  it('fires a delayed reminder within one second of its time', async () => {
    const queue = open();
    const fired: number[] = [];
    await queue.process('reminders', async () => void fired.push(Date.now()), { concurrency: 1 });
    const dueAt = Date.now() + 1_500;
    await queue.enqueue(
      'reminders',
      'fire-reminder',
      { reminderId: 'rem_1' },
      {
        jobId: 'reminder_rem_1',
        delayMs: dueAt - Date.now(),
      },
    );
    await until(() => fired.length === 1, 5_000, 'the reminder');
    expect(fired[0]!).toBeGreaterThanOrEqual(dueAt);
    expect(fired[0]! - dueAt).toBeLessThan(1_000);
  });

  it('enqueues many jobs in chunks, in order, skipping ids already taken', async () => {
    const queue = open();
    await queue.enqueue('bulk', 'send', { n: 0 }, { jobId: 'send_0' });
    const jobs = Array.from({ length: 2_500 }, (_, n) => ({
      name: 'send',
      payload: { n },
      options: { jobId: `send_${n}` },
    }));
    const ids = await queue.enqueueMany('bulk', jobs);
    expect(ids).toEqual(jobs.map((job) => job.options.jobId));
    expect((await queue.counts('bulk')).waiting).toBe(2_500);
  });

  it('adds nothing when one job of a bulk call is invalid', async () => {
    const queue = open();
    const jobs = [
      { name: 'send', payload: { n: 1 }, options: { jobId: 'ok_1' } },
      { name: 'send', payload: { n: 2 }, options: { jobId: 'bad:2' } },
    ];
    await expect(queue.enqueueMany('bulk-invalid', jobs)).rejects.toBeInstanceOf(ValidationError);
    expect((await queue.counts('bulk-invalid')).waiting).toBe(0);
  });

  it('keeps Redis bounded: finished jobs beyond the retained count are removed', async () => {
    const queue = open({ retention: { completed: { maxCount: 5 } } });
    let done = 0;
    await queue.process('retained', async () => void done++, { concurrency: 5 });
    await queue.enqueueMany(
      'retained',
      Array.from({ length: 40 }, (_, n) => ({ name: 'work', payload: { n } })),
    );
    await until(() => done === 40, 5_000, 'all 40 jobs');
    await until(async () => (await queue.counts('retained')).completed <= 5, 2_000, 'retention');
  });

  it('stops sends within one batch on pause, and resume finishes the rest exactly once', async () => {
    const queue = open();
    const sent = new Map<string, number>();
    const handler = async (job: Job) => {
      await new Promise((resolve) => setTimeout(resolve, 5));
      sent.set(job.id, (sent.get(job.id) ?? 0) + 1);
    };
    await queue.process('campaign', handler, { concurrency: 10 });
    await queue.enqueueMany(
      'campaign',
      Array.from({ length: 300 }, (_, n) => ({ name: 'send', payload: { n }, options: { jobId: `r_${n}` } })),
    );
    await until(() => sent.size >= 50, 5_000, '50 sends');
    await queue.pause('campaign');
    const atPause = sent.size;
    await new Promise((resolve) => setTimeout(resolve, 300));
    const afterPause = sent.size;
    // Jobs already running when the pause came finish; no new one starts: at most one batch (concurrency).
    expect(afterPause - atPause).toBeLessThanOrEqual(10);
    expect(afterPause).toBeLessThan(300);
    await queue.resume('campaign');
    await until(() => sent.size === 300, 10_000, 'the rest of the campaign');
    expect([...sent.values()].every((count) => count === 1)).toBe(true);
  });

  it('loses no job when it shuts down with jobs in flight', async () => {
    const first = open();
    const done = new Map<string, number>();
    const handler = async (job: Job) => {
      await new Promise((resolve) => setTimeout(resolve, 50));
      done.set(job.id, (done.get(job.id) ?? 0) + 1);
    };
    await first.process('orders', handler, { concurrency: 5 });
    await first.enqueueMany(
      'orders',
      Array.from({ length: 40 }, (_, n) => ({
        name: 'process',
        payload: { n },
        options: { jobId: `ord_${n}` },
      })),
    );
    await until(() => done.size >= 7, 5_000, 'some jobs');
    const result = await first.close({ deadlineMs: 5_000 });
    expect(result.abandoned).toBe(0);

    const check = open();
    const counts = await check.counts('orders');
    expect(counts.active).toBe(0);
    expect(counts.waiting + done.size).toBe(40);

    await check.process('orders', handler, { concurrency: 5 });
    await until(() => done.size === 40, 5_000, 'the remaining jobs');
    expect([...done.values()].every((count) => count === 1)).toBe(true);
  });

  it('refuses a shared client that BullMQ workers cannot block on', async () => {
    const { Redis } = await import('ioredis');
    const client = new Redis(redisUrl, { lazyConnect: true });
    expect(() => new BullMQJobQueue({ connection: client })).toThrow(ValidationError);
    client.disconnect();
  });
});
