import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { IdempotencyStore } from '../../ports/idempotency-store.js';
import { type ContractClock, type ContractTime, contractTime, uniqueSuffix } from './contract-time.js';

/** What the idempotency-store contract needs from an implementation under test. */
export interface IdempotencyStoreHarness {
  readonly store: IdempotencyStore;
  /** The store's clock, when the test can move it; without one the expiry test waits real time (≈ 0.2 s). */
  readonly clock?: ContractClock;
  /** Frees what the harness created (connections, keys); runs after every test. */
  cleanup?(): void | Promise<void>;
}

/**
 * Registers the behavioural tests every `IdempotencyStore` must pass: one winner per key even among 50
 * racing claims, expiry, release, independent keys and refusal of bad TTLs. Every test claims keys under
 * its own random prefix, so suites can share one server.
 *
 * @example
 * ```ts
 * describeIdempotencyStoreContract('RedisIdempotencyStore', () => ({ store: new RedisIdempotencyStore({ redis }) }));
 * ```
 */
export function describeIdempotencyStoreContract(
  name: string,
  createHarness: () => IdempotencyStoreHarness | Promise<IdempotencyStoreHarness>,
): void {
  describe(`${name} (IdempotencyStore contract)`, () => {
    let harness: IdempotencyStoreHarness;
    let store: IdempotencyStore;
    let time: ContractTime;
    let prefix: string;

    beforeEach(async () => {
      harness = await createHarness();
      store = harness.store;
      time = contractTime(harness.clock);
      prefix = `contract:${uniqueSuffix()}:`;
    });

    afterEach(async () => {
      await harness.cleanup?.();
    });

    it('grants the first claim of a key and refuses the second', async () => {
      expect(await store.claim(`${prefix}wamid.1`, 60_000)).toBe(true);
      expect(await store.claim(`${prefix}wamid.1`, 60_000)).toBe(false);
    });

    it('grants exactly one of 50 racing claims on one key', async () => {
      const outcomes = await Promise.all(
        Array.from({ length: 50 }, () => store.claim(`${prefix}race`, 60_000)),
      );
      expect(outcomes.filter(Boolean)).toHaveLength(1);
    });

    it('grants a key again once its claim expired', async () => {
      expect(await store.claim(`${prefix}k`, 100)).toBe(true);
      await time.elapse(30);
      expect(await store.claim(`${prefix}k`, 100)).toBe(false);
      await time.elapse(150);
      expect(await store.claim(`${prefix}k`, 100)).toBe(true);
    });

    it('grants a key again once its claim was released', async () => {
      expect(await store.claim(`${prefix}k`, 60_000)).toBe(true);
      await store.release(`${prefix}k`);
      expect(await store.claim(`${prefix}k`, 60_000)).toBe(true);
      expect(await store.claim(`${prefix}k`, 60_000)).toBe(false);
    });

    it('does nothing when releasing a key never claimed', async () => {
      await expect(store.release(`${prefix}never`)).resolves.toBeUndefined();
      expect(await store.claim(`${prefix}never`, 60_000)).toBe(true);
    });

    it('treats different keys independently', async () => {
      expect(await store.claim(`${prefix}a`, 60_000)).toBe(true);
      expect(await store.claim(`${prefix}b`, 60_000)).toBe(true);
      await store.release(`${prefix}a`);
      expect(await store.claim(`${prefix}b`, 60_000)).toBe(false);
      expect(await store.claim(`${prefix}a:b`, 60_000)).toBe(true);
    });

    it('refuses a TTL that is not a positive finite number, claiming nothing', async () => {
      for (const bad of [0, -5, Number.NaN, Number.POSITIVE_INFINITY]) {
        await expect(store.claim(`${prefix}k`, bad)).rejects.toBeInstanceOf(RangeError);
      }
      expect(await store.claim(`${prefix}k`, 60_000)).toBe(true);
    });
  });
}
