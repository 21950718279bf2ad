import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { ValidationError } from '../../domain/errors.js';
import type { Job, JobFailedEvent, JobQueue } from '../../ports/job-queue.js';
import type { JsonValue } from '../../ports/session-store.js';
import { type ContractClock, contractTime, uniqueSuffix } from './contract-time.js';
import { describeJobQueueWorkerContract } from './job-queue-worker.contract.js';

/** What the job-queue contract needs from an implementation under test. */
export interface JobQueueHarness {
  /** A queue for one test; the contract closes it after the test. */
  readonly queue: JobQueue;
  /**
   * The queue's clock, when the test can move it (for `MemoryJobQueue`, a `ManualScheduler`); without one
   * the delay and retry tests wait real time (under a second each).
   */
  readonly clock?: ContractClock;
  /** Frees what the harness created (connections, keys); runs after the queue was closed. */
  cleanup?(): void | Promise<void>;
}

/** The state the two halves of the job-queue contract share (internal to the contract suite). */
export interface JobQueueContractContext {
  harness: JobQueueHarness;
  queue: JobQueue;
  time: ReturnType<typeof contractTime>;
  /** A queue name no other test uses, so suites can share one Redis. */
  name: string;
  /** Releases jobs a test left hanging, before the queue is closed. */
  readonly onTeardown: Array<() => void>;
}

/**
 * Registers the behavioural tests every `JobQueue` must pass: delivery, job-id de-duplication, validation,
 * delays, retries with backoff, concurrency limits, pause and resume, listener events and graceful close.
 * Every test uses queues of its own, so suites can run in parallel against one server.
 *
 * @example
 * ```ts
 * describeJobQueueContract('MemoryJobQueue (manual time)', () => {
 *   const scheduler = new ManualScheduler();
 *   return { queue: new MemoryJobQueue({ scheduler }), clock: scheduler };
 * });
 * ```
 */
export function describeJobQueueContract(
  name: string,
  createHarness: () => JobQueueHarness | Promise<JobQueueHarness>,
): void {
  describe(`${name} (JobQueue contract)`, () => {
    const context = { onTeardown: [] as Array<() => void> } as unknown as JobQueueContractContext;

    beforeEach(async () => {
      context.harness = await createHarness();
      context.queue = context.harness.queue;
      context.time = contractTime(context.harness.clock);
      context.name = `contract-${uniqueSuffix()}`;
    });

    afterEach(async () => {
      for (const release of context.onTeardown.splice(0)) release();
      await context.queue.close({ deadlineMs: 1_000 });
      await context.harness.cleanup?.();
    });

    describeJobQueueDeliveryContract(context);
    describeJobQueueWorkerContract(context);
  });
}

function describeJobQueueDeliveryContract(context: JobQueueContractContext): void {
  /** Registers a handler that records every job it is handed, optionally failing. */
  async function record(options: { fail?: (job: Job) => boolean; queue?: string } = {}) {
    const runs: Array<{ job: Job; at: number }> = [];
    await context.queue.process(
      options.queue ?? context.name,
      async (job) => {
        runs.push({ job, at: context.time.now() });
        if (options.fail?.(job)) throw new Error(`attempt ${job.attempt} failed`);
      },
      { concurrency: 1 },
    );
    return runs;
  }

  it('runs an enqueued job once, handing the handler its id, name, payload and attempt', async () => {
    const { queue, time, name } = context;
    const runs = await record();
    const before = time.now();
    const payload = { orderId: 'ord_1', lines: [{ sku: 'A', quantity: 2 }], note: 'café ✓' };
    const id = await queue.enqueue(name, 'issue-invoice', payload);
    await time.waitFor(() => runs.length === 1, { what: 'the job to run' });
    await time.elapse(50);
    expect(runs).toHaveLength(1);
    const job = runs[0]!.job;
    expect(job).toMatchObject({
      id,
      queue: name,
      name: 'issue-invoice',
      payload,
      attempt: 1,
      maxAttempts: 1,
    });
    expect(job.enqueuedAt).toBeGreaterThanOrEqual(before - 25);
    expect(job.enqueuedAt).toBeLessThanOrEqual(time.now() + 25);
  });

  it('runs jobs enqueued before the handler was registered', async () => {
    const { queue, time, name } = context;
    await queue.enqueue(name, 'early', { n: 1 });
    await queue.enqueue(name, 'early', { n: 2 });
    const runs = await record();
    await time.waitFor(() => runs.length === 2, { what: 'both jobs to run' });
    expect(runs.map((run) => run.job.payload)).toEqual([{ n: 1 }, { n: 2 }]);
  });

  it('gives jobs enqueued without a jobId distinct ids without ":"', async () => {
    const { queue, name } = context;
    const ids = await Promise.all([1, 2, 3].map((n) => queue.enqueue(name, 'anonymous', { n })));
    expect(new Set(ids).size).toBe(3);
    for (const id of ids) expect(id).not.toContain(':');
  });

  it('runs a job enqueued twice with the same jobId only once', async () => {
    const { queue, time, name } = context;
    const first = await queue.enqueue(name, 'confirm', { n: 1 }, { jobId: 'order-confirmed_ord_1' });
    const second = await queue.enqueue(name, 'confirm', { n: 2 }, { jobId: 'order-confirmed_ord_1' });
    expect([first, second]).toEqual(['order-confirmed_ord_1', 'order-confirmed_ord_1']);
    expect((await queue.counts(name)).waiting).toBe(1);
    const runs = await record();
    await time.waitFor(() => runs.length === 1, { what: 'the job to run' });
    await time.elapse(100);
    expect(runs.map((run) => run.job.payload)).toEqual([{ n: 1 }]);
  });

  it('does not run a finished job again when its jobId is enqueued again', async () => {
    const { queue, time, name } = context;
    const runs = await record();
    let completed = 0;
    queue.on('completed', () => {
      completed += 1;
    });
    await queue.enqueue(name, 'confirm', {}, { jobId: 'evt_42' });
    await time.waitFor(() => completed === 1, { what: 'the job to complete' });
    await queue.enqueue(name, 'confirm', {}, { jobId: 'evt_42' });
    await time.elapse(100);
    expect(runs).toHaveLength(1);
  });

  it('keeps job ids per queue: the same jobId on two queues is two jobs', async () => {
    const { queue, time, name } = context;
    const runs = await record();
    const otherRuns = await record({ queue: `${name}-other` });
    await queue.enqueue(name, 'same', {}, { jobId: 'shared_1' });
    await queue.enqueue(`${name}-other`, 'same', {}, { jobId: 'shared_1' });
    await time.waitFor(() => runs.length === 1 && otherRuns.length === 1, { what: 'both jobs to run' });
  });

  it('refuses job ids containing ":" or looking like integers, enqueueing nothing', async () => {
    const { queue, name } = context;
    await expect(queue.enqueue(name, 'bad', {}, { jobId: 'order:1' })).rejects.toBeInstanceOf(
      ValidationError,
    );
    await expect(queue.enqueue(name, 'bad', {}, { jobId: '123' })).rejects.toBeInstanceOf(ValidationError);
    await expect(queue.enqueue(`${name}:x`, 'bad', {})).rejects.toBeInstanceOf(ValidationError);
    expect(await queue.counts(name)).toEqual({ waiting: 0, delayed: 0, active: 0, completed: 0, failed: 0 });
  });

  it('refuses payloads and options that are not valid, naming the field', async () => {
    const { queue, name } = context;
    const notJson = [
      { at: new Date() },
      { n: Number.NaN },
      { f: () => 1 },
      undefined,
    ] as unknown as JsonValue[];
    for (const payload of notJson) {
      await expect(queue.enqueue(name, 'bad', payload)).rejects.toBeInstanceOf(ValidationError);
    }
    for (const options of [{ delayMs: -1 }, { attempts: 0 }, { attempts: 1.5 }, { priority: 0.5 }]) {
      await expect(queue.enqueue(name, 'bad', {}, options)).rejects.toBeInstanceOf(ValidationError);
    }
    expect((await queue.counts(name)).waiting).toBe(0);
  });

  it('runs a delayed job no earlier than its time, and soon after it', async () => {
    const { queue, time, name } = context;
    const runs = await record();
    const enqueuedAt = time.now();
    await queue.enqueue(name, 'remind', { reminderId: 'rem_1' }, { delayMs: 300 });
    expect((await queue.counts(name)).delayed).toBe(1);
    await time.elapse(150);
    expect(runs).toHaveLength(0);
    await time.waitFor(() => runs.length === 1, { what: 'the delayed job to run' });
    const ranAfter = runs[0]!.at - enqueuedAt;
    expect(ranAfter).toBeGreaterThanOrEqual(295);
    expect(ranAfter).toBeLessThan(1_300);
  });

  it('runs delayed jobs in the order they fall due', async () => {
    const { queue, time, name } = context;
    const runs = await record();
    await queue.enqueue(name, 'late', {}, { delayMs: 200 });
    await queue.enqueue(name, 'early', {}, { delayMs: 100 });
    await time.waitFor(() => runs.length === 2, { what: 'both delayed jobs to run' });
    expect(runs.map((run) => run.job.name)).toEqual(['early', 'late']);
  });

  it('retries a failing job with growing exponential backoff and reports its final failure', async () => {
    const { queue, time, name } = context;
    const failures: JobFailedEvent[] = [];
    queue.on('failed', (event) => failures.push(event));
    const runs = await record({ fail: () => true });
    await queue.enqueue(name, 'flaky', {}, { attempts: 3, backoff: { type: 'exponential', delayMs: 100 } });
    await time.waitFor(() => failures.some((event) => !event.willRetry), { what: 'the final failure' });
    expect(runs.map((run) => run.job.attempt)).toEqual([1, 2, 3]);
    expect(runs.every((run) => run.job.maxAttempts === 3)).toBe(true);
    const [first, second, third] = runs.map((run) => run.at) as [number, number, number];
    expect(second - first).toBeGreaterThanOrEqual(95);
    expect(third - second).toBeGreaterThanOrEqual(195);
    expect(third - second).toBeGreaterThan(second - first);
    expect(third - first).toBeLessThan(2_000);
    expect(failures.map((event) => event.willRetry)).toEqual([true, true, false]);
    expect(failures[2]!.error).toBeInstanceOf(Error);
    expect(failures[2]!.error.message).toBe('attempt 3 failed');
    expect(await queue.counts(name)).toMatchObject({ failed: 1, completed: 0, delayed: 0, waiting: 0 });
  });

  it('completes a job that succeeds on a retry after a fixed backoff', async () => {
    const { queue, time, name } = context;
    const runs = await record({ fail: (job) => job.attempt === 1 });
    const completed: string[] = [];
    queue.on('completed', (event) => completed.push(event.job.id));
    const id = await queue.enqueue(
      name,
      'flaky',
      {},
      { attempts: 5, backoff: { type: 'fixed', delayMs: 100 } },
    );
    await time.waitFor(() => completed.length === 1, { what: 'the retry to complete' });
    expect(completed).toEqual([id]);
    expect(runs.map((run) => run.job.attempt)).toEqual([1, 2]);
    expect(runs[1]!.at - runs[0]!.at).toBeGreaterThanOrEqual(95);
    expect(await queue.counts(name)).toMatchObject({ completed: 1, failed: 0 });
  });

  it('hands every attempt a fresh copy of the payload', async () => {
    const { queue, time, name } = context;
    const seen: JsonValue[] = [];
    await queue.process(
      name,
      async (job) => {
        seen.push(structuredClone(job.payload));
        (job.payload as { items: string[] }).items.push('mutated');
        if (job.attempt === 1) throw new Error('first attempt fails');
      },
      { concurrency: 1 },
    );
    await queue.enqueue(
      name,
      'mutating',
      { items: ['a'] },
      { attempts: 2, backoff: { type: 'fixed', delayMs: 0 } },
    );
    await time.waitFor(() => seen.length === 2, { what: 'the retry' });
    expect(seen).toEqual([{ items: ['a'] }, { items: ['a'] }]);
  });
}
