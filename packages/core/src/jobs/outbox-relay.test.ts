import { describe, expect, it } from 'vitest';
import { MemoryJobQueue } from '../memory/memory-job-queue.js';
import { MemoryOutbox } from '../memory/memory-outbox.js';
import { MemoryUnitOfWork } from '../memory/memory-unit-of-work.js';
import type { Job, JobQueue } from '../ports/job-queue.js';
import type { OutboxMessage } from '../ports/unit-of-work.js';
import { CapturingLogger } from '../testing/capturing-logger.js';
import { ManualClock } from '../testing/manual-clock.js';
import { ManualScheduler } from '../testing/manual-scheduler.js';
import { OutboxRelay } from './outbox-relay.js';

const T0 = Date.parse('2026-01-01T00:00:00Z');
const DAY = 86_400_000;

function setup() {
  const scheduler = new ManualScheduler(new ManualClock(T0));
  const outbox = new MemoryOutbox({ clock: scheduler.clock });
  const unitOfWork = new MemoryUnitOfWork((tx) => ({ outbox: outbox.within(tx) }));
  const queue = new MemoryJobQueue({ scheduler });
  const jobs: Job[] = [];
  for (const name of ['order-processing', 'invoice-processing', 'reminders', 'campaigns']) {
    void queue.process(name, async (job) => void jobs.push(job), { concurrency: 4 });
  }
  const append = (...messages: OutboxMessage[]) => unitOfWork.run((tx) => tx.outbox.append(messages));
  return { scheduler, outbox, queue, jobs, append };
}

function event(id: string, topic: string, payload: Record<string, unknown> = {}): OutboxMessage {
  return {
    id,
    organizationId: 'org_1',
    topic,
    payload: { type: topic, aggregateId: 'agg_1', organizationId: 'org_1', occurredAt: T0, payload } as never,
    occurredAt: T0,
  };
}

describe('OutboxRelay', () => {
  it('routes each topic to its queue and job name, with the message id as the job id', async () => {
    const { scheduler, outbox, queue, jobs, append } = setup();
    await append(
      event('evt_1', 'order.confirmed'),
      event('evt_2', 'invoice.issued'),
      event('evt_3', 'campaign.started'),
      event('evt_4', 'campaign.resumed'),
      event('evt_5', 'order.item_added'),
    );
    const relay = new OutboxRelay({ outbox, queue, scheduler });
    expect(await relay.relayOnce()).toEqual({ claimed: 5, enqueued: 4, skipped: 1, failed: 0 });
    await queue.whenIdle();
    expect(jobs.map((job) => [job.queue, job.name, job.id])).toEqual([
      ['order-processing', 'order-confirmed', 'evt_1'],
      ['invoice-processing', 'invoice-issued', 'evt_2'],
      ['campaigns', 'fan-out-campaign', 'evt_3'],
      ['campaigns', 'fan-out-campaign', 'evt_4'],
    ]);
    expect(jobs[0]?.payload).toMatchObject({ type: 'order.confirmed', aggregateId: 'agg_1' });
    expect(await relay.relayOnce()).toEqual({ claimed: 0, enqueued: 0, skipped: 0, failed: 0 });
  });

  it('delays reminder jobs until the reminder is due', async () => {
    const { scheduler, outbox, queue, jobs, append } = setup();
    await append(
      event('evt_1', 'reminder.scheduled', { scheduledFor: T0 + 2 * DAY }),
      event('evt_2', 'reminder.rescheduled', { from: T0 + 2 * DAY, to: T0 + 3 * DAY }),
    );
    await new OutboxRelay({ outbox, queue, scheduler }).relayOnce();
    expect((await queue.counts('reminders')).delayed).toBe(2);
    await scheduler.advance(2 * DAY);
    await queue.whenIdle();
    expect(jobs.map((job) => job.id)).toEqual(['evt_1']);
    await scheduler.advance(DAY);
    await queue.whenIdle();
    expect(jobs.map((job) => job.id)).toEqual(['evt_1', 'evt_2']);
  });

  it('enqueues a message relayed twice (a relay died before marking it) as one job', async () => {
    const { scheduler, outbox, queue, jobs, append } = setup();
    await append(event('evt_1', 'order.confirmed'));
    const crashed = await outbox.claimBatch({ limit: 10, leaseMs: 1_000 });
    await queue.enqueue('order-processing', 'order-confirmed', crashed[0]!.payload, { jobId: 'evt_1' });
    await scheduler.advance(1_000); // the dead relay's lease runs out
    const result = await new OutboxRelay({ outbox, queue, scheduler }).relayOnce();
    expect(result.enqueued).toBe(1);
    await queue.whenIdle();
    expect(jobs.map((job) => job.id)).toEqual(['evt_1']);
  });

  it('never relays a message twice when several relays run at once', async () => {
    const { scheduler, outbox, queue, jobs, append } = setup();
    const messages = Array.from({ length: 250 }, (_, i) => event(`evt_${i + 1}`, 'order.confirmed'));
    await append(...messages);
    const relays = [1, 2, 3].map(() => new OutboxRelay({ outbox, queue, scheduler, batchSize: 20 }));
    const moved = await Promise.all(relays.map((relay) => relay.relayAll()));
    expect(moved.reduce((a, b) => a + b, 0)).toBe(250);
    await queue.whenIdle();
    expect(new Set(jobs.map((job) => job.id)).size).toBe(250);
    expect(jobs).toHaveLength(250);
  });

  it('keeps a message whose enqueue failed, and relays it once its lease ends', async () => {
    const { scheduler, outbox, queue, jobs, append } = setup();
    await append(event('evt_1', 'order.confirmed'), event('evt_2', 'invoice.issued'));
    let failOnce = true;
    const flaky: JobQueue = Object.create(queue, {
      enqueue: {
        value: async (...args: Parameters<JobQueue['enqueue']>) => {
          if (args[0] === 'invoice-processing' && failOnce) {
            failOnce = false;
            throw new Error('redis down');
          }
          return queue.enqueue(...args);
        },
      },
    });
    const logger = new CapturingLogger();
    const relay = new OutboxRelay({ outbox, queue: flaky, scheduler, leaseMs: 5_000, logger });
    expect(await relay.relayOnce()).toMatchObject({ enqueued: 1, failed: 1 });
    expect(logger.lines.some((line) => line.level === 'error')).toBe(true);
    expect((await relay.relayOnce()).claimed).toBe(0);
    await scheduler.advance(5_000);
    expect(await relay.relayOnce()).toMatchObject({ enqueued: 1, failed: 0 });
    await queue.whenIdle();
    expect(jobs.map((job) => job.id).sort()).toEqual(['evt_1', 'evt_2']);
  });

  it('polls on the scheduler while started, and stops cleanly', async () => {
    const { scheduler, outbox, queue, jobs, append } = setup();
    const relay = new OutboxRelay({ outbox, queue, scheduler, pollIntervalMs: 1_000 });
    relay.start();
    await append(event('evt_1', 'order.confirmed'));
    await scheduler.advance(0);
    await scheduler.advance(1_000);
    await queue.whenIdle();
    expect(jobs.map((job) => job.id)).toEqual(['evt_1']);
    await append(event('evt_2', 'order.confirmed'));
    relay.kick();
    await scheduler.advance(0);
    await queue.whenIdle();
    expect(jobs.map((job) => job.id)).toEqual(['evt_1', 'evt_2']);
    await relay.stop();
    expect(relay.running).toBe(false);
    await append(event('evt_3', 'order.confirmed'));
    await scheduler.advance(10_000);
    await queue.whenIdle();
    expect(jobs).toHaveLength(2);
    expect(scheduler.pending).toBe(0);
  });
});
