import { describe, expect, it } from 'vitest';
import { CapturingLogger } from '../testing/capturing-logger.js';
import { describeJobQueueContract } from '../testing/contracts/job-queue.contract.js';
import { ManualClock } from '../testing/manual-clock.js';
import { ManualScheduler } from '../testing/manual-scheduler.js';
import { MemoryJobQueue } from './memory-job-queue.js';

describeJobQueueContract('MemoryJobQueue (real timers)', () => ({ queue: new MemoryJobQueue() }));

describeJobQueueContract('MemoryJobQueue (ManualScheduler)', () => {
  const scheduler = new ManualScheduler(new ManualClock(Date.parse('2026-01-01T00:00:00Z')));
  return { queue: new MemoryJobQueue({ scheduler }), clock: scheduler };
});

describe('MemoryJobQueue', () => {
  function manual() {
    const scheduler = new ManualScheduler(new ManualClock(0));
    return { scheduler, queue: new MemoryJobQueue({ scheduler }) };
  }

  it('waits for any number of delayed jobs with a single scheduled call', async () => {
    const { scheduler, queue } = manual();
    for (let n = 1; n <= 100; n += 1) await queue.enqueue('reminders', 'fire', { n }, { delayMs: n * 1_000 });
    expect(scheduler.pending).toBe(1);
    await queue.enqueue('reminders', 'sooner', {}, { delayMs: 10 });
    expect(scheduler.pending).toBe(1);
    await queue.close({ deadlineMs: 0 });
    expect(scheduler.pending).toBe(0);
  });

  it('fires a reminder due in 40 days, beyond what one setTimeout can wait', async () => {
    const { scheduler, queue } = manual();
    const fired: number[] = [];
    await queue.process('reminders', async () => void fired.push(scheduler.now()), { concurrency: 1 });
    const fortyDays = 40 * 24 * 60 * 60 * 1000;
    await queue.enqueue('reminders', 'payment-due', {}, { delayMs: fortyDays });
    await scheduler.advance(fortyDays - 1);
    await queue.whenIdle();
    expect(fired).toEqual([]);
    await scheduler.advance(1);
    await queue.whenIdle();
    expect(fired).toEqual([fortyDays]);
  });

  it('runs due jobs on runDue after the clock was moved without its scheduler', async () => {
    const clock = new ManualClock(0);
    const queue = new MemoryJobQueue({ scheduler: new ManualScheduler(clock) });
    const ran: string[] = [];
    await queue.process('campaigns', async (job) => void ran.push(job.name), { concurrency: 1 });
    await queue.enqueue('campaigns', 'send-batch', {}, { delayMs: 5_000 });
    clock.advance(5_000);
    expect(queue.runDue()).toBe(1);
    await queue.whenIdle();
    expect(ran).toEqual(['send-batch']);
  });

  it('resolves whenIdle once every runnable job has run, ignoring queues without a handler', async () => {
    const { queue } = manual();
    let done = 0;
    await queue.enqueue('no-handler', 'waits', {});
    await queue.process(
      'order-processing',
      async () => {
        done += 1;
      },
      { concurrency: 2 },
    );
    for (let n = 0; n < 5; n += 1) await queue.enqueue('order-processing', 'process', { n });
    await queue.whenIdle();
    expect(done).toBe(5);
  });

  it('forgets the oldest finished jobs beyond keepFinished, freeing their ids', async () => {
    const queue = new MemoryJobQueue({ scheduler: new ManualScheduler(), keepFinished: 2 });
    let runs = 0;
    await queue.process(
      'invoice-processing',
      async () => {
        runs += 1;
      },
      { concurrency: 1 },
    );
    for (const id of ['evt_a', 'evt_b', 'evt_c'])
      await queue.enqueue('invoice-processing', 'issue', {}, { jobId: id });
    await queue.whenIdle();
    expect(await queue.counts('invoice-processing')).toMatchObject({ completed: 2 });
    await queue.enqueue('invoice-processing', 'issue', {}, { jobId: 'evt_a' });
    await queue.enqueue('invoice-processing', 'issue', {}, { jobId: 'evt_c' });
    await queue.whenIdle();
    expect(runs).toBe(4);
  });

  it('keeps delivering events to other listeners when one listener throws, and logs it', async () => {
    const logger = new CapturingLogger();
    const queue = new MemoryJobQueue({ scheduler: new ManualScheduler(), logger });
    const heard: string[] = [];
    queue.on('completed', () => {
      throw new Error('listener bug');
    });
    queue.on('completed', (event) => heard.push(event.job.name));
    await queue.process('campaigns', async () => {}, { concurrency: 1 });
    await queue.enqueue('campaigns', 'one', {});
    await queue.enqueue('campaigns', 'two', {});
    await queue.whenIdle();
    expect(heard).toEqual(['one', 'two']);
    expect(logger.at('error')).toHaveLength(2);
  });

  it('keeps a handler that enqueues at once within its concurrency', async () => {
    const { queue } = manual();
    let running = 0;
    let mostRunning = 0;
    let started = 0;
    await queue.process(
      'order-processing',
      async () => {
        running += 1;
        started += 1;
        mostRunning = Math.max(mostRunning, running);
        if (started < 10) await queue.enqueue('order-processing', 'next', {});
        await Promise.resolve();
        running -= 1;
      },
      { concurrency: 1 },
    );
    await queue.enqueue('order-processing', 'first', {});
    await queue.whenIdle();
    expect(started).toBe(10);
    expect(mostRunning).toBe(1);
  });

  it('refuses a concurrency below 1 and a negative close deadline', async () => {
    const { queue } = manual();
    await expect(queue.process('reminders', async () => {}, { concurrency: 0 })).rejects.toThrow(
      /concurrency/,
    );
    await expect(queue.close({ deadlineMs: -1 })).rejects.toBeInstanceOf(RangeError);
  });
});
