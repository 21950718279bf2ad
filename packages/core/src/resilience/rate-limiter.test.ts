import { describe, expect, it, vi } from 'vitest';
import { ValidationError } from '../domain/errors.js';
import { MemoryRateLimitStore } from '../memory/memory-rate-limit-store.js';
import type { RateLimitStore } from '../ports/rate-limit-store.js';
import { ManualClock } from '../testing/manual-clock.js';
import { RateLimitError } from './errors.js';
import { defaultRateLimits, RateLimiter } from './rate-limiter.js';

function limiterOnManualClock(limits?: ConstructorParameters<typeof RateLimiter>[0]['limits']) {
  const clock = new ManualClock(0);
  const store = new MemoryRateLimitStore({ clock });
  return { clock, store, limiter: new RateLimiter({ store, limits }) };
}

const alice = { organizationId: 'org_1', userKey: '+15550000001' };

describe('RateLimiter', () => {
  it('starts from the documented defaults: 30/min with a burst of 5, 1 000/min, 10 000/min', () => {
    expect(defaultRateLimits).toEqual({
      user: { capacity: 5, refillPerSecond: 0.5 },
      organization: { capacity: 1_000, refillPerSecond: 1_000 / 60 },
      global: { capacity: 10_000, refillPerSecond: 10_000 / 60 },
    });
    expect(Object.isFrozen(defaultRateLimits.user)).toBe(true);
  });

  it('lets a customer send a burst of 5, then one message every 2 seconds', async () => {
    const { clock, limiter } = limiterOnManualClock();
    for (let i = 0; i < 5; i++) expect((await limiter.consume(alice)).allowed).toBe(true);
    const refused = await limiter.consume(alice);
    expect(refused).toMatchObject({ allowed: false, refusedBy: 'user', retryAfterMs: 2_000 });
    clock.advance(2_000);
    expect((await limiter.consume(alice)).allowed).toBe(true);
  });

  it('admits at most 35 messages from one customer in a minute of constant sending', async () => {
    const { clock, limiter } = limiterOnManualClock();
    let admitted = 0;
    for (let t = 0; t < 60_000; t += 100) {
      if ((await limiter.consume(alice)).allowed) admitted++;
      clock.advance(100);
    }
    expect(admitted).toBeLessThanOrEqual(5 + 30);
    expect(admitted).toBeGreaterThanOrEqual(34);
  });

  it('limits customers of different organizations separately, and an organization as a whole', async () => {
    const { limiter } = limiterOnManualClock({ organization: { capacity: 6, refillPerSecond: 0 } });
    const samePhoneElsewhere = { organizationId: 'org_2', userKey: alice.userKey };
    for (let i = 0; i < 5; i++) await limiter.consume(alice);
    expect((await limiter.consume(samePhoneElsewhere)).allowed).toBe(true);

    const bob = { organizationId: 'org_1', userKey: '+15550000002' };
    expect((await limiter.consume(bob)).allowed).toBe(true);
    expect(await limiter.consume(bob)).toMatchObject({ allowed: false, refusedBy: 'organization' });
  });

  it('builds user keys no two different subjects can share', () => {
    const { limiter } = limiterOnManualClock();
    const first = limiter.checksFor({ organizationId: 'a:b', userKey: 'c' });
    const second = limiter.checksFor({ organizationId: 'a', userKey: 'b:c' });
    expect(first[0]!.key).not.toBe(second[0]!.key);
    expect(first.map((check) => check.scope)).toEqual(['user', 'organization', 'global']);
  });

  it('throws RateLimitError from enforce when refused, with the scope and the wait', async () => {
    const { limiter } = limiterOnManualClock({ user: { capacity: 1, refillPerSecond: 0.25 } });
    await expect(limiter.enforce(alice)).resolves.toMatchObject({ allowed: true });
    const error = await limiter.enforce(alice).catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(RateLimitError);
    expect(error).toMatchObject({ code: 'RATE_LIMITED', scope: 'user', retryAfterMs: 4_000 });
  });

  it('asks the store once per message, with all three scopes', async () => {
    const consume = vi.fn<RateLimitStore['consume']>(async () => ({
      allowed: true,
      retryAfterMs: 0,
      remaining: {},
    }));
    const limiter = new RateLimiter({ store: { consume } });
    await limiter.consume(alice, 2);
    expect(consume).toHaveBeenCalledTimes(1);
    expect(consume.mock.calls[0]![0].map((check) => check.scope)).toEqual(['user', 'organization', 'global']);
    expect(consume.mock.calls[0]![1]).toBe(2);
  });

  it('rejects a subject without an organization or a user, naming the field', async () => {
    const { limiter } = limiterOnManualClock();
    const error = await limiter
      .consume({ organizationId: '', userKey: 'x' })
      .catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(ValidationError);
    expect((error as ValidationError).issues.map((issue) => issue.path)).toEqual(['organizationId']);
    await expect(limiter.consume(alice, 0)).rejects.toThrow(RangeError);
  });

  it('refuses limits that make no sense', () => {
    const store = new MemoryRateLimitStore();
    expect(() => new RateLimiter({ store, limits: { user: { capacity: 0, refillPerSecond: 1 } } })).toThrow(
      RangeError,
    );
  });
});
