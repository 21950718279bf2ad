import { CircuitOpenError } from '@chatcart/core';
import { describe, expect, it } from 'vitest';
import { TwilioApiError, TwilioRateLimitError, TwilioUnreachableError } from './errors.js';
import { resolveRetryOptions, withSendRetries } from './send-retry.js';

function scripted(outcomes: Array<Error | string>) {
  let calls = 0;
  const attempt = async () => {
    const outcome = outcomes[calls++];
    if (outcome === undefined) throw new Error('attempted more often than scripted');
    if (outcome instanceof Error) throw outcome;
    return outcome;
  };
  return { attempt, calls: () => calls };
}

function options(overrides: Parameters<typeof resolveRetryOptions>[0] = {}) {
  const delays: number[] = [];
  const resolved = resolveRetryOptions({
    sleep: async (ms) => {
      delays.push(ms);
    },
    random: () => 0.5,
    ...overrides,
  });
  return { resolved, delays };
}

const serverError = () => new TwilioApiError('Twilio answered 500', { status: 500 });

describe('withSendRetries', () => {
  it('retries 5xx answers with exponential backoff and jitter until one succeeds', async () => {
    const { attempt, calls } = scripted([serverError(), serverError(), 'SM1']);
    const { resolved, delays } = options({ baseDelayMs: 100 });
    await expect(withSendRetries(attempt, resolved)).resolves.toBe('SM1');
    expect(calls()).toBe(3);
    // Half of each backoff is fixed, half random (0.5 here): 100 → 75, 200 → 150.
    expect(delays).toEqual([75, 150]);
  });

  it('waits exactly as long as Retry-After asks', async () => {
    const { attempt } = scripted([new TwilioRateLimitError({ status: 429, retryAfterMs: 2_000 }), 'SM1']);
    const { resolved, delays } = options();
    await expect(withSendRetries(attempt, resolved)).resolves.toBe('SM1');
    expect(delays).toEqual([2_000]);
  });

  it('throws at once when Retry-After asks for longer than it may wait', async () => {
    const limited = new TwilioRateLimitError({ status: 429, retryAfterMs: 120_000 });
    const { attempt, calls } = scripted([limited]);
    const { resolved, delays } = options({ maxRetryAfterMs: 30_000 });
    await expect(withSendRetries(attempt, resolved)).rejects.toBe(limited);
    expect(calls()).toBe(1);
    expect(delays).toEqual([]);
  });

  it('never retries a 4xx, an open breaker, or a request that may have reached Twilio', async () => {
    for (const error of [
      new TwilioApiError('Twilio answered 400', { status: 400, twilioCode: 21610 }),
      new CircuitOpenError('twilio', 0),
      new TwilioUnreachableError(true, new Error('socket hang up')),
    ]) {
      const { attempt, calls } = scripted([error]);
      await expect(withSendRetries(attempt, options().resolved)).rejects.toBe(error);
      expect(calls()).toBe(1);
    }
  });

  it('retries a request that never left this machine', async () => {
    const refused = new TwilioUnreachableError(
      false,
      Object.assign(new Error('connect ECONNREFUSED'), { code: 'ECONNREFUSED' }),
    );
    const { attempt, calls } = scripted([refused, 'SM1']);
    await expect(withSendRetries(attempt, options().resolved)).resolves.toBe('SM1');
    expect(calls()).toBe(2);
  });

  it('gives up after the configured retries with the last error', async () => {
    const last = serverError();
    const { attempt, calls } = scripted([serverError(), serverError(), last]);
    await expect(withSendRetries(attempt, options({ retries: 2 }).resolved)).rejects.toBe(last);
    expect(calls()).toBe(3);
  });

  it('caps the backoff at maxDelayMs', async () => {
    const { attempt } = scripted([serverError(), serverError(), serverError(), 'SM1']);
    const { resolved, delays } = options({ baseDelayMs: 1_000, maxDelayMs: 1_500, random: () => 1 });
    await withSendRetries(attempt, resolved);
    expect(delays).toEqual([1_000, 1_500, 1_500]);
  });

  it('refuses options that would retry without bound', () => {
    expect(() => resolveRetryOptions({ retries: 11 })).toThrow(RangeError);
    expect(() => resolveRetryOptions({ baseDelayMs: -1 })).toThrow(RangeError);
  });
});
