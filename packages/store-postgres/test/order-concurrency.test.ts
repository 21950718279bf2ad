import { ConflictError } from '@chatcart/core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { deferred, draftOrder, eventOf, T0, uniqueName } from './support/fixtures.js';
import { createTestDatabase, databaseUrl, type TestDatabase } from './support/postgres-schema.js';

describe.skipIf(!databaseUrl)('PostgresOrderRepository under concurrent transactions', () => {
  let db: TestDatabase;
  beforeAll(async () => {
    db = await createTestDatabase();
  });
  afterAll(async () => {
    await db?.drop();
  });

  it('lets exactly one of a confirm and a cancel of the same order win, and keeps only the winner’s event', async () => {
    const org = uniqueName('org');
    const topic = uniqueName('order');
    await db.stores.repositories.orders.save(draftOrder(org, 'ord_1'));
    // Both transactions load version 1 before either writes, as two requests arriving together do.
    const bothLoaded = [deferred(), deferred()];
    const everyoneLoaded = Promise.all(bothLoaded.map((loaded) => loaded.promise));
    const attempt = (index: number, change: 'confirm' | 'cancel') =>
      db.stores.unitOfWork.run(async (tx) => {
        const order = await tx.orders.getById(org, 'ord_1');
        bothLoaded[index]?.resolve();
        await everyoneLoaded;
        if (change === 'confirm') order.confirm(T0 + 1_000);
        else order.cancel(T0 + 1_000, 'changed my mind');
        await tx.orders.save(order);
        await tx.outbox.append(eventOf(org, `evt_${change}_${topic}`, topic, { change }));
        return change;
      });

    const outcomes = await Promise.allSettled([attempt(0, 'confirm'), attempt(1, 'cancel')]);

    const winners = outcomes.flatMap((outcome) => (outcome.status === 'fulfilled' ? [outcome.value] : []));
    const losers = outcomes.flatMap((outcome) => (outcome.status === 'rejected' ? [outcome.reason] : []));
    expect(winners).toHaveLength(1);
    expect(losers).toHaveLength(1);
    expect(losers[0]).toBeInstanceOf(ConflictError);
    const stored = await db.stores.repositories.orders.getById(org, 'ord_1');
    expect(stored.version).toBe(2);
    expect(stored.status).toBe(winners[0] === 'confirm' ? 'CONFIRMED' : 'CANCELLED');
    const events = await db.stores.outbox.claimBatch({ limit: 10, topics: [topic] });
    expect(events.map((event) => event.payload)).toEqual([{ change: winners[0] }]);
  });

  it('lets the loser reload and apply its change on top of the winner’s', async () => {
    const org = uniqueName('org');
    await db.stores.repositories.orders.save(draftOrder(org, 'ord_2'));
    const stale = await db.stores.repositories.orders.getById(org, 'ord_2');
    const fresh = await db.stores.repositories.orders.getById(org, 'ord_2');
    fresh.confirm(T0 + 1_000);
    await db.stores.repositories.orders.save(fresh);
    stale.cancel(T0 + 2_000, 'too late');
    await expect(db.stores.repositories.orders.save(stale)).rejects.toBeInstanceOf(ConflictError);

    const reloaded = await db.stores.repositories.orders.getById(org, 'ord_2');
    reloaded.cancel(T0 + 2_000, 'changed my mind');
    await db.stores.repositories.orders.save(reloaded);
    expect((await db.stores.repositories.orders.getById(org, 'ord_2')).toSnapshot()).toMatchObject({
      status: 'CANCELLED',
      version: 3,
      confirmedAt: T0 + 1_000,
    });
  });
});
