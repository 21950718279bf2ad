/**
 * A campaign worker run as its own process by the crash and shutdown tests. Each job sends one message to
 * the fake provider, guarded by an at-most-once send record in Redis, so a job re-run after its worker died
 * (between the send and BullMQ recording it as completed) does not send again; the provider's
 * idempotency key covers the send that was on the wire when the process died.
 *
 * Environment: REDIS_URL, PREFIX, PROVIDER_URL, CONCURRENCY, SEND_DELAY_MS, MODE (`crash` | `signals`).
 */
import type { Job } from '@chatcart/core';
import { Redis } from 'ioredis';
import { runWorker } from '../../src/index.js';
import { sendTo } from './fake-provider.js';

const env = (name: string): string => {
  const value = process.env[name];
  if (value === undefined) throw new Error(`${name} is not set`);
  return value;
};
const prefix = env('PREFIX');
const providerUrl = env('PROVIDER_URL');
const sendDelayMs = Number(process.env.SEND_DELAY_MS ?? '0');
const records = new Redis(env('REDIS_URL'));

async function sendOnce(job: Job): Promise<void> {
  const record = `${prefix}:sent:${job.id}`;
  if ((await records.exists(record)) === 1) return;
  if (sendDelayMs > 0) await new Promise((resolve) => setTimeout(resolve, sendDelayMs));
  await sendTo(providerUrl, (job.payload as { to: string }).to, job.id);
  await records.set(record, '1', 'EX', 3_600);
}

const worker = await runWorker({
  queue: { connection: env('REDIS_URL'), prefix, lockDurationMs: 1_000, stalledIntervalMs: 500 },
  handlers: { campaigns: { handler: sendOnce, concurrency: Number(process.env.CONCURRENCY ?? '20') } },
  handleSignals: process.env.MODE === 'signals',
  shutdownDeadlineMs: 10_000,
  exit: (code) => {
    void records.quit().finally(() => process.exit(code));
  },
});
worker.queue.on('completed', () => {});
process.stdout.write('ready\n');
