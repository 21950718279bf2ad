import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type {
  BucketLimit,
  RateLimitCheck,
  RateLimitDecision,
  RateLimitScopeName,
} from '../ports/rate-limit-store.js';
import { fullBucket, type TokenBucketState, takeTokens, tokensAt } from '../resilience/token-bucket.js';
import { describeRateLimitStoreContract } from '../testing/contracts/rate-limit-store.contract.js';
import { ManualClock } from '../testing/manual-clock.js';
import { MemoryRateLimitStore } from './memory-rate-limit-store.js';

describeRateLimitStoreContract('MemoryRateLimitStore', () => {
  const clock = new ManualClock(Date.parse('2026-01-01T00:00:00Z'));
  return {
    store: new MemoryRateLimitStore({ clock }),
    advance: (ms) => clock.advance(ms),
    controlsTime: true,
  };
});

/**
 * The reference model: every bucket ever seen kept forever in a Map, each decided by the pure
 * `takeTokens`, and all of a decision's buckets committed only if every one allowed it.
 */
class ReferenceRateLimiter {
  readonly #buckets = new Map<string, TokenBucketState>();

  consume(checks: readonly RateLimitCheck[], cost: number, now: number): RateLimitDecision {
    const takes = checks.map((check) => {
      const id = `${check.scope}\u0000${check.key}`;
      const state = this.#buckets.get(id) ?? fullBucket(check.limit, now);
      const available = tokensAt(state.tokens, state.updatedAt, check.limit, now);
      return { id, check, available, take: takeTokens(state, check.limit, cost, now) };
    });
    const remaining: Partial<Record<RateLimitScopeName, number>> = {};
    const refused = takes.filter(({ take }) => !take.allowed);
    if (refused.length > 0) {
      for (const { check, available } of takes) remaining[check.scope] = available;
      return {
        allowed: false,
        refusedBy: refused[0]!.check.scope,
        retryAfterMs: Math.max(...refused.map(({ take }) => take.retryAfterMs)),
        remaining,
      };
    }
    for (const { id, check, take } of takes) {
      this.#buckets.set(id, take.state);
      remaining[check.scope] = take.remaining;
    }
    return { allowed: true, retryAfterMs: 0, remaining };
  }
}

const limits: Record<RateLimitScopeName, BucketLimit> = {
  user: { capacity: 3, refillPerSecond: 0.5 },
  organization: { capacity: 8, refillPerSecond: 1_000 / 60 / 20 },
  global: { capacity: 20, refillPerSecond: 10_000 / 60 / 50 },
};

interface Arrival {
  readonly gapMs: number;
  readonly user: number;
  readonly organization: number;
  readonly cost: number;
}

const arrivalArb = (users: number): fc.Arbitrary<Arrival> =>
  fc.record({
    gapMs: fc.oneof(fc.constant(0), fc.integer({ min: 0, max: 500 }), fc.integer({ min: 0, max: 30_000 })),
    user: fc.integer({ min: 0, max: users - 1 }),
    organization: fc.integer({ min: 0, max: 3 }),
    cost: fc.oneof(fc.constant(1), fc.constant(1), fc.constant(2), fc.constant(0.5)),
  });

const checksOf = (arrival: Arrival): RateLimitCheck[] => [
  { scope: 'user', key: `org${arrival.organization}:user${arrival.user}`, limit: limits.user },
  { scope: 'organization', key: `org${arrival.organization}`, limit: limits.organization },
  { scope: 'global', key: 'global', limit: limits.global },
];

describe('MemoryRateLimitStore', () => {
  it('decides exactly as the reference model, decision for decision', async () => {
    await fc.assert(
      fc.asyncProperty(fc.array(arrivalArb(30), { minLength: 1, maxLength: 300 }), async (arrivals) => {
        const clock = new ManualClock(0);
        const store = new MemoryRateLimitStore({ clock });
        const reference = new ReferenceRateLimiter();
        for (const arrival of arrivals) {
          clock.advance(arrival.gapMs);
          const checks = checksOf(arrival);
          expect(await store.consume(checks, arrival.cost)).toEqual(
            reference.consume(checks, arrival.cost, clock.now()),
          );
        }
      }),
      { numRuns: 100 },
    );
  });

  it('changes no bucket when it refuses: replaying only the allowed decisions gives the same answers', async () => {
    await fc.assert(
      fc.asyncProperty(fc.array(arrivalArb(5), { minLength: 1, maxLength: 200 }), async (arrivals) => {
        const clock = new ManualClock(0);
        const store = new MemoryRateLimitStore({ clock });
        const allowed: { at: number; arrival: Arrival; decision: RateLimitDecision }[] = [];
        for (const arrival of arrivals) {
          clock.advance(arrival.gapMs);
          const decision = await store.consume(checksOf(arrival), arrival.cost);
          if (decision.allowed) allowed.push({ at: clock.now(), arrival, decision });
        }
        const replayClock = new ManualClock(0);
        const replay = new MemoryRateLimitStore({ clock: replayClock });
        for (const { at, arrival, decision } of allowed) {
          replayClock.set(at);
          expect(await replay.consume(checksOf(arrival), arrival.cost)).toEqual(decision);
        }
      }),
      { numRuns: 100 },
    );
  });

  it('drops idle buckets without changing any decision', async () => {
    // Thousands of distinct users, so the store sweeps many times within one run.
    await fc.assert(
      fc.asyncProperty(
        fc.array(arrivalArb(2_000), { minLength: 3_000, maxLength: 3_000 }),
        async (arrivals) => {
          const clock = new ManualClock(0);
          const store = new MemoryRateLimitStore({ clock });
          const reference = new ReferenceRateLimiter();
          const seen = new Set<string>();
          let dropped = false;
          for (const arrival of arrivals) {
            clock.advance(arrival.gapMs);
            const checks = checksOf(arrival);
            for (const check of checks) seen.add(`${check.scope}:${check.key}`);
            expect(await store.consume(checks, arrival.cost)).toEqual(
              reference.consume(checks, arrival.cost, clock.now()),
            );
            if (store.size < seen.size) dropped = true;
          }
          expect(dropped).toBe(true);
        },
      ),
      { numRuns: 5 },
    );
  });

  it('keeps memory bounded by maxKeys under a flood of new senders', async () => {
    const clock = new ManualClock(0);
    const store = new MemoryRateLimitStore({ clock, maxKeys: 1_000 });
    for (let i = 0; i < 20_000; i++) {
      await store.consume([
        { scope: 'user', key: `sender${i}`, limit: { capacity: 5, refillPerSecond: 0.5 } },
      ]);
      expect(store.size).toBeLessThanOrEqual(1_000);
    }
  });

  it('keeps the busiest buckets when it must shed at the cap', async () => {
    const clock = new ManualClock(0);
    const store = new MemoryRateLimitStore({ clock, maxKeys: 100 });
    const organization: RateLimitCheck = {
      scope: 'organization',
      key: 'busy',
      limit: { capacity: 1_000, refillPerSecond: 0 },
    };
    for (let i = 0; i < 1_000; i++) {
      clock.advance(1);
      await store.consume([
        organization,
        { scope: 'user', key: `sender${i}`, limit: { capacity: 5, refillPerSecond: 0.01 } },
      ]);
    }
    // Debited on every decision, the organization's bucket was never shed: 1 000 tokens spent.
    const after = await store.consume([organization]);
    expect(after.allowed).toBe(false);
  });

  it('frees the buckets of senders who went quiet once enough new ones arrive', async () => {
    const clock = new ManualClock(0);
    const store = new MemoryRateLimitStore({ clock });
    const user = (i: number): RateLimitCheck[] => [
      { scope: 'user', key: `sender${i}`, limit: { capacity: 5, refillPerSecond: 0.5 } },
    ];
    for (let i = 0; i < 1_500; i++) await store.consume(user(i));
    // Ten seconds later every one of those buckets is full again, so the next sweep drops them.
    clock.advance(10_000);
    for (let i = 1_500; i < 3_500; i++) await store.consume(user(i));
    // Only the 2 000 recent senders are left, not 3 500.
    expect(store.size).toBeLessThanOrEqual(2_000);
  });

  it('refuses an invalid limit', async () => {
    const store = new MemoryRateLimitStore();
    await expect(
      store.consume([{ scope: 'user', key: 'x', limit: { capacity: -1, refillPerSecond: 1 } }]),
    ).rejects.toThrow(RangeError);
    expect(() => new MemoryRateLimitStore({ maxKeys: 0 })).toThrow(RangeError);
  });
});
