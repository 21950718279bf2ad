import { expect, it } from 'vitest';
import { ChatcartError } from '../../domain/errors.js';
import type { JobFailedEvent } from '../../ports/job-queue.js';
import { deferred, sleep } from './contract-time.js';
import type { JobQueueContractContext } from './job-queue.contract.js';

/**
 * The half of the job-queue contract about workers: concurrency, failures, events, priority, pause and
 * resume, counts, and close. Registered by `describeJobQueueContract`; not meant to be called alone.
 */
export function describeJobQueueWorkerContract(context: JobQueueContractContext): void {
  /** A job that runs until the test releases it; released at teardown at the latest. */
  function hold(): { started: Promise<void>; release: () => void; wait: () => Promise<void> } {
    const started = deferred();
    const finished = deferred();
    context.onTeardown.push(() => finished.resolve());
    return {
      started: started.promise,
      release: () => finished.resolve(),
      wait: () => {
        started.resolve();
        return finished.promise;
      },
    };
  }

  it('never runs more jobs of a queue at once than its concurrency', async () => {
    const { queue, time, name } = context;
    let running = 0;
    let mostRunning = 0;
    let done = 0;
    await queue.process(
      name,
      async () => {
        running += 1;
        mostRunning = Math.max(mostRunning, running);
        await sleep(30);
        running -= 1;
        done += 1;
      },
      { concurrency: 3 },
    );
    await Promise.all(Array.from({ length: 12 }, (_, n) => queue.enqueue(name, 'work', { n })));
    await time.waitFor(() => done === 12, { what: 'all 12 jobs', timeoutMs: 5_000 });
    expect(mostRunning).toBeLessThanOrEqual(3);
    expect(mostRunning).toBeGreaterThan(1);
  });

  it('keeps working after a handler throws, including a throw that is not an Error', async () => {
    const { queue, time, name } = context;
    const failures: JobFailedEvent[] = [];
    const completed: string[] = [];
    queue.on('failed', (event) => failures.push(event));
    queue.on('completed', (event) => completed.push(event.job.name));
    await queue.process(
      name,
      async (job) => {
        if (job.name === 'throws') throw new Error('boom');
        if (job.name === 'throws-string') throw 'a string';
      },
      { concurrency: 1 },
    );
    await queue.enqueue(name, 'throws', {});
    await queue.enqueue(name, 'throws-string', {});
    await queue.enqueue(name, 'fine', {});
    await time.waitFor(() => completed.length === 1 && failures.length === 2, { what: 'all three outcomes' });
    expect(completed).toEqual(['fine']);
    expect(failures.map((event) => [event.job.name, event.willRetry])).toEqual([
      ['throws', false],
      ['throws-string', false],
    ]);
    for (const event of failures) expect(event.error).toBeInstanceOf(Error);
  });

  it('reports completed jobs to listeners until they unsubscribe', async () => {
    const { queue, time, name } = context;
    const heard: Array<{ id: string; durationMs: number }> = [];
    const unsubscribe = queue.on('completed', (event) =>
      heard.push({ id: event.job.id, durationMs: event.durationMs }),
    );
    let runs = 0;
    await queue.process(
      name,
      async () => {
        runs += 1;
      },
      { concurrency: 1 },
    );
    const id = await queue.enqueue(name, 'first', {});
    await time.waitFor(() => heard.length === 1, { what: 'the completed event' });
    unsubscribe();
    await queue.enqueue(name, 'second', {});
    await time.waitFor(() => runs === 2, { what: 'the second job' });
    await time.elapse(50);
    expect(heard).toHaveLength(1);
    expect(heard[0]!.id).toBe(id);
    expect(heard[0]!.durationMs).toBeGreaterThanOrEqual(0);
  });

  it('runs waiting jobs with the highest priority (the lowest number) first', async () => {
    const { queue, time, name } = context;
    await queue.enqueue(name, 'low', {}, { priority: 50 });
    await queue.enqueue(name, 'high', {}, { priority: 1 });
    await queue.enqueue(name, 'middle', {}, { priority: 10 });
    const order: string[] = [];
    await queue.process(name, async (job) => void order.push(job.name), { concurrency: 1 });
    await time.waitFor(() => order.length === 3, { what: 'all three jobs' });
    expect(order).toEqual(['high', 'middle', 'low']);
  });

  it('refuses a second handler for the same queue', async () => {
    const { queue, name } = context;
    await queue.process(name, async () => {}, { concurrency: 1 });
    await expect(queue.process(name, async () => {}, { concurrency: 1 })).rejects.toBeInstanceOf(
      ChatcartError,
    );
  });

  it('starts no jobs while paused, lets running ones finish, and continues after resume', async () => {
    const { queue, time, name } = context;
    const running = hold();
    const ran: string[] = [];
    await queue.process(
      name,
      async (job) => {
        ran.push(job.name);
        if (job.name === 'long') await running.wait();
      },
      { concurrency: 2 },
    );
    await queue.enqueue(name, 'long', {});
    await running.started;
    await queue.pause(name);
    await queue.enqueue(name, 'while-paused-1', {});
    await queue.enqueue(name, 'while-paused-2', {});
    running.release();
    await time.elapse(150);
    expect(ran).toEqual(['long']);
    expect(await queue.counts(name)).toMatchObject({ waiting: 2, active: 0, completed: 1 });
    await queue.resume(name);
    await time.waitFor(() => ran.length === 3, { what: 'the jobs enqueued while paused' });
  });

  it('pauses and resumes every queue when none is named', async () => {
    const { queue, time, name } = context;
    const ran: string[] = [];
    await queue.process(name, async (job) => void ran.push(job.queue), { concurrency: 1 });
    await queue.process(`${name}-b`, async (job) => void ran.push(job.queue), { concurrency: 1 });
    await queue.pause();
    await queue.enqueue(name, 'a', {});
    await queue.enqueue(`${name}-b`, 'b', {});
    await time.elapse(150);
    expect(ran).toEqual([]);
    await queue.resume();
    await time.waitFor(() => ran.length === 2, { what: 'both queues to run' });
  });

  it('counts jobs by state', async () => {
    const { queue, name } = context;
    const running = hold();
    await queue.enqueue(name, 'delayed', {}, { delayMs: 60_000 });
    await queue.enqueue(name, 'blocking', {});
    await queue.enqueue(name, 'waiting', {});
    expect(await queue.counts(name)).toEqual({ waiting: 2, delayed: 1, active: 0, completed: 0, failed: 0 });
    await queue.process(name, () => running.wait(), { concurrency: 1 });
    await running.started;
    expect(await queue.counts(name)).toEqual({ waiting: 1, delayed: 1, active: 1, completed: 0, failed: 0 });
    running.release();
  });

  it('waits for running jobs on close, then refuses new jobs', async () => {
    const { queue, name } = context;
    let finished = false;
    const started = deferred();
    await queue.process(
      name,
      async () => {
        started.resolve();
        await sleep(100);
        finished = true;
      },
      { concurrency: 1 },
    );
    await queue.enqueue(name, 'slow', {});
    await started.promise;
    const result = await queue.close({ deadlineMs: 5_000 });
    expect(finished).toBe(true);
    expect(result.abandoned).toBe(0);
    await expect(queue.enqueue(name, 'late', {})).rejects.toMatchObject({ code: 'QUEUE_CLOSED' });
  });

  it('starts no waiting job once closing', async () => {
    const { queue, name } = context;
    const running = hold();
    const ran: string[] = [];
    await queue.process(
      name,
      async (job) => {
        ran.push(job.name);
        if (job.name === 'first') await running.wait();
      },
      { concurrency: 1 },
    );
    await queue.enqueue(name, 'first', {});
    await queue.enqueue(name, 'second', {});
    await running.started;
    const closing = queue.close({ deadlineMs: 5_000 });
    await sleep(20);
    running.release();
    expect((await closing).abandoned).toBe(0);
    await sleep(50);
    expect(ran).toEqual(['first']);
  });

  it('stops waiting for running jobs when the close deadline passes', async () => {
    const { queue, name } = context;
    const running = hold();
    await queue.process(name, () => running.wait(), { concurrency: 1 });
    await queue.enqueue(name, 'stuck', {});
    await running.started;
    const startedClosing = Date.now();
    const result = await queue.close({ deadlineMs: 100 });
    expect(result.abandoned).toBe(1);
    expect(Date.now() - startedClosing).toBeLessThan(2_000);
  });
}
