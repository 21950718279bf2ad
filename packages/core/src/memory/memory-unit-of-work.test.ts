import { describe, expect, it } from 'vitest';
import { ConflictError } from '../domain/errors.js';
import { MemoryOutbox } from './memory-outbox.js';
import { type MemoryTransaction, MemoryUnitOfWork } from './memory-unit-of-work.js';

/** A versioned key-value store taking part in memory transactions, as future memory repositories will. */
class VersionedStore {
  readonly committed = new Map<string, { value: string; version: number }>();

  within(tx: MemoryTransaction) {
    return {
      save: async (key: string, value: string, expectedVersion: number) => {
        tx.beforeCommit(() => {
          const actual = this.committed.get(key)?.version ?? 0;
          if (actual !== expectedVersion) throw new ConflictError('Thing', key, expectedVersion, actual);
        });
        tx.onCommit(() => this.committed.set(key, { value, version: expectedVersion + 1 }));
      },
    };
  }
}

describe('MemoryUnitOfWork', () => {
  function setUp() {
    const outbox = new MemoryOutbox();
    const things = new VersionedStore();
    const unitOfWork = new MemoryUnitOfWork((tx) => ({
      outbox: outbox.within(tx),
      things: things.within(tx),
    }));
    return { outbox, things, unitOfWork };
  }

  it('applies every write of a transaction when its work resolves', async () => {
    const { outbox, things, unitOfWork } = setUp();
    await unitOfWork.run(async (tx) => {
      await tx.things.save('a', 'first', 0);
      await tx.outbox.append({
        id: 'evt_1',
        organizationId: 'org_1',
        topic: 't',
        payload: null,
        occurredAt: 0,
      });
    });
    expect(things.committed.get('a')).toEqual({ value: 'first', version: 1 });
    expect(await outbox.claimBatch({ limit: 10 })).toHaveLength(1);
  });

  it('applies nothing when a commit check fails, and rejects with the check’s error', async () => {
    const { outbox, things, unitOfWork } = setUp();
    await unitOfWork.run((tx) => tx.things.save('a', 'first', 0));
    await expect(
      unitOfWork.run(async (tx) => {
        await tx.outbox.append({
          id: 'evt_1',
          organizationId: 'org_1',
          topic: 't',
          payload: null,
          occurredAt: 0,
        });
        await tx.things.save('a', 'stale', 0);
      }),
    ).rejects.toBeInstanceOf(ConflictError);
    expect(things.committed.get('a')).toEqual({ value: 'first', version: 1 });
    expect(await outbox.claimBatch({ limit: 10 })).toEqual([]);
  });

  it('ends the transaction either way, telling clean-ups whether it committed', async () => {
    const ended: boolean[] = [];
    const unitOfWork = new MemoryUnitOfWork((tx) => {
      tx.onEnd((committed) => ended.push(committed));
      return { outbox: new MemoryOutbox().within(tx) };
    });
    await unitOfWork.run(async () => {});
    await unitOfWork.run(async () => Promise.reject(new Error('no'))).catch(() => {});
    expect(ended).toEqual([true, false]);
  });
});
