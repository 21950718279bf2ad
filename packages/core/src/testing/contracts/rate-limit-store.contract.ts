import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type {
  BucketLimit,
  RateLimitCheck,
  RateLimitScopeName,
  RateLimitStore,
} from '../../ports/rate-limit-store.js';

/** What the rate-limit-store contract needs from an implementation under test. */
export interface RateLimitStoreHarness {
  readonly store: RateLimitStore;
  /**
   * Lets `ms` of the store's time pass: moves a manual clock, or, for a store on a server's clock, simply
   * waits. The suite waits less than a second in total.
   */
  advance(ms: number): void | Promise<void>;
  /**
   * Whether no time passes for the store except through `advance` (a manual clock). Then the suite checks
   * token counts and waits exactly; otherwise it allows for the milliseconds the test itself takes.
   */
  readonly controlsTime?: boolean;
  /** Frees what the harness created (connections, keys); runs after every test. */
  cleanup?(): void | Promise<void>;
}

/** A bucket that gains one token in 1 000 s: as good as no refill while a test runs on real time. */
const slow = (capacity: number): BucketLimit => ({ capacity, refillPerSecond: 0.001 });

/** How much real time a test may take between two decisions whose waits it compares. */
const REAL_TIME_SLACK_MS = 250;

/**
 * Registers the behavioural tests every `RateLimitStore` must pass: a fresh bucket is full; refill with
 * time, capped at capacity, fractional tokens kept; cost; all-or-nothing across scopes; which scope
 * refused and how long to wait; keys and scopes kept apart; no over-admission under concurrent decisions;
 * invalid costs rejected. Limits are chosen so the suite also holds for a store on real time (the Redis
 * one), with less than a second of waiting in total.
 *
 * @example
 * ```ts
 * describeRateLimitStoreContract('MemoryRateLimitStore', () => {
 *   const clock = new ManualClock(Date.parse('2026-01-01T00:00:00Z'));
 *   return { store: new MemoryRateLimitStore({ clock }), advance: (ms) => clock.advance(ms), controlsTime: true };
 * });
 * ```
 */
export function describeRateLimitStoreContract(
  name: string,
  createHarness: () => RateLimitStoreHarness | Promise<RateLimitStoreHarness>,
): void {
  describe(`${name} (RateLimitStore contract)`, () => {
    let harness: RateLimitStoreHarness;
    let store: RateLimitStore;
    let prefix: string;

    beforeEach(async () => {
      harness = await createHarness();
      store = harness.store;
      // Fresh keys per test, so stores backed by a shared server never see another test's buckets.
      prefix = `contract-${Math.random().toString(36).slice(2)}`;
    });

    afterEach(async () => {
      await harness.cleanup?.();
    });

    const check = (scope: RateLimitScopeName, key: string, limit: BucketLimit): RateLimitCheck => ({
      scope,
      key: `${prefix}-${key}`,
      limit,
    });

    /** Token counts: exact on a manual clock, to a hundredth on real time. */
    const expectTokens = (actual: number | undefined, expected: number) => {
      expect(actual).toBeDefined();
      expect(actual).toBeCloseTo(expected, harness.controlsTime ? 9 : 2);
    };

    /** Waits: exact on a manual clock; on real time, at most the full wait and not much less. */
    const expectWait = (actual: number, fullWait: number) => {
      expect(Number.isInteger(actual)).toBe(true);
      if (harness.controlsTime) {
        expect(actual).toBe(fullWait);
      } else {
        expect(actual).toBeLessThanOrEqual(fullWait);
        expect(actual).toBeGreaterThan(fullWait - REAL_TIME_SLACK_MS);
      }
    };

    it('gives a bucket it has never seen its full capacity, then refuses', async () => {
      const bucket = [check('user', 'alice', slow(3))];
      for (const left of [2, 1, 0]) {
        const decision = await store.consume(bucket);
        expect(decision.allowed).toBe(true);
        expect(decision.refusedBy).toBeUndefined();
        expect(decision.retryAfterMs).toBe(0);
        expectTokens(decision.remaining.user, left);
      }
      const refused = await store.consume(bucket);
      expect(refused.allowed).toBe(false);
      expect(refused.refusedBy).toBe('user');
      expectTokens(refused.remaining.user, 0);
    });

    it('says how long to wait for the missing token, rounded up to whole milliseconds', async () => {
      const bucket = [check('user', 'bob', { capacity: 1, refillPerSecond: 0.5 })];
      await store.consume(bucket);
      const refused = await store.consume(bucket);
      expect(refused.allowed).toBe(false);
      expectWait(refused.retryAfterMs, 2_000);
    });

    it('refills with time, keeping fractions of a token, and never beyond its capacity', async () => {
      const bucket = [check('user', 'carol', { capacity: 2, refillPerSecond: 10 })];
      expect((await store.consume(bucket)).allowed).toBe(true);
      expect((await store.consume(bucket)).allowed).toBe(true);
      expect((await store.consume(bucket)).allowed).toBe(false);

      // Half a token is not enough, and the wait is for the other half.
      await harness.advance(50);
      const half = await store.consume(bucket);
      expect(half.allowed).toBe(false);
      expect(half.retryAfterMs).toBeGreaterThan(0);
      expect(half.retryAfterMs).toBeLessThanOrEqual(50);
      if (harness.controlsTime) expect(half.retryAfterMs).toBe(50);

      await harness.advance(60);
      const refilled = await store.consume(bucket);
      expect(refilled.allowed).toBe(true);
      expect(refilled.remaining.user).toBeLessThan(1);

      // 400 ms would be four tokens; the bucket holds two.
      await harness.advance(400);
      expect((await store.consume(bucket)).allowed).toBe(true);
      expect((await store.consume(bucket)).allowed).toBe(true);
      expect((await store.consume(bucket)).allowed).toBe(false);
    });

    it('spends the cost asked for, and refuses a cost the bucket cannot cover', async () => {
      const bucket = [check('organization', 'org', slow(5))];
      const first = await store.consume(bucket, 3);
      expect(first.allowed).toBe(true);
      expectTokens(first.remaining.organization, 2);

      const tooMuch = await store.consume(bucket, 3);
      expect(tooMuch.allowed).toBe(false);
      expect(tooMuch.refusedBy).toBe('organization');
      expectTokens(tooMuch.remaining.organization, 2);

      const exact = await store.consume(bucket, 2);
      expect(exact.allowed).toBe(true);
      expectTokens(exact.remaining.organization, 0);
    });

    it('refuses for ever a cost above the capacity, spending nothing', async () => {
      const bucket = [check('user', 'dave', slow(2))];
      const refused = await store.consume(bucket, 3);
      expect(refused.allowed).toBe(false);
      expect(refused.retryAfterMs).toBe(Number.POSITIVE_INFINITY);
      const next = await store.consume(bucket);
      expect(next.allowed).toBe(true);
      expectTokens(next.remaining.user, 1);
    });

    it('debits every scope of an allowed decision and none of a refused one', async () => {
      const forUser = (user: string) => [
        check('user', user, slow(1)),
        check('organization', 'shop', slow(10)),
        check('global', 'global', slow(100)),
      ];

      const first = await store.consume(forUser('erin'));
      expect(first.allowed).toBe(true);
      expectTokens(first.remaining.user, 0);
      expectTokens(first.remaining.organization, 9);
      expectTokens(first.remaining.global, 99);

      const refused = await store.consume(forUser('erin'));
      expect(refused.allowed).toBe(false);
      expect(refused.refusedBy).toBe('user');
      expectTokens(refused.remaining.organization, 9);
      expectTokens(refused.remaining.global, 99);

      // The refusal did not eat the organization's tokens: the next customer sees them all.
      const other = await store.consume(forUser('frank'));
      expect(other.allowed).toBe(true);
      expectTokens(other.remaining.organization, 8);
      expectTokens(other.remaining.global, 98);
    });

    it('names the first refusing scope in check order, and waits for the slowest one', async () => {
      const user = check('user', 'grace', { capacity: 1, refillPerSecond: 1 });
      const organization = check('organization', 'shop', { capacity: 1, refillPerSecond: 0.1 });
      expect((await store.consume([user, organization])).allowed).toBe(true);

      const refused = await store.consume([user, organization]);
      expect(refused.refusedBy).toBe('user');
      expectWait(refused.retryAfterMs, 10_000);

      const reversed = await store.consume([organization, user]);
      expect(reversed.refusedBy).toBe('organization');
      expectWait(reversed.retryAfterMs, 10_000);
    });

    it('keeps buckets of different keys, and of the same key in different scopes, apart', async () => {
      expect((await store.consume([check('user', 'same', slow(1))])).allowed).toBe(true);
      expect((await store.consume([check('user', 'same', slow(1))])).allowed).toBe(false);
      expect((await store.consume([check('user', 'other', slow(1))])).allowed).toBe(true);
      expect((await store.consume([check('organization', 'same', slow(1))])).allowed).toBe(true);
      expect((await store.consume([check('global', 'same', slow(1))])).allowed).toBe(true);
    });

    it('never admits more than the capacity to concurrent decisions', async () => {
      const checks = [check('user', 'heidi', slow(5)), check('organization', 'shop', slow(1_000))];
      const decisions = await Promise.all(Array.from({ length: 25 }, () => store.consume(checks)));
      expect(decisions.filter((decision) => decision.allowed)).toHaveLength(5);
      const after = await store.consume([check('organization', 'shop', slow(1_000))]);
      expectTokens(after.remaining.organization, 1_000 - 5 - 1);
    });

    it('rejects a cost that is not a positive finite number', async () => {
      const bucket = [check('user', 'ivan', slow(5))];
      for (const cost of [0, -1, Number.NaN, Number.POSITIVE_INFINITY]) {
        await expect(store.consume(bucket, cost)).rejects.toThrow(RangeError);
      }
      const untouched = await store.consume(bucket);
      expectTokens(untouched.remaining.user, 4);
    });
  });
}
