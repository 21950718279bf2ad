import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { ConflictError } from '../../domain/errors.js';
import type { JsonValue, SessionStore } from '../../ports/session-store.js';
import { type ContractClock, type ContractTime, contractTime, uniqueSuffix } from './contract-time.js';

/** What the session-store contract needs from an implementation under test. */
export interface SessionStoreHarness {
  readonly store: SessionStore;
  /** The store's clock, when the test can move it; without one the TTL tests wait real time (about 1 s in all). */
  readonly clock?: ContractClock;
  /** Frees what the harness created (connections, keys); runs after every test. */
  cleanup?(): void | Promise<void>;
}

/**
 * Registers the behavioural tests every `SessionStore` must pass: compare-and-set versions, exactly one
 * winner among racing writes, sliding TTL, isolation between organizations, copies rather than aliases, and
 * JSON round-trips. Every test uses its own organization ids, so suites can share one server.
 *
 * @example
 * ```ts
 * describeSessionStoreContract('MemorySessionStore', () => {
 *   const clock = new ManualClock(1_000);
 *   return { store: new MemorySessionStore({ clock }), clock };
 * });
 * ```
 */
export function describeSessionStoreContract(
  name: string,
  createHarness: () => SessionStoreHarness | Promise<SessionStoreHarness>,
): void {
  describe(`${name} (SessionStore contract)`, () => {
    let harness: SessionStoreHarness;
    let store: SessionStore;
    let time: ContractTime;
    let org: string;
    let otherOrg: string;

    beforeEach(async () => {
      harness = await createHarness();
      store = harness.store;
      time = contractTime(harness.clock);
      const suffix = uniqueSuffix();
      org = `org_${suffix}`;
      otherOrg = `org_${suffix}_other`;
    });

    afterEach(async () => {
      await harness.cleanup?.();
    });

    const ttlMs = 60_000;

    it('answers undefined for a session never written', async () => {
      expect(await store.get(org, '+15550000001')).toBeUndefined();
    });

    it('creates a session at version 1 when written with expected version 0', async () => {
      const before = time.now();
      const written = await store.set(org, 'c1', { step: 'menu' }, { ttlMs, expectedVersion: 0 });
      expect(written.version).toBe(1);
      expect(written.data).toEqual({ step: 'menu' });
      expect(written.expiresAt).toBeGreaterThanOrEqual(before + ttlMs - 25);
      expect(written.expiresAt).toBeLessThanOrEqual(time.now() + ttlMs + 25);
      expect(await store.get(org, 'c1')).toEqual(written);
    });

    it('raises the version by one on every write', async () => {
      await store.set(org, 'c1', { n: 1 }, { ttlMs, expectedVersion: 0 });
      await store.set(org, 'c1', { n: 2 }, { ttlMs, expectedVersion: 1 });
      const third = await store.set(org, 'c1', { n: 3 }, { ttlMs, expectedVersion: 2 });
      expect(third.version).toBe(3);
      expect((await store.get(org, 'c1'))?.data).toEqual({ n: 3 });
    });

    it('refuses a write based on a stale version with a ConflictError and keeps what was stored', async () => {
      await store.set(org, 'c1', { n: 1 }, { ttlMs, expectedVersion: 0 });
      const stored = await store.set(org, 'c1', { n: 2 }, { ttlMs, expectedVersion: 1 });
      await expect(store.set(org, 'c1', { n: 99 }, { ttlMs, expectedVersion: 1 })).rejects.toBeInstanceOf(
        ConflictError,
      );
      await expect(store.set(org, 'c1', { n: 99 }, { ttlMs, expectedVersion: 0 })).rejects.toBeInstanceOf(
        ConflictError,
      );
      await expect(store.set(org, 'c1', { n: 99 }, { ttlMs, expectedVersion: 7 })).rejects.toBeInstanceOf(
        ConflictError,
      );
      expect(await store.get(org, 'c1')).toEqual(stored);
    });

    it('refuses to update a session that does not exist', async () => {
      await expect(store.set(org, 'c1', { n: 1 }, { ttlMs, expectedVersion: 1 })).rejects.toBeInstanceOf(
        ConflictError,
      );
      expect(await store.get(org, 'c1')).toBeUndefined();
    });

    it('lets exactly one of several racing writes with the same expected version win', async () => {
      await store.set(org, 'c1', { writer: 'none' }, { ttlMs, expectedVersion: 0 });
      const writers = Array.from({ length: 10 }, (_, index) => `writer-${index}`);
      const outcomes = await Promise.allSettled(
        writers.map((writer) => store.set(org, 'c1', { writer }, { ttlMs, expectedVersion: 1 })),
      );
      const won = outcomes.filter((outcome) => outcome.status === 'fulfilled');
      const lost = outcomes.filter((outcome) => outcome.status === 'rejected');
      expect(won).toHaveLength(1);
      for (const outcome of lost) expect(outcome.reason).toBeInstanceOf(ConflictError);
      const stored = await store.get(org, 'c1');
      expect(stored?.version).toBe(2);
      expect(stored?.data).toEqual(won[0]?.status === 'fulfilled' ? won[0].value.data : undefined);
    });

    it('forgets a session once its TTL has passed', async () => {
      await store.set(org, 'c1', { step: 'menu' }, { ttlMs: 200, expectedVersion: 0 });
      await time.elapse(50);
      expect(await store.get(org, 'c1')).toBeDefined();
      await time.elapse(250);
      expect(await store.get(org, 'c1')).toBeUndefined();
    });

    it('starts again at version 1 after a session expired', async () => {
      await store.set(org, 'c1', { n: 1 }, { ttlMs: 100, expectedVersion: 0 });
      await store.set(org, 'c1', { n: 2 }, { ttlMs: 100, expectedVersion: 1 });
      await time.elapse(200);
      const fresh = await store.set(org, 'c1', { n: 3 }, { ttlMs, expectedVersion: 0 });
      expect(fresh.version).toBe(1);
    });

    it('restarts the TTL on every write (a sliding expiry)', async () => {
      await store.set(org, 'c1', { n: 1 }, { ttlMs: 300, expectedVersion: 0 });
      await time.elapse(180);
      await store.set(org, 'c1', { n: 2 }, { ttlMs: 300, expectedVersion: 1 });
      // 360 ms after the first write, 180 ms after the second: alive only because the write extended it.
      await time.elapse(180);
      expect((await store.get(org, 'c1'))?.data).toEqual({ n: 2 });
      await time.elapse(200);
      expect(await store.get(org, 'c1')).toBeUndefined();
    });

    it('keeps organizations apart: the same key in two organizations is two sessions', async () => {
      await store.set(org, '+15550000001', { shop: 'a' }, { ttlMs, expectedVersion: 0 });
      expect(await store.get(otherOrg, '+15550000001')).toBeUndefined();
      const other = await store.set(otherOrg, '+15550000001', { shop: 'b' }, { ttlMs, expectedVersion: 0 });
      expect(other.version).toBe(1);
      await store.delete(org, '+15550000001');
      expect((await store.get(otherOrg, '+15550000001'))?.data).toEqual({ shop: 'b' });
    });

    it('keeps ids apart even when they contain separators', async () => {
      await store.set(`${org}:a`, 'b', { which: 1 }, { ttlMs, expectedVersion: 0 });
      await store.set(org, 'a:b', { which: 2 }, { ttlMs, expectedVersion: 0 });
      await store.set(`${org}\u0000a`, 'b', { which: 3 }, { ttlMs, expectedVersion: 0 });
      expect((await store.get(`${org}:a`, 'b'))?.data).toEqual({ which: 1 });
      expect((await store.get(org, 'a:b'))?.data).toEqual({ which: 2 });
      expect((await store.get(`${org}\u0000a`, 'b'))?.data).toEqual({ which: 3 });
    });

    it('deletes a session, after which it can be created again at version 1', async () => {
      await store.set(org, 'c1', { n: 1 }, { ttlMs, expectedVersion: 0 });
      await store.delete(org, 'c1');
      expect(await store.get(org, 'c1')).toBeUndefined();
      expect((await store.set(org, 'c1', { n: 2 }, { ttlMs, expectedVersion: 0 })).version).toBe(1);
    });

    it('does nothing when deleting a session that does not exist', async () => {
      await expect(store.delete(org, 'never-written')).resolves.toBeUndefined();
    });

    it('stores a copy: changing the written object afterwards changes nothing stored', async () => {
      const data = { cart: [{ sku: 'A', quantity: 1 }] };
      const written = await store.set(org, 'c1', data, { ttlMs, expectedVersion: 0 });
      data.cart[0]!.quantity = 50;
      data.cart.push({ sku: 'B', quantity: 2 });
      (written.data as { cart: unknown[] }).cart.length = 0;
      expect((await store.get(org, 'c1'))?.data).toEqual({ cart: [{ sku: 'A', quantity: 1 }] });
    });

    it('hands out copies: changing a read session changes nothing stored', async () => {
      await store.set(org, 'c1', { tags: ['x'] }, { ttlMs, expectedVersion: 0 });
      const read = await store.get(org, 'c1');
      (read!.data as { tags: string[] }).tags.push('y');
      expect((await store.get(org, 'c1'))?.data).toEqual({ tags: ['x'] });
    });

    it('round-trips nested JSON, unicode and edge values', async () => {
      const data: JsonValue = {
        greeting: 'Olá 👋 مرحبا 你好 — “quoted” \\ back\\slash\nnew line',
        cart: [
          { sku: 'ÄÖÜ-✓', quantity: 2, price: { amount: 1999, currency: 'EUR' } },
          { sku: 'x', quantity: 0, note: null },
        ],
        numbers: [0, -1, 2.5, 1e21, Number.MAX_SAFE_INTEGER],
        flags: { yes: true, no: false },
        empty: { object: {}, array: [], string: '' },
        deep: { a: { b: { c: { d: { e: ['bottom'] } } } } },
      };
      const written = await store.set(org, '+15550000001', data, { ttlMs, expectedVersion: 0 });
      expect(written.data).toEqual(data);
      expect((await store.get(org, '+15550000001'))?.data).toEqual(data);
    });

    it('stores sessions that are plain JSON scalars or arrays', async () => {
      await store.set(org, 'string', 'just text ✓', { ttlMs, expectedVersion: 0 });
      await store.set(org, 'array', [1, 'two', null], { ttlMs, expectedVersion: 0 });
      expect((await store.get(org, 'string'))?.data).toBe('just text ✓');
      expect((await store.get(org, 'array'))?.data).toEqual([1, 'two', null]);
    });

    it('refuses a TTL that is not a positive finite number, storing nothing', async () => {
      for (const bad of [0, -1, Number.NaN, Number.POSITIVE_INFINITY]) {
        await expect(
          store.set(org, 'c1', { n: 1 }, { ttlMs: bad, expectedVersion: 0 }),
        ).rejects.toBeInstanceOf(RangeError);
      }
      expect(await store.get(org, 'c1')).toBeUndefined();
    });
  });
}
