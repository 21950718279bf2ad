import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { BullMQJobQueue } from '../src/index.js';
import { exited, spawnTypeScript } from './support/child-process.js';
import { FakeProvider } from './support/fake-provider.js';
import { obliterateQueues, redisUrl, requireRedis, uniquePrefix } from './support/redis.js';
import { until } from './support/until.js';

const available = await requireRedis();
const workerFile = fileURLToPath(new URL('./support/campaign-worker.ts', import.meta.url));
const RECIPIENTS = 5_000;

describe.skipIf(!available)('a campaign worker killed mid-campaign', () => {
  const prefix = uniquePrefix();
  let provider: FakeProvider;
  let queue: BullMQJobQueue;

  beforeAll(async () => {
    provider = await FakeProvider.start();
    queue = new BullMQJobQueue({
      connection: redisUrl,
      prefix,
      retention: { completed: { maxCount: 10_000 } },
    });
  });

  afterAll(async () => {
    await queue.close({ deadlineMs: 1_000 });
    await provider.close();
    await obliterateQueues(prefix);
  });

  function startWorker(mode: 'crash' | 'signals') {
    const child = spawnTypeScript(workerFile, [], {
      REDIS_URL: redisUrl,
      PREFIX: prefix,
      PROVIDER_URL: provider.url,
      CONCURRENCY: '20',
      MODE: mode,
      // Under SIGTERM, sends must be truly in flight when the signal lands.
      SEND_DELAY_MS: mode === 'signals' ? '100' : '0',
    });
    let stderr = '';
    child.stderr?.on('data', (chunk: Buffer) => {
      stderr += chunk.toString();
    });
    const ready = (async () => {
      for await (const chunk of child.stdout!) if (String(chunk).includes('ready')) return;
      throw new Error(`worker exited before it was ready: ${stderr}`);
    })();
    return { child, ready };
  }

  it('sends every recipient exactly one message after a SIGKILL and a restart', async () => {
    const jobs = Array.from({ length: RECIPIENTS }, (_, n) => ({
      name: 'send-message',
      payload: { to: `+1555${String(n).padStart(7, '0')}` },
      options: { jobId: `campaign_cmp_1_${n}`, attempts: 3 },
    }));
    await queue.enqueueMany('campaigns', jobs);

    const first = startWorker('crash');
    await first.ready;
    await until(() => provider.deliveries >= 1_000, 30_000, '1 000 deliveries before the kill');
    first.child.kill('SIGKILL');
    await exited(first.child);
    const atKill = provider.deliveries;
    expect(atKill).toBeLessThan(RECIPIENTS);

    const second = startWorker('crash');
    await second.ready;
    await until(
      async () => {
        const counts = await queue.counts('campaigns');
        return counts.completed === RECIPIENTS;
      },
      40_000,
      'every job to complete',
    );
    second.child.kill('SIGKILL');
    await exited(second.child);

    expect(provider.delivered.size).toBe(RECIPIENTS);
    expect([...provider.delivered.values()].every((count) => count === 1)).toBe(true);
    // Only sends on the wire at the kill reach the provider twice (and its idempotency key absorbs them);
    // jobs that had sent but not completed are stopped by the send record.
    const replayed = provider.requests.filter((request) => request.status === 200).length;
    expect(replayed).toBeLessThanOrEqual(20);
    expect(await queue.counts('campaigns')).toMatchObject({ waiting: 0, active: 0, delayed: 0, failed: 0 });
  }, 90_000);

  it('finishes the jobs in flight on SIGTERM, exits 0, and leaves the rest for the next worker', async () => {
    const jobs = Array.from({ length: 300 }, (_, n) => ({
      name: 'send-message',
      payload: { to: `+1666${String(n).padStart(7, '0')}` },
      options: { jobId: `campaign_cmp_2_${n}` },
    }));
    await queue.enqueueMany('campaigns', jobs);
    const before = provider.deliveries;
    const worker = startWorker('signals');
    await worker.ready;
    await until(() => provider.deliveries - before >= 50, 20_000, '50 deliveries');
    worker.child.kill('SIGTERM');
    expect(await exited(worker.child)).toBe(0);
    const counts = await queue.counts('campaigns');
    expect(counts.active).toBe(0);
    expect(counts.waiting).toBe(before + 300 - provider.deliveries);

    const next = startWorker('signals');
    await next.ready;
    await until(() => provider.deliveries === before + 300, 20_000, 'the rest of the campaign');
    next.child.kill('SIGTERM');
    expect(await exited(next.child)).toBe(0);
    expect([...provider.delivered.values()].every((count) => count === 1)).toBe(true);
  }, 60_000);
});
