import type { RateLimitCheck, RateLimitDecision, RateLimitScopeName } from '@chatcart/core';
import type { RedisConnection } from './redis-connection.js';
import { RedisScript } from './redis-script.js';
import consumeSource from './scripts/rate-limit-consume.lua';

const consumeScript = new RedisScript('rate-limit-consume', consumeSource);

/** A decision and the Redis time it was made at (tests replay the same times through a reference model). */
export interface TimedDecision {
  readonly decision: RateLimitDecision;
  /** Redis' clock when the script ran, in epoch milliseconds. */
  readonly decidedAt: number;
}

/** Decides `checks` in one round trip with the consume script. Internal: the store adds the error policy. */
export async function consumeBuckets(
  connection: RedisConnection,
  checks: readonly RateLimitCheck[],
  cost: number,
): Promise<TimedDecision> {
  const keys = checks.map((check) => connection.keys.bucket(check.scope, check.key));
  const args: (string | number)[] = [cost];
  for (const check of checks) args.push(check.limit.capacity, check.limit.refillPerSecond);
  const reply = (await connection.run('rateLimit.consume', (client) =>
    consumeScript.run(client, keys, args),
  )) as string[];
  const [allowed, refused, retryAfter, now, ...tokens] = reply;
  const remaining: Partial<Record<RateLimitScopeName, number>> = {};
  checks.forEach((check, index) => {
    remaining[check.scope] = Number(tokens[index]);
  });
  const refusedBy = checks[Number(refused) - 1]?.scope;
  const decision: RateLimitDecision =
    allowed === '1'
      ? { allowed: true, retryAfterMs: 0, remaining }
      : {
          allowed: false,
          refusedBy,
          retryAfterMs: retryAfter === 'inf' ? Number.POSITIVE_INFINITY : Number(retryAfter),
          remaining,
        };
  return { decision, decidedAt: Number(now) };
}
