import { type EnqueueOptions, type JsonValue, MemoryJobQueue, type OutboxMessage } from '@chatcart/core';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { createPostgresStores, OutboxRelay } from '../src/index.js';
import { deferred, draftOrder, eventOf, T0, uniqueName } from './support/fixtures.js';
import { createTestDatabase, databaseUrl, type TestDatabase, testPool } from './support/postgres-schema.js';

/** The shared job queue (Redis in production), counting every enqueue call per job id. */
class CountingQueue extends MemoryJobQueue {
  readonly calls = new Map<string, number>();

  override async enqueue(
    queue: string,
    name: string,
    payload: JsonValue,
    options?: EnqueueOptions,
  ): Promise<string> {
    const id = options?.jobId ?? '';
    this.calls.set(id, (this.calls.get(id) ?? 0) + 1);
    return super.enqueue(queue, name, payload, options);
  }
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** Relays until a batch comes out (a lease ran out), polling for at most ten seconds. */
async function relayWhenLeaseEnds(relay: OutboxRelay): Promise<number> {
  for (let attempt = 0; attempt < 200; attempt += 1) {
    const moved = await relay.relayOnce();
    if (moved > 0) return moved;
    await sleep(50);
  }
  return 0;
}

describe.skipIf(!databaseUrl)('OutboxRelay over PostgresOutbox', () => {
  let db: TestDatabase;
  let queue: CountingQueue;
  let topic: string;
  let org: string;
  const route = () => ({ queue: 'order-processing' });

  beforeAll(async () => {
    db = await createTestDatabase();
  });
  afterAll(async () => {
    await db?.drop();
  });
  afterEach(async () => {
    await queue.close();
  });

  function relay(outbox = db.stores.outbox, leaseMs = 60_000): OutboxRelay {
    return new OutboxRelay({ outbox, queue, route, topics: [topic], leaseMs });
  }

  async function confirmWithEvent(stores = db.stores, orderId = 'ord_1'): Promise<OutboxMessage> {
    await stores.repositories.orders.save(draftOrder(org, orderId));
    const event = eventOf(org, `evt_${orderId}_${topic}`, topic, { orderId });
    await stores.unitOfWork.run(async (tx) => {
      const order = await tx.orders.getById(org, orderId);
      order.confirm(T0 + 1_000);
      await tx.orders.save(order);
      await tx.outbox.append(event);
    });
    return event;
  }

  it('relays an event whose app instance stopped right after the commit, with the event id as the job id', async () => {
    queue = new CountingQueue();
    org = uniqueName('org');
    topic = uniqueName('order.confirmed');
    const crashedPool = testPool(2);
    const event = await confirmWithEvent(createPostgresStores({ pool: crashedPool, schema: db.schema }));
    await crashedPool.end();

    expect(await relay().relayOnce()).toBe(1);

    expect(queue.calls).toEqual(new Map([[event.id, 1]]));
    expect((await queue.counts('order-processing')).waiting).toBe(1);
    expect(await relay().relayOnce()).toBe(0);
  });

  it('relays again, de-duplicated by job id, when a relay dies between enqueueing and marking relayed', async () => {
    queue = new CountingQueue();
    org = uniqueName('org');
    topic = uniqueName('order.confirmed');
    const event = await confirmWithEvent();
    const relayPool = testPool(1);
    const dying = createPostgresStores({ pool: relayPool, schema: db.schema }).outbox;
    const enqueued = deferred();
    const dyingRelay = new OutboxRelay({
      outbox: {
        claimBatch: (options) => dying.claimBatch(options),
        // The process dies here: its connections go away before the batch is marked relayed.
        markRelayed: async () => {
          await relayPool.end();
          enqueued.resolve();
          throw new Error('the relay process died');
        },
      },
      queue,
      route,
      topics: [topic],
      leaseMs: 300,
    });

    await expect(dyingRelay.relayOnce()).rejects.toThrow('died');
    await enqueued.promise;
    // Another relay gets the batch once the dead relay's lease runs out.
    expect(await relayWhenLeaseEnds(relay())).toBe(1);

    expect(queue.calls.get(event.id)).toBe(2);
    expect((await queue.counts('order-processing')).waiting).toBe(1);
    expect(await relay().relayOnce()).toBe(0);
  });

  it('keeps neither the state change nor its event when the connection dies before the commit', async () => {
    queue = new CountingQueue();
    org = uniqueName('org');
    topic = uniqueName('order.confirmed');
    await db.stores.repositories.orders.save(draftOrder(org, 'ord_1'));
    const written = deferred();
    const terminated = deferred();
    const running = db.stores.unitOfWork.run(async (tx) => {
      const order = await tx.orders.getById(org, 'ord_1');
      order.confirm(T0 + 1_000);
      await tx.orders.save(order);
      await tx.outbox.append(eventOf(org, `evt_${topic}`, topic, { orderId: 'ord_1' }));
      written.resolve();
      await terminated.promise;
    });
    await written.promise;
    // The transaction's server process dies, as when the database restarts or the network drops.
    const killed = await db.pool.query(
      'SELECT pg_terminate_backend(pid) AS killed FROM pg_stat_activity ' +
        "WHERE state = 'idle in transaction' AND query LIKE $1",
      [`%"${db.schema}".outbox%`],
    );
    expect(killed.rows).toEqual([{ killed: true }]);
    terminated.resolve();

    await expect(running).rejects.toThrow();
    expect((await db.stores.repositories.orders.getById(org, 'ord_1')).status).toBe('DRAFT');
    expect(await relay().relayOnce()).toBe(0);
  });

  it('hands each of many events to exactly one of several relays running at once', async () => {
    queue = new CountingQueue();
    org = uniqueName('org');
    topic = uniqueName('order.confirmed');
    const events = Array.from({ length: 60 }, (_, index) =>
      eventOf(org, `evt_${index}_${topic}`, topic, { index }),
    );
    await db.stores.unitOfWork.run((tx) => tx.outbox.append(events));

    const relays = Array.from(
      { length: 4 },
      () => new OutboxRelay({ outbox: db.stores.outbox, queue, route, topics: [topic], batchSize: 7 }),
    );
    const relayed = await Promise.all(
      relays.map(async (each) => {
        let total = 0;
        for (let moved = await each.relayOnce(); moved > 0; moved = await each.relayOnce()) total += moved;
        return total;
      }),
    );

    expect(relayed.reduce((sum, count) => sum + count, 0)).toBe(60);
    expect([...queue.calls.values()].every((count) => count === 1)).toBe(true);
    expect([...queue.calls.keys()].sort()).toEqual(events.map((event) => event.id).sort());
  });
});
