import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { BucketLimit } from '../ports/rate-limit-store.js';
import { ManualClock } from '../testing/manual-clock.js';
import {
  fullBucket,
  msUntilTokens,
  TOKEN_EPSILON,
  TokenBucket,
  type TokenBucketState,
  takeTokens,
  tokensAt,
} from './token-bucket.js';

/** Limits as configured in practice: small integer capacities, per-minute rates, and arbitrary ones. */
const limitArb: fc.Arbitrary<BucketLimit> = fc.record({
  capacity: fc.integer({ min: 1, max: 20 }),
  refillPerSecond: fc.oneof(
    fc.constantFrom(0.5, 1_000 / 60, 10_000 / 60, 1, 30 / 60),
    fc.double({ min: 0.01, max: 100, noNaN: true }),
  ),
});

/** Gaps between arrivals, in ms: bursts (0), typing speed, and long pauses. */
const gapsArb = fc.array(
  fc.oneof(fc.constant(0), fc.integer({ min: 0, max: 300 }), fc.integer({ min: 0, max: 20_000 })),
  {
    minLength: 1,
    maxLength: 150,
  },
);

/** Runs arrivals of cost 1 through one bucket; returns the times at which requests were admitted. */
function admissions(limit: BucketLimit, gaps: readonly number[]): number[] {
  let state = fullBucket(limit, 0);
  let now = 0;
  const admitted: number[] = [];
  for (const gap of gaps) {
    now += gap;
    const take = takeTokens(state, limit, 1, now);
    state = take.state;
    if (take.allowed) admitted.push(now);
  }
  return admitted;
}

describe('token bucket math', () => {
  it('never admits more than capacity + rate × window in any window', () => {
    fc.assert(
      fc.property(limitArb, gapsArb, (limit, gaps) => {
        const admitted = admissions(limit, gaps);
        for (let i = 0; i < admitted.length; i++) {
          for (let j = i; j < admitted.length; j++) {
            const window = admitted[j]! - admitted[i]!;
            const bound = limit.capacity + (limit.refillPerSecond * window) / 1000;
            expect(j - i + 1).toBeLessThanOrEqual(bound + 1e-6);
          }
        }
      }),
      { numRuns: 200 },
    );
  });

  it('admits a full burst of capacity at once, and then one request per refill interval', () => {
    const limit = { capacity: 5, refillPerSecond: 0.5 };
    expect(admissions(limit, [0, 0, 0, 0, 0, 0])).toEqual([0, 0, 0, 0, 0]);
    // 2 s per token: of arrivals every 500 ms after the burst, every fourth gets through.
    const steady = admissions(limit, [0, 0, 0, 0, 0, ...Array.from({ length: 16 }, () => 500)]);
    expect(steady.slice(5)).toEqual([2_000, 4_000, 6_000, 8_000]);
  });

  it('refills a bucket left alone long enough to exactly its capacity', () => {
    fc.assert(
      fc.property(
        limitArb,
        fc.double({ min: 0, max: 1, noNaN: true }),
        fc.nat(1_000_000),
        (limit, fill, extra) => {
          const tokens = fill * limit.capacity;
          const idle = Math.ceil(((limit.capacity - tokens) * 1000) / limit.refillPerSecond) + extra;
          expect(tokensAt(tokens, 0, limit, idle)).toBe(limit.capacity);
        },
      ),
    );
  });

  it('allows the same request after waiting exactly retryAfterMs', () => {
    fc.assert(
      fc.property(
        limitArb,
        gapsArb,
        fc.double({ min: 0.1, max: 1, noNaN: true }),
        (limit, gaps, costShare) => {
          const cost = costShare * limit.capacity;
          let state = fullBucket(limit, 0);
          let now = 0;
          for (const gap of gaps) {
            now += gap;
            const take = takeTokens(state, limit, cost, now);
            if (!take.allowed) {
              expect(Number.isInteger(take.retryAfterMs)).toBe(true);
              expect(take.retryAfterMs).toBeGreaterThan(0);
              expect(takeTokens(state, limit, cost, now + take.retryAfterMs).allowed).toBe(true);
            }
            state = take.state;
          }
        },
      ),
      { numRuns: 200 },
    );
  });

  it('leaves the state untouched when it refuses', () => {
    fc.assert(
      fc.property(limitArb, fc.double({ min: 0, max: 1, noNaN: true }), fc.nat(10_000), (limit, fill, at) => {
        const state: TokenBucketState = { tokens: fill * limit.capacity * 0.5, updatedAt: 0 };
        const take = takeTokens(state, limit, limit.capacity, at);
        if (!take.allowed) expect(take.state).toBe(state);
      }),
    );
  });

  it('counts a whole token refilled through float rounding as a whole token', () => {
    // 60 ms at 1000/60 per second is one token, though float arithmetic may land a hair below it.
    const limit = { capacity: 1_000, refillPerSecond: 1_000 / 60 };
    const take = takeTokens({ tokens: 0, updatedAt: 0 }, limit, 1, 60);
    expect(take.allowed).toBe(true);
    expect(take.remaining).toBeLessThan(TOKEN_EPSILON);
    expect(take.remaining).toBeGreaterThanOrEqual(0);
  });

  it('says a request is never possible when it costs more than the capacity or nothing refills', () => {
    expect(msUntilTokens(0, { capacity: 2, refillPerSecond: 1 }, 3)).toBe(Number.POSITIVE_INFINITY);
    expect(msUntilTokens(0, { capacity: 2, refillPerSecond: 0 }, 1)).toBe(Number.POSITIVE_INFINITY);
    expect(msUntilTokens(0.25, { capacity: 2, refillPerSecond: 1 }, 1)).toBe(750);
  });

  it('refills nothing while the clock runs backwards, and keeps the later timestamp', () => {
    const limit = { capacity: 5, refillPerSecond: 1 };
    expect(tokensAt(2, 10_000, limit, 5_000)).toBe(2);
    const take = takeTokens({ tokens: 2, updatedAt: 10_000 }, limit, 1, 5_000);
    expect(take.state).toEqual({ tokens: 1, updatedAt: 10_000 });
  });

  it('cuts a bucket down to a lowered capacity', () => {
    expect(tokensAt(50, 0, { capacity: 5, refillPerSecond: 1 }, 0)).toBe(5);
  });
});

describe('TokenBucket', () => {
  it('starts full and paces takes by its clock', () => {
    const clock = new ManualClock(0);
    const bucket = new TokenBucket({ capacity: 2, refillPerSecond: 4 }, { clock });
    expect(bucket.tryTake().allowed).toBe(true);
    expect(bucket.tryTake().allowed).toBe(true);
    const refused = bucket.tryTake();
    expect(refused).toMatchObject({ allowed: false, retryAfterMs: 250 });
    clock.advance(250);
    expect(bucket.available()).toBe(1);
    expect(bucket.tryTake().allowed).toBe(true);
  });

  it('restores a saved state', () => {
    const clock = new ManualClock(1_000);
    const first = new TokenBucket({ capacity: 3, refillPerSecond: 1 }, { clock });
    first.tryTake(3);
    const second = new TokenBucket(first.limit, { clock, state: first.snapshot() });
    expect(second.tryTake().allowed).toBe(false);
  });

  it('refuses limits and costs that make no sense', () => {
    expect(() => new TokenBucket({ capacity: 0, refillPerSecond: 1 })).toThrow(RangeError);
    expect(() => new TokenBucket({ capacity: 1, refillPerSecond: -1 })).toThrow(RangeError);
    expect(() => new TokenBucket({ capacity: Number.POSITIVE_INFINITY, refillPerSecond: 1 })).toThrow(
      RangeError,
    );
    expect(() => new TokenBucket({ capacity: 1, refillPerSecond: 1 }).tryTake(0)).toThrow(RangeError);
  });
});
