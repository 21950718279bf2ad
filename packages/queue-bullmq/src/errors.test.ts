import { ChatcartError, RateLimitError } from '@chatcart/core';
import { describe, expect, it } from 'vitest';
import { MAX_THROTTLE_WAIT_MS, ThrottledError, throttleWaitOf } from './errors.js';

class ProviderError extends ChatcartError {
  constructor(
    code: string,
    readonly status: number | undefined,
    readonly retryAfterMs: number | undefined,
    cause?: unknown,
  ) {
    super(code, 'provider said no', { cause });
  }
}

describe('throttleWaitOf', () => {
  it('reads the wait of our own, core and transport throttling errors', () => {
    expect(throttleWaitOf(new ThrottledError('twilio', 1_500))).toBe(1_500);
    expect(throttleWaitOf(new RateLimitError('organization', 250.2))).toBe(251);
    expect(throttleWaitOf(new ProviderError('PROVIDER_RATE_LIMITED', 429, 2_000))).toBe(2_000);
    expect(throttleWaitOf(new ProviderError('SOMETHING_ELSE', 429, 700))).toBe(700);
  });

  it('finds a throttling error in the cause of another', () => {
    const wrapped = new ChatcartError('SEND_FAILED', 'send failed', {
      cause: new ThrottledError('twilio', 900),
    });
    expect(throttleWaitOf(wrapped)).toBe(900);
  });

  it('treats other errors, and throttling without a usable wait, as ordinary failures', () => {
    expect(throttleWaitOf(new Error('boom'))).toBeUndefined();
    expect(throttleWaitOf('a string')).toBeUndefined();
    expect(throttleWaitOf(new ProviderError('PROVIDER_UNAVAILABLE', 503, 5_000))).toBeUndefined();
    expect(throttleWaitOf(new ProviderError('PROVIDER_RATE_LIMITED', 429, undefined))).toBeUndefined();
    expect(throttleWaitOf(new RateLimitError('global', Number.POSITIVE_INFINITY))).toBeUndefined();
  });

  it('caps what a provider may ask for', () => {
    expect(throttleWaitOf(new ThrottledError('twilio', 86_400_000))).toBe(MAX_THROTTLE_WAIT_MS);
  });
});
