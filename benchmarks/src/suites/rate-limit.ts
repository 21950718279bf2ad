import { MemoryRateLimitStore, type RateLimitCheck, RateLimiter } from '@chatcart/core';
import { RateLimiterMemory } from 'rate-limiter-flexible';
import { type BenchSuite, compareRow, measure, perOperation, sequentially } from '../harness.js';

/**
 * One rate-limit decision in memory: ours checks and debits three token buckets (user, organization,
 * global) at once; rate-limiter-flexible's `RateLimiterMemory` counts one key in a fixed window. Keys
 * rotate over 10 000 customers of 100 organizations, and every bucket is so deep that it neither runs dry
 * nor fills up again (so none is swept mid-run): both sides do the full work of an admitted request and
 * neither is just refusing. Each sample runs {@link DECISIONS} decisions one after another (see
 * `sequentially`); figures are decisions per second.
 */
const DECISIONS = 100;
const CUSTOMERS = 10_000;
const huge = { capacity: 1e12, refillPerSecond: 1 };

const STORE = 'chatcart MemoryRateLimitStore, 3 scopes';
const LIMITER = 'chatcart RateLimiter.consume, 3 scopes (keys built per call)';
const FLEXIBLE = 'rate-limiter-flexible RateLimiterMemory, 1 key';

const suite: BenchSuite = {
  name: 'rate-limit',
  async run() {
    const subjects = Array.from({ length: CUSTOMERS }, (_, i) => ({
      organizationId: `org_${i % 100}`,
      userKey: `+1555${String(i).padStart(7, '0')}`,
    }));
    const checks: RateLimitCheck[][] = subjects.map(({ organizationId, userKey }) => [
      { scope: 'user', key: `${organizationId}:${userKey}`, limit: huge },
      { scope: 'organization', key: organizationId, limit: huge },
      { scope: 'global', key: 'global', limit: huge },
    ]);
    const keys = subjects.map(({ userKey }) => userKey);

    const store = new MemoryRateLimitStore();
    const limiter = new RateLimiter({
      store: new MemoryRateLimitStore(),
      limits: { user: huge, organization: huge, global: huge },
    });
    const flexible = new RateLimiterMemory({ points: 1e12, duration: 60 });

    let a = 0;
    let b = 0;
    let c = 0;
    const figures = perOperation(
      await measure([
        { name: STORE, fn: sequentially(DECISIONS, () => store.consume(checks[a++ % CUSTOMERS]!)) },
        { name: LIMITER, fn: sequentially(DECISIONS, () => limiter.consume(subjects[b++ % CUSTOMERS]!)) },
        { name: FLEXIBLE, fn: sequentially(DECISIONS, () => flexible.consume(keys[c++ % CUSTOMERS]!)) },
      ]),
      DECISIONS,
    );

    return [
      compareRow('rate-limit decision, in memory', figures, STORE, FLEXIBLE, 1),
      compareRow('rate-limit decision, in memory', figures, LIMITER, FLEXIBLE, 1),
    ];
  },
};

export default suite;
