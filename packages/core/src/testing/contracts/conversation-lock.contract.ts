import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { ChatcartError } from '../../domain/errors.js';
import type { ConversationLock } from '../../ports/conversation-lock.js';

/** What the conversation-lock contract needs from an implementation under test. */
export interface ConversationLockHarness {
  /**
   * A handle on the locks under test. Handles from one harness share their locks, as app instances sharing
   * a store do; an implementation with no notion of instances may return the same object every time.
   */
  instance(): ConversationLock | Promise<ConversationLock>;
  /**
   * Makes `instance` behave as an app instance whose process died: it stops renewing its leases and never
   * releases them.
   */
  crash(instance: ConversationLock): void | Promise<void>;
  /** Frees what the harness created (connections, keys); runs after every test. */
  cleanup?(): void | Promise<void>;
}

/**
 * Registers the behavioural tests every `ConversationLock` must pass: mutual exclusion, first come first
 * served, lease expiry of a crashed holder, renewal while work runs, fencing tokens, bounded waits and
 * parallelism across conversations. Tests use leases of a few hundred milliseconds, so an implementation
 * that polls should poll at least every 50 ms.
 *
 * @example
 * ```ts
 * describeConversationLockContract('MemoryConversationLock', () => {
 *   const lock = new MemoryConversationLock();
 *   return { instance: () => lock.fork(), crash: (handle) => (handle as MemoryConversationLock).close() };
 * });
 * ```
 */
export function describeConversationLockContract(
  name: string,
  createHarness: () => ConversationLockHarness | Promise<ConversationLockHarness>,
): void {
  describe(`${name} (ConversationLock contract)`, () => {
    let harness: ConversationLockHarness;
    let organizationId: string;
    const pendingForever: Array<() => void> = [];

    beforeEach(async () => {
      harness = await createHarness();
      // Fresh ids per test, so implementations backed by a shared server never see another test's locks.
      organizationId = `org_${Math.random().toString(36).slice(2)}`;
    });

    afterEach(async () => {
      for (const finish of pendingForever.splice(0)) finish();
      await harness.cleanup?.();
    });

    it('lets only one caller of a conversation run at a time', async () => {
      const [a, b] = [await harness.instance(), await harness.instance()];
      let active = 0;
      let mostActive = 0;
      let runs = 0;
      await Promise.all(
        Array.from({ length: 8 }, (_, index) =>
          (index % 2 === 0 ? a : b).runExclusive(
            organizationId,
            'c1',
            async () => {
              active += 1;
              mostActive = Math.max(mostActive, active);
              await sleep(5);
              active -= 1;
              runs += 1;
            },
            { waitMs: 10_000 },
          ),
        ),
      );
      expect(runs).toBe(8);
      expect(mostActive).toBe(1);
    });

    it('serves waiters in the order they arrived', async () => {
      const [a, b] = [await harness.instance(), await harness.instance()];
      const holding = deferred();
      const started = deferred();
      const order: string[] = [];
      const first = a.runExclusive(organizationId, 'c1', async () => {
        started.resolve();
        await holding.promise;
        order.push('first');
      });
      await started.promise;
      const waiters: Promise<void>[] = [];
      for (const [label, handle] of [
        ['second', b],
        ['third', a],
        ['fourth', b],
      ] as const) {
        waiters.push(
          handle.runExclusive(organizationId, 'c1', async () => void order.push(label), { waitMs: 10_000 }),
        );
        // Arrival order is only defined between calls that do not overlap; give each time to queue up.
        await sleep(40);
      }
      holding.resolve();
      await Promise.all([first, ...waiters]);
      expect(order).toEqual(['first', 'second', 'third', 'fourth']);
    });

    it("hands a crashed holder's conversation to the next waiter once its lease runs out", async () => {
      const doomed = await harness.instance();
      const survivor = await harness.instance();
      const started = deferred<{ fencingToken: number; signal: AbortSignal }>();
      void doomed
        .runExclusive(
          organizationId,
          'c1',
          (lease) => {
            started.resolve(lease);
            return new Promise<void>((resolve) => pendingForever.push(resolve));
          },
          { leaseMs: 300 },
        )
        .catch(() => {});
      const crashedLease = await started.promise;
      await harness.crash(doomed);
      const crashedAt = Date.now();
      const token = await survivor.runExclusive(
        organizationId,
        'c1',
        async ({ fencingToken }) => fencingToken,
        {
          waitMs: 5_000,
          leaseMs: 300,
        },
      );
      expect(Date.now() - crashedAt).toBeGreaterThanOrEqual(100);
      expect(token).toBeGreaterThan(crashedLease.fencingToken);
      await vi.waitFor(() => expect(crashedLease.signal.aborted).toBe(true), { timeout: 2_000 });
      expect(crashedLease.signal.reason).toMatchObject({ code: 'LOCK_LOST' });
    });

    it('keeps the lock while the work runs longer than the lease', async () => {
      const [a, b] = [await harness.instance(), await harness.instance()];
      const started = deferred<AbortSignal>();
      let firstDone = false;
      const first = a.runExclusive(
        organizationId,
        'c1',
        async ({ signal }) => {
          started.resolve(signal);
          await sleep(600);
          firstDone = true;
        },
        { leaseMs: 150 },
      );
      const signal = await started.promise;
      const second = b.runExclusive(organizationId, 'c1', async () => firstDone, { waitMs: 5_000 });
      await first;
      expect(await second).toBe(true);
      expect(signal.aborted).toBe(false);
    });

    it('hands out fencing tokens that strictly increase with every grant', async () => {
      const [a, b] = [await harness.instance(), await harness.instance()];
      const granted: number[] = [];
      const take = (handle: ConversationLock) =>
        handle.runExclusive(
          organizationId,
          'c1',
          async ({ fencingToken }) => void granted.push(fencingToken),
          {
            waitMs: 10_000,
          },
        );
      await take(a);
      await take(b);
      await Promise.all([take(a), take(b), take(a), take(b)]);
      expect(granted).toHaveLength(6);
      for (let index = 1; index < granted.length; index += 1) {
        expect(granted[index]).toBeGreaterThan(granted[index - 1]!);
      }
    });

    it('runs different conversations, and the same conversation in different organizations, in parallel', async () => {
      const [a, b] = [await harness.instance(), await harness.instance()];
      const running = [deferred(), deferred(), deferred()];
      // Each waits until all three are inside their lock: if any two were serialised this would time out.
      const all = Promise.all(running.map((entry) => entry.promise));
      const enter = (handle: ConversationLock, org: string, key: string, index: number) =>
        handle.runExclusive(
          org,
          key,
          async () => {
            running[index]!.resolve();
            await all;
          },
          { waitMs: 2_000 },
        );
      await Promise.all([
        enter(a, organizationId, 'c1', 0),
        enter(b, organizationId, 'c2', 1),
        enter(b, `${organizationId}_other`, 'c1', 2),
      ]);
    });

    it('gives up with a LOCK_TIMEOUT error after waitMs and never runs the work', async () => {
      const [a, b] = [await harness.instance(), await harness.instance()];
      const holding = deferred();
      const started = deferred();
      const first = a.runExclusive(organizationId, 'c1', async () => {
        started.resolve();
        await holding.promise;
      });
      await started.promise;
      const work = vi.fn(async () => {});
      const before = Date.now();
      const error = await b
        .runExclusive(organizationId, 'c1', work, { waitMs: 150 })
        .catch((e: unknown) => e);
      expect(error).toBeInstanceOf(ChatcartError);
      expect(error).toMatchObject({ code: 'LOCK_TIMEOUT' });
      expect(Date.now() - before).toBeGreaterThanOrEqual(140);
      holding.resolve();
      await first;
      expect(work).not.toHaveBeenCalled();
    });

    it('lets the waiters behind one that gave up through as soon as the lock is free', async () => {
      const [a, b] = [await harness.instance(), await harness.instance()];
      const holding = deferred();
      const started = deferred();
      const first = a.runExclusive(
        organizationId,
        'c1',
        async () => {
          started.resolve();
          await holding.promise;
        },
        { leaseMs: 5_000 },
      );
      await started.promise;
      const impatient = b.runExclusive(organizationId, 'c1', async () => 'impatient', { waitMs: 100 });
      await sleep(20);
      const patient = a.runExclusive(organizationId, 'c1', async () => Date.now(), {
        waitMs: 4_000,
        leaseMs: 5_000,
      });
      await expect(impatient).rejects.toMatchObject({ code: 'LOCK_TIMEOUT' });
      await sleep(50);
      const releasedAt = Date.now();
      holding.resolve();
      await first;
      // Well under the 5 s lease: the queue moved on without waiting for the one that left to expire.
      expect((await patient) - releasedAt).toBeLessThan(1_000);
    });

    it('releases the lock when the work throws, and passes the error on', async () => {
      const lock = await harness.instance();
      const failure = new Error('work failed');
      await expect(
        lock.runExclusive(organizationId, 'c1', async () => {
          throw failure;
        }),
      ).rejects.toBe(failure);
      const before = Date.now();
      await lock.runExclusive(organizationId, 'c1', async () => {}, { waitMs: 2_000 });
      expect(Date.now() - before).toBeLessThan(1_000);
    });
  });
}

function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}

function deferred<T = void>(): { promise: Promise<T>; resolve: (value: T) => void } {
  let resolve!: (value: T) => void;
  const promise = new Promise<T>((done) => {
    resolve = done;
  });
  return { promise, resolve };
}
