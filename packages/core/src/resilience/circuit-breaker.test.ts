import { afterEach, describe, expect, it, vi } from 'vitest';
import { ManualClock } from '../testing/manual-clock.js';
import { CircuitBreaker } from './circuit-breaker.js';
import type { CircuitStateChange } from './circuit-state.js';
import { CallTimeoutError, CircuitOpenError } from './errors.js';

const down = new Error('dependency down');
const fail = async (): Promise<never> => {
  throw down;
};
const succeed = async (): Promise<string> => 'ok';

/** A promise the test settles by hand. */
function deferred<T>(): {
  promise: Promise<T>;
  resolve: (value: T) => void;
  reject: (error: unknown) => void;
} {
  let resolve!: (value: T) => void;
  let reject!: (error: unknown) => void;
  const promise = new Promise<T>((res, rej) => {
    resolve = res;
    reject = rej;
  });
  return { promise, resolve, reject };
}

function recordTransitions(breaker: CircuitBreaker<unknown>): string[] {
  const seen: string[] = [];
  breaker.on('stateChange', ({ from, to, reason }: CircuitStateChange) =>
    seen.push(`${from}→${to} (${reason})`),
  );
  return seen;
}

async function failTimes(breaker: CircuitBreaker<unknown>, times: number): Promise<void> {
  for (let i = 0; i < times; i++) await breaker.execute(fail).catch(() => undefined);
}

describe('CircuitBreaker', () => {
  afterEach(() => {
    vi.useRealTimers();
  });

  describe('while closed', () => {
    it('passes values and errors through unchanged', async () => {
      const breaker = new CircuitBreaker({ clock: new ManualClock() });
      await expect(breaker.execute(succeed)).resolves.toBe('ok');
      await expect(breaker.execute(fail)).rejects.toBe(down);
      await expect(breaker.execute(() => 42)).resolves.toBe(42);
      expect(breaker.state).toBe('CLOSED');
      expect(breaker.stats().totals).toMatchObject({ calls: 3, successes: 2, failures: 1 });
    });

    it('counts a function that throws synchronously as a failure and rejects instead of throwing', async () => {
      const breaker = new CircuitBreaker({ clock: new ManualClock(), failureThreshold: 1 });
      const call = breaker.execute(() => {
        throw down;
      });
      await expect(call).rejects.toBe(down);
      expect(breaker.state).toBe('OPEN');
    });

    it('opens after failureThreshold consecutive failures and says why', async () => {
      const clock = new ManualClock(1_000);
      const breaker = new CircuitBreaker({ clock, failureThreshold: 3, resetTimeout: 500 });
      const transitions = recordTransitions(breaker);
      const opened: CircuitStateChange[] = [];
      breaker.on('open', (change) => opened.push(change));

      await failTimes(breaker, 2);
      expect(breaker.state).toBe('CLOSED');
      expect(breaker.stats().consecutiveFailures).toBe(2);
      await failTimes(breaker, 1);

      expect(breaker.state).toBe('OPEN');
      expect(transitions).toEqual(['CLOSED→OPEN (failureThreshold)']);
      expect(opened).toEqual([
        { breaker: 'circuit', from: 'CLOSED', to: 'OPEN', reason: 'failureThreshold', at: 1_000 },
      ]);
      expect(breaker.stats()).toMatchObject({ openedAt: 1_000, nextAttemptAt: 1_500 });
    });

    it('forgets the failure streak after a success', async () => {
      const breaker = new CircuitBreaker({ clock: new ManualClock(), failureThreshold: 3 });
      await failTimes(breaker, 2);
      await breaker.execute(succeed);
      await failTimes(breaker, 2);
      expect(breaker.state).toBe('CLOSED');
      expect(breaker.stats().consecutiveFailures).toBe(2);
    });
  });

  describe('while open', () => {
    it('rejects without calling the function, saying when it will try again', async () => {
      const clock = new ManualClock(0);
      const breaker = new CircuitBreaker({
        name: 'twilio',
        clock,
        failureThreshold: 1,
        resetTimeout: 60_000,
      });
      await failTimes(breaker, 1);
      const fn = vi.fn(succeed);

      const error = await breaker.execute(fn).catch((caught: unknown) => caught);

      expect(fn).not.toHaveBeenCalled();
      expect(error).toBeInstanceOf(CircuitOpenError);
      expect(error).toMatchObject({ code: 'CIRCUIT_OPEN', breaker: 'twilio', retryAt: 60_000 });
      expect(breaker.stats().totals.rejections).toBe(1);
    });

    it('stays open until resetTimeout has passed, then lets the next call through as a probe', async () => {
      const clock = new ManualClock(0);
      const breaker = new CircuitBreaker({ clock, failureThreshold: 1, resetTimeout: 1_000 });
      const transitions = recordTransitions(breaker);
      await failTimes(breaker, 1);

      clock.advance(999);
      await expect(breaker.execute(succeed)).rejects.toBeInstanceOf(CircuitOpenError);
      expect(breaker.state).toBe('OPEN');

      clock.advance(1);
      // No timer moves it: the state is checked against the clock when a call arrives.
      expect(breaker.state).toBe('OPEN');
      await expect(breaker.execute(succeed)).resolves.toBe('ok');
      expect(breaker.state).toBe('HALF_OPEN');
      expect(transitions).toEqual(['CLOSED→OPEN (failureThreshold)', 'OPEN→HALF_OPEN (resetTimeoutElapsed)']);
    });
  });

  describe('while half-open', () => {
    async function halfOpenBreaker(options: { halfOpenMaxProbes?: number; successThreshold?: number } = {}) {
      const clock = new ManualClock(0);
      const breaker = new CircuitBreaker({ clock, failureThreshold: 1, resetTimeout: 1_000, ...options });
      await failTimes(breaker, 1);
      clock.advance(1_000);
      return { clock, breaker };
    }

    it('closes after successThreshold probe successes', async () => {
      const { breaker } = await halfOpenBreaker({ successThreshold: 2 });
      const transitions = recordTransitions(breaker);
      await breaker.execute(succeed);
      expect(breaker.state).toBe('HALF_OPEN');
      expect(breaker.stats().halfOpenSuccesses).toBe(1);
      await breaker.execute(succeed);
      expect(breaker.state).toBe('CLOSED');
      expect(transitions).toEqual([
        'OPEN→HALF_OPEN (resetTimeoutElapsed)',
        'HALF_OPEN→CLOSED (successThreshold)',
      ]);
      expect(breaker.stats()).toMatchObject({ openedAt: undefined, nextAttemptAt: undefined });
    });

    it('re-opens when a probe fails, with a fresh reset timeout', async () => {
      const { clock, breaker } = await halfOpenBreaker();
      const transitions = recordTransitions(breaker);
      await breaker.execute(fail).catch(() => undefined);
      expect(breaker.state).toBe('OPEN');
      expect(transitions).toEqual(['OPEN→HALF_OPEN (resetTimeoutElapsed)', 'HALF_OPEN→OPEN (probeFailed)']);
      expect(breaker.stats().nextAttemptAt).toBe(clock.now() + 1_000);
      await expect(breaker.execute(succeed)).rejects.toBeInstanceOf(CircuitOpenError);
    });

    it('lets halfOpenMaxProbes calls run at once and rejects the others immediately', async () => {
      const { breaker } = await halfOpenBreaker({ halfOpenMaxProbes: 2, successThreshold: 3 });
      const gate = deferred<string>();
      const fn = vi.fn(() => gate.promise);

      const first = breaker.execute(fn);
      const second = breaker.execute(fn);
      const third = breaker.execute(fn);

      // Rejected while the two probes are still running: not queued behind them.
      await expect(third).rejects.toBeInstanceOf(CircuitOpenError);
      expect(fn).toHaveBeenCalledTimes(2);
      gate.resolve('ok');
      await expect(Promise.all([first, second])).resolves.toEqual(['ok', 'ok']);
      // Both probe slots are free again.
      await expect(breaker.execute(succeed)).resolves.toBe('ok');
      expect(breaker.state).toBe('CLOSED');
    });

    it('rejects with a CircuitOpenError without a retry time while its probes are busy', async () => {
      const { breaker } = await halfOpenBreaker();
      const gate = deferred<string>();
      const probe = breaker.execute(() => gate.promise);
      const error = await breaker.execute(succeed).catch((caught: unknown) => caught);
      expect(error).toMatchObject({ code: 'CIRCUIT_OPEN', retryAt: undefined });
      gate.resolve('ok');
      await probe;
    });
  });

  describe('isFailure', () => {
    class ProviderError extends Error {
      constructor(readonly status: number) {
        super(`provider answered ${status}`);
      }
    }
    const isFailure = (error: unknown) => !(error instanceof ProviderError && error.status < 500);

    it('does not count errors it rejects, and passes them on unchanged', async () => {
      const breaker = new CircuitBreaker({ clock: new ManualClock(), failureThreshold: 2, isFailure });
      const badRequest = new ProviderError(400);
      for (let i = 0; i < 10; i++) {
        await expect(
          breaker.execute(async () => {
            throw badRequest;
          }),
        ).rejects.toBe(badRequest);
      }
      expect(breaker.state).toBe('CLOSED');
      expect(breaker.stats().totals).toMatchObject({ failures: 0, ignored: 10 });
    });

    it('counts the errors it accepts', async () => {
      const breaker = new CircuitBreaker({ clock: new ManualClock(), failureThreshold: 2, isFailure });
      for (let i = 0; i < 2; i++) {
        await breaker
          .execute(async () => {
            throw new ProviderError(503);
          })
          .catch(() => undefined);
      }
      expect(breaker.state).toBe('OPEN');
    });

    it('treats an ignored error as an answer: it breaks a failure streak and passes a probe', async () => {
      const clock = new ManualClock();
      const breaker = new CircuitBreaker({
        clock,
        failureThreshold: 2,
        successThreshold: 1,
        resetTimeout: 10,
        isFailure,
      });
      const badRequest = async () => {
        throw new ProviderError(404);
      };
      await failTimes(breaker, 1);
      await breaker.execute(badRequest).catch(() => undefined);
      await failTimes(breaker, 1);
      expect(breaker.state).toBe('CLOSED');

      await failTimes(breaker, 1);
      expect(breaker.state).toBe('OPEN');
      clock.advance(10);
      await breaker.execute(badRequest).catch(() => undefined);
      expect(breaker.state).toBe('CLOSED');
    });

    it('counts an error as a failure when the predicate itself throws', async () => {
      const breaker = new CircuitBreaker({
        clock: new ManualClock(),
        failureThreshold: 1,
        isFailure: () => {
          throw new Error('bug in predicate');
        },
      });
      await expect(breaker.execute(fail)).rejects.toBe(down);
      expect(breaker.state).toBe('OPEN');
    });
  });

  describe('fallback', () => {
    it('answers in place of a failed call, receiving its error', async () => {
      const fallback = vi.fn((error: unknown) => `fallback for ${(error as Error).message}`);
      const breaker = new CircuitBreaker({ clock: new ManualClock(), fallback });
      await expect(breaker.execute(fail)).resolves.toBe('fallback for dependency down');
      expect(fallback).toHaveBeenCalledWith(down);
      expect(breaker.stats().totals).toMatchObject({ failures: 1, fallbacks: 1 });
    });

    it('answers in place of a call rejected because the breaker is open', async () => {
      const fallback = vi.fn((_error: unknown) => 'cached');
      const breaker = new CircuitBreaker({ clock: new ManualClock(), failureThreshold: 1, fallback });
      await breaker.execute(fail);
      const fn = vi.fn(succeed);
      await expect(breaker.execute(fn)).resolves.toBe('cached');
      expect(fn).not.toHaveBeenCalled();
      expect(fallback.mock.calls[1]?.[0]).toBeInstanceOf(CircuitOpenError);
    });

    it('answers in place of a synchronous throw, and may be async', async () => {
      const breaker = new CircuitBreaker({ clock: new ManualClock(), fallback: async () => 'later' });
      await expect(
        breaker.execute(() => {
          throw down;
        }),
      ).resolves.toBe('later');
    });

    it('passes on what the fallback throws', async () => {
      const fallbackError = new Error('no cache either');
      const breaker = new CircuitBreaker({
        clock: new ManualClock(),
        fallback: () => {
          throw fallbackError;
        },
      });
      await expect(breaker.execute(fail)).rejects.toBe(fallbackError);
    });

    it('is not used for errors isFailure does not count', async () => {
      const ignored = new Error('400');
      const fallback = vi.fn(() => 'fallback');
      const breaker = new CircuitBreaker({
        clock: new ManualClock(),
        isFailure: (error) => error !== ignored,
        fallback,
      });
      await expect(
        breaker.execute(async () => {
          throw ignored;
        }),
      ).rejects.toBe(ignored);
      expect(fallback).not.toHaveBeenCalled();
    });

    it('works the same when no timeout applies', async () => {
      const breaker = new CircuitBreaker({ clock: new ManualClock(), timeout: false, fallback: () => 'fb' });
      await expect(breaker.execute(fail)).resolves.toBe('fb');
      await expect(breaker.execute(succeed)).resolves.toBe('ok');
    });
  });

  describe('manual control', () => {
    it('open() holds the breaker open however much time passes', async () => {
      const clock = new ManualClock();
      const breaker = new CircuitBreaker({ clock, resetTimeout: 10 });
      const transitions = recordTransitions(breaker);
      breaker.open();
      clock.advance(1_000_000);
      const error = await breaker.execute(succeed).catch((caught: unknown) => caught);
      expect(error).toBeInstanceOf(CircuitOpenError);
      expect((error as CircuitOpenError).retryAt).toBeUndefined();
      expect(breaker.stats().nextAttemptAt).toBeUndefined();
      breaker.open();
      expect(transitions).toEqual(['CLOSED→OPEN (manual)']);
    });

    it('close() closes an open breaker at once', async () => {
      const breaker = new CircuitBreaker({ clock: new ManualClock(), failureThreshold: 1 });
      await failTimes(breaker, 1);
      const transitions = recordTransitions(breaker);
      breaker.close();
      expect(breaker.state).toBe('CLOSED');
      await expect(breaker.execute(succeed)).resolves.toBe('ok');
      expect(transitions).toEqual(['OPEN→CLOSED (manual)']);
    });

    it('reset() closes the breaker and zeroes its counters', async () => {
      const breaker = new CircuitBreaker({ clock: new ManualClock(), failureThreshold: 2 });
      await failTimes(breaker, 2);
      breaker.reset();
      expect(breaker.stats()).toMatchObject({
        state: 'CLOSED',
        consecutiveFailures: 0,
        totals: { calls: 0, successes: 0, failures: 0, rejections: 0, timeouts: 0, fallbacks: 0 },
      });
    });

    it('ignores results of calls started before reset()', async () => {
      const breaker = new CircuitBreaker({ clock: new ManualClock(), failureThreshold: 1 });
      const gate = deferred<never>();
      const call = breaker.execute(() => gate.promise);
      breaker.reset();
      gate.reject(down);
      await expect(call).rejects.toBe(down);
      expect(breaker.state).toBe('CLOSED');
    });
  });

  describe('timeouts', () => {
    const hang = () => new Promise<never>(() => undefined);

    it('rejects a call that outlives the timeout with CallTimeoutError, and counts it as a failure', async () => {
      vi.useFakeTimers();
      const breaker = new CircuitBreaker({ timeout: 1_000, timeoutResolution: 10, failureThreshold: 1 });
      const outcome = breaker.execute(hang).catch((caught: unknown) => caught);

      await vi.advanceTimersByTimeAsync(999);
      expect(breaker.stats().inFlight).toBe(1);
      expect(breaker.stats().totals.timeouts).toBe(0);
      await vi.advanceTimersByTimeAsync(20);

      const error = await outcome;
      expect(error).toBeInstanceOf(CallTimeoutError);
      expect(error).toMatchObject({ code: 'TIMEOUT', timeoutMs: 1_000 });
      expect(breaker.state).toBe('OPEN');
      expect(breaker.stats().totals).toMatchObject({ timeouts: 1, failures: 1 });
      expect(breaker.stats().inFlight).toBe(0);
    });

    it('never fires before the timeout, and at most one resolution tick after it', async () => {
      vi.useFakeTimers();
      const breaker = new CircuitBreaker({ timeout: 1_000, timeoutResolution: 100, failureThreshold: 1_000 });
      // Start calls at every offset within a tick, so each lands at a different phase of the sweep.
      const startedAt: number[] = [];
      const firedAfter: number[] = [];
      for (let offset = 0; offset < 100; offset += 7) {
        const start = Date.now();
        startedAt.push(start);
        void breaker.execute(hang).catch(() => firedAfter.push(Date.now() - start));
        await vi.advanceTimersByTimeAsync(7);
      }
      await vi.advanceTimersByTimeAsync(1_300);
      expect(firedAfter).toHaveLength(startedAt.length);
      for (const elapsed of firedAfter) {
        expect(elapsed).toBeGreaterThanOrEqual(1_000);
        expect(elapsed).toBeLessThanOrEqual(1_100);
      }
    });

    it('counts a timeout even when isFailure would not count the error', async () => {
      vi.useFakeTimers();
      const breaker = new CircuitBreaker({ timeout: 50, failureThreshold: 1, isFailure: () => false });
      const outcome = breaker.execute(hang).catch((e: unknown) => e);
      await vi.advanceTimersByTimeAsync(100);
      expect(await outcome).toBeInstanceOf(CallTimeoutError);
      expect(breaker.state).toBe('OPEN');
    });

    it('ignores the answer of a call that already timed out', async () => {
      vi.useFakeTimers();
      const breaker = new CircuitBreaker({ timeout: 100, failureThreshold: 5 });
      const gate = deferred<string>();
      const outcome = breaker.execute(() => gate.promise).catch((e: unknown) => e);
      await vi.advanceTimersByTimeAsync(200);
      gate.resolve('too late');
      expect(await outcome).toBeInstanceOf(CallTimeoutError);
      await Promise.resolve();
      expect(breaker.stats().totals).toMatchObject({ successes: 0, failures: 1, timeouts: 1 });
    });

    it('answers a timed-out call with the fallback', async () => {
      vi.useFakeTimers();
      const breaker = new CircuitBreaker({ timeout: 100, fallback: (error) => error });
      const outcome = breaker.execute(hang);
      await vi.advanceTimersByTimeAsync(200);
      expect(await outcome).toBeInstanceOf(CallTimeoutError);
    });

    it('times out each of many calls in flight, oldest first, with a single timer', async () => {
      vi.useFakeTimers();
      const breaker = new CircuitBreaker({ timeout: 1_000, failureThreshold: 10_000 });
      const expired: number[] = [];
      for (let i = 0; i < 100; i++) {
        void breaker.execute(hang).catch(() => expired.push(i));
        await vi.advanceTimersByTimeAsync(5);
      }
      expect(vi.getTimerCount()).toBe(1);
      await vi.advanceTimersByTimeAsync(1_100);
      expect(expired).toEqual(Array.from({ length: 100 }, (_, i) => i));
      expect(breaker.stats().totals.timeouts).toBe(100);
      // Nothing in flight: the sweep has stopped itself.
      expect(vi.getTimerCount()).toBe(0);
    });

    it('creates no timer per call: a thousand quick calls leave one sweep, which then stops', async () => {
      vi.useFakeTimers();
      const breaker = new CircuitBreaker({ timeout: 10_000 });
      for (let i = 0; i < 1_000; i++) await breaker.execute(succeed);
      expect(vi.getTimerCount()).toBe(1);
      await vi.advanceTimersByTimeAsync(100);
      expect(vi.getTimerCount()).toBe(0);
    });

    it('shares one sweep between every breaker with the same resolution, not one per breaker', async () => {
      vi.useFakeTimers();
      const breakers = Array.from({ length: 50 }, () => new CircuitBreaker({ timeout: 1_000 }));
      const outcomes = breakers.map((breaker) => breaker.execute(hang).catch((e: unknown) => e));
      expect(vi.getTimerCount()).toBe(1);
      await vi.advanceTimersByTimeAsync(1_100);
      for (const outcome of outcomes) expect(await outcome).toBeInstanceOf(CallTimeoutError);
      await vi.advanceTimersByTimeAsync(100);
      expect(vi.getTimerCount()).toBe(0);
    });

    it('keeps timing out calls started after the sweep stopped and restarted', async () => {
      vi.useFakeTimers();
      const breaker = new CircuitBreaker({ timeout: 1_000, timeoutResolution: 10 });
      await breaker.execute(succeed);
      await vi.advanceTimersByTimeAsync(600);
      expect(vi.getTimerCount()).toBe(0);
      const outcome = breaker.execute(hang).catch((e: unknown) => e);
      await vi.advanceTimersByTimeAsync(999);
      expect(breaker.stats().totals.timeouts).toBe(0);
      await vi.advanceTimersByTimeAsync(20);
      expect(await outcome).toBeInstanceOf(CallTimeoutError);
    });

    it('aborts the signal of executeWithSignal when the call times out', async () => {
      vi.useFakeTimers();
      const breaker = new CircuitBreaker({ timeout: 200 });
      let seen: AbortSignal | undefined;
      const outcome = breaker
        .executeWithSignal(
          (signal) =>
            new Promise<never>((_resolve, reject) => {
              seen = signal;
              signal.addEventListener('abort', () => reject(signal.reason));
            }),
        )
        .catch((e: unknown) => e);
      expect(seen?.aborted).toBe(false);
      await vi.advanceTimersByTimeAsync(250);
      expect(seen?.aborted).toBe(true);
      expect(seen?.reason).toBeInstanceOf(CallTimeoutError);
      expect(await outcome).toBe(seen?.reason);
    });

    it('runs no timer at all when the timeout is disabled', async () => {
      vi.useFakeTimers();
      const breaker = new CircuitBreaker({ timeout: false });
      const gate = deferred<string>();
      const call = breaker.execute(() => gate.promise);
      expect(vi.getTimerCount()).toBe(0);
      gate.resolve('ok');
      await expect(call).resolves.toBe('ok');
    });

    it('times out on real timers too', async () => {
      const breaker = new CircuitBreaker({ timeout: 20 });
      const started = performance.now();
      const error = await breaker.execute(hang).catch((e: unknown) => e);
      expect(error).toBeInstanceOf(CallTimeoutError);
      expect(performance.now() - started).toBeGreaterThanOrEqual(19);
    });
  });

  describe('under a burst of concurrent calls', () => {
    it('opens once for 10 000 concurrent failures, then recovers with exactly the allowed probes', async () => {
      const clock = new ManualClock(0);
      const breaker = new CircuitBreaker({
        clock,
        failureThreshold: 5,
        successThreshold: 2,
        halfOpenMaxProbes: 1,
        resetTimeout: 1_000,
      });
      const transitions = recordTransitions(breaker);
      let healthy = false;
      let invocations = 0;
      const dependency = async (): Promise<string> => {
        invocations++;
        await Promise.resolve();
        if (!healthy) throw down;
        return 'ok';
      };
      const burst = () =>
        Promise.allSettled(Array.from({ length: 10_000 }, () => breaker.execute(dependency)));

      const failing = await burst();
      expect(invocations).toBe(10_000);
      expect(failing.every((result) => result.status === 'rejected' && result.reason === down)).toBe(true);
      expect(breaker.state).toBe('OPEN');

      invocations = 0;
      const whileOpen = await burst();
      expect(invocations).toBe(0);
      expect(whileOpen.every((r) => r.status === 'rejected' && r.reason instanceof CircuitOpenError)).toBe(
        true,
      );

      clock.advance(1_000);
      healthy = true;
      const firstProbeWave = await burst();
      expect(invocations).toBe(1);
      expect(firstProbeWave.filter((r) => r.status === 'fulfilled')).toHaveLength(1);
      expect(breaker.state).toBe('HALF_OPEN');

      const secondProbeWave = await burst();
      expect(invocations).toBe(2);
      expect(secondProbeWave.filter((r) => r.status === 'fulfilled')).toHaveLength(1);
      expect(breaker.state).toBe('CLOSED');

      const recovered = await burst();
      expect(recovered.every((result) => result.status === 'fulfilled')).toBe(true);
      expect(transitions).toEqual([
        'CLOSED→OPEN (failureThreshold)',
        'OPEN→HALF_OPEN (resetTimeoutElapsed)',
        'HALF_OPEN→CLOSED (successThreshold)',
      ]);
      expect(breaker.stats().totals).toMatchObject({
        calls: 50_000,
        failures: 10_000,
        successes: 10_002,
        rejections: 10_000 + 2 * 9_999,
      });
    });

    it('runs exactly halfOpenMaxProbes probes in a burst and closes on their successes', async () => {
      const clock = new ManualClock(0);
      const breaker = new CircuitBreaker({
        clock,
        failureThreshold: 1,
        successThreshold: 2,
        halfOpenMaxProbes: 3,
      });
      await failTimes(breaker, 1);
      clock.advance(60_000);
      const fn = vi.fn(succeed);
      const results = await Promise.allSettled(Array.from({ length: 10_000 }, () => breaker.execute(fn)));
      expect(fn).toHaveBeenCalledTimes(3);
      expect(results.filter((r) => r.status === 'fulfilled')).toHaveLength(3);
      expect(breaker.state).toBe('CLOSED');
    });

    it('is not moved by late answers of calls started in an earlier state', async () => {
      const clock = new ManualClock(0);
      const breaker = new CircuitBreaker({
        clock,
        failureThreshold: 5,
        successThreshold: 2,
        resetTimeout: 1_000,
      });
      const transitions = recordTransitions(breaker);
      const gates = Array.from({ length: 10_000 }, () => deferred<string>());
      const calls = gates.map((gate) => breaker.execute(() => gate.promise).catch(() => 'failed'));

      for (const gate of gates.slice(0, 5)) gate.reject(down);
      await Promise.all(calls.slice(0, 5));
      expect(breaker.state).toBe('OPEN');

      clock.advance(1_000);
      await breaker.execute(succeed);
      expect(breaker.state).toBe('HALF_OPEN');

      // 9 995 failures of calls started while CLOSED arrive while the breaker is probing: no effect.
      for (const gate of gates.slice(5)) gate.reject(down);
      await Promise.all(calls);
      expect(breaker.state).toBe('HALF_OPEN');

      await breaker.execute(succeed);
      expect(breaker.state).toBe('CLOSED');
      expect(transitions).toHaveLength(3);
      expect(breaker.stats().totals.failures).toBe(10_000);
    });
  });

  it('refuses options that make no sense', () => {
    expect(() => new CircuitBreaker({ failureThreshold: 0 })).toThrow(RangeError);
    expect(() => new CircuitBreaker({ successThreshold: 1.5 })).toThrow(RangeError);
    expect(() => new CircuitBreaker({ halfOpenMaxProbes: -1 })).toThrow(RangeError);
    expect(() => new CircuitBreaker({ timeout: Number.NaN })).toThrow(RangeError);
    expect(() => new CircuitBreaker({ resetTimeout: -5 })).toThrow(RangeError);
    expect(() => new CircuitBreaker({ timeoutResolution: 0 })).toThrow(RangeError);
  });
});
