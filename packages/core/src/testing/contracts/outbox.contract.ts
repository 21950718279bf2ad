import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Outbox, OutboxMessage, TransactionContext, UnitOfWork } from '../../ports/unit-of-work.js';
import {
  type ContractClock,
  type ContractTime,
  contractTime,
  deferred,
  uniqueSuffix,
} from './contract-time.js';

/** What the outbox contract needs: a unit of work whose transactions append, and the relay's view. */
export interface OutboxHarness {
  readonly unitOfWork: UnitOfWork<TransactionContext>;
  readonly outbox: Outbox;
  /** The outbox's clock (leases are measured on it), when the test can move it; otherwise real time. */
  readonly clock?: ContractClock;
  /** Frees what the harness created (connections, rows); runs after every test. */
  cleanup?(): void | Promise<void>;
}

/**
 * Registers the behavioural tests every `UnitOfWork` + `Outbox` pair must pass: appends appear only when
 * their transaction commits, batches are claimed oldest first under a lease that keeps other relays off,
 * relayed messages never come back. Each test claims only topics of its own, so suites can share one
 * database.
 *
 * @example
 * ```ts
 * describeOutboxContract('MemoryOutbox', () => {
 *   const clock = new ManualClock(0);
 *   const outbox = new MemoryOutbox({ clock });
 *   return { outbox, clock, unitOfWork: new MemoryUnitOfWork((tx) => ({ outbox: outbox.within(tx) })) };
 * });
 * ```
 */
export function describeOutboxContract(
  name: string,
  createHarness: () => OutboxHarness | Promise<OutboxHarness>,
): void {
  describe(`${name} (Outbox contract)`, () => {
    let harness: OutboxHarness;
    let time: ContractTime;
    let suffix: string;
    let topic: string;
    let count = 0;

    beforeEach(async () => {
      harness = await createHarness();
      time = contractTime(harness.clock);
      suffix = uniqueSuffix();
      topic = `contract.${suffix}`;
    });

    afterEach(async () => {
      await harness.cleanup?.();
    });

    function message(overrides: Partial<OutboxMessage> = {}): OutboxMessage {
      count += 1;
      return {
        id: `evt_${suffix}_${count}`,
        organizationId: `org_${suffix}`,
        topic,
        payload: { orderId: `ord_${count}`, note: 'déjà vu ✓', lines: [{ sku: 'A', quantity: 1 }] },
        occurredAt: time.now(),
        ...overrides,
      };
    }

    function claim(limit = 100, leaseMs?: number) {
      return harness.outbox.claimBatch({
        limit,
        topics: [topic],
        ...(leaseMs === undefined ? {} : { leaseMs }),
      });
    }

    it('hands the relay what a committed transaction appended, field for field', async () => {
      const first = message();
      const second = message();
      const result = await harness.unitOfWork.run(async (tx) => {
        await tx.outbox.append(first);
        await tx.outbox.append([second]);
        return 'done';
      });
      expect(result).toBe('done');
      expect(await claim()).toEqual([first, second]);
    });

    it('keeps nothing a rolled-back transaction appended, and rejects with the work’s own error', async () => {
      const failure = new Error('the order could not be confirmed');
      await expect(
        harness.unitOfWork.run(async (tx) => {
          await tx.outbox.append(message());
          throw failure;
        }),
      ).rejects.toBe(failure);
      expect(await claim()).toEqual([]);
    });

    it('shows the relay nothing of a transaction before it commits', async () => {
      const appended = deferred();
      const commit = deferred();
      const running = harness.unitOfWork.run(async (tx) => {
        await tx.outbox.append(message());
        appended.resolve();
        await commit.promise;
      });
      await appended.promise;
      expect(await claim()).toEqual([]);
      commit.resolve();
      await running;
      expect(await claim()).toHaveLength(1);
    });

    it('claims at most the limit, oldest first', async () => {
      const base = time.now();
      const later = message({ occurredAt: base + 20 });
      const earliest = message({ occurredAt: base });
      const middle = message({ occurredAt: base + 10 });
      await harness.unitOfWork.run((tx) => tx.outbox.append([later, earliest, middle]));
      expect((await claim(2)).map((claimed) => claimed.id)).toEqual([earliest.id, middle.id]);
    });

    it('does not hand a claimed message out again while its lease lasts', async () => {
      await harness.unitOfWork.run((tx) => tx.outbox.append([message(), message()]));
      expect(await claim(1, 60_000)).toHaveLength(1);
      expect(await claim(10, 60_000)).toHaveLength(1);
      expect(await claim(10, 60_000)).toEqual([]);
    });

    it('hands a message out again once its lease ran out without markRelayed', async () => {
      const appended = message();
      await harness.unitOfWork.run((tx) => tx.outbox.append(appended));
      expect(await claim(10, 100)).toHaveLength(1);
      await time.elapse(30);
      expect(await claim(10, 100)).toEqual([]);
      await time.elapse(150);
      expect(await claim(10, 100)).toEqual([appended]);
    });

    it('never hands out a message marked relayed, even after its lease', async () => {
      const [relayed, pending] = [message(), message()];
      await harness.unitOfWork.run((tx) => tx.outbox.append([relayed, pending]));
      const batch = await claim(10, 100);
      await harness.outbox.markRelayed([relayed.id, 'evt_unknown']);
      await time.elapse(150);
      expect(batch).toHaveLength(2);
      expect(await claim(10, 100)).toEqual([pending]);
    });

    it('never gives the same message to two relays claiming at once', async () => {
      const appended = Array.from({ length: 20 }, () => message());
      await harness.unitOfWork.run((tx) => tx.outbox.append(appended));
      const batches = await Promise.all(Array.from({ length: 6 }, () => claim(4, 60_000)));
      const ids = batches.flat().map((claimed) => claimed.id);
      expect(new Set(ids).size).toBe(ids.length);
      expect(ids.length).toBe(20);
    });

    it('claims only the topics asked for', async () => {
      const other = message({ topic: `${topic}.other` });
      const mine = message();
      await harness.unitOfWork.run((tx) => tx.outbox.append([other, mine]));
      expect(await claim()).toEqual([mine]);
      expect(await harness.outbox.claimBatch({ limit: 10, topics: [other.topic] })).toEqual([other]);
    });

    it('keeps concurrent transactions apart: one rolling back loses only its own messages', async () => {
      const kept = message();
      const lost = message();
      const outcomes = await Promise.allSettled([
        harness.unitOfWork.run((tx) => tx.outbox.append(kept)),
        harness.unitOfWork.run(async (tx) => {
          await tx.outbox.append(lost);
          throw new Error('rolled back');
        }),
      ]);
      expect(outcomes.map((outcome) => outcome.status)).toEqual(['fulfilled', 'rejected']);
      expect(await claim()).toEqual([kept]);
    });
  });
}
