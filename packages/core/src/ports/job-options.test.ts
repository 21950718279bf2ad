import { describe, expect, it } from 'vitest';
import { ValidationError } from '../domain/errors.js';
import { backoffDelay, resolveEnqueueOptions } from './job-options.js';
import type { JsonValue } from './session-store.js';

describe('resolveEnqueueOptions', () => {
  it('fills in one attempt, no delay and a 1 s exponential backoff', () => {
    expect(resolveEnqueueOptions('reminders', 'fire', { id: 'rem_1' })).toEqual({
      queue: 'reminders',
      name: 'fire',
      payloadJson: '{"id":"rem_1"}',
      delayMs: 0,
      attempts: 1,
      backoff: { type: 'exponential', delayMs: 1_000 },
    });
  });

  it('names every bad field at once', () => {
    const error = (() => {
      try {
        resolveEnqueueOptions('a:b', '', { at: new Date() } as unknown as JsonValue, {
          jobId: 'x:y',
          delayMs: Number.NaN,
          attempts: 0,
          backoff: { type: 'linear' as 'fixed', delayMs: -1 },
          priority: 3_000_000,
        });
      } catch (caught) {
        return caught;
      }
    })();
    expect(error).toBeInstanceOf(ValidationError);
    expect((error as ValidationError).issues.map((issue) => issue.path)).toEqual([
      'queue',
      'name',
      'payload.at',
      'jobId',
      'delayMs',
      'attempts',
      'backoff.type',
      'backoff.delayMs',
      'priority',
    ]);
  });

  it('refuses payloads with cycles, but not the same object twice', () => {
    const shared = { sku: 'A' };
    expect(() => resolveEnqueueOptions('q', 'n', { a: shared, b: shared })).not.toThrow();
    const cyclic: Record<string, unknown> = {};
    cyclic.self = cyclic;
    expect(() => resolveEnqueueOptions('q', 'n', cyclic as JsonValue)).toThrow(/cycle/);
  });

  it('refuses job ids that BullMQ would take for its own integer ids', () => {
    expect(() => resolveEnqueueOptions('q', 'n', {}, { jobId: '42' })).toThrow(/integer/);
    expect(() => resolveEnqueueOptions('q', 'n', {}, { jobId: 'ord_42' })).not.toThrow();
  });
});

describe('backoffDelay', () => {
  it('doubles the delay after every failure for exponential backoff, as BullMQ does', () => {
    const backoff = { type: 'exponential', delayMs: 1_000 } as const;
    expect([1, 2, 3, 4].map((failures) => backoffDelay(backoff, failures))).toEqual([
      1_000, 2_000, 4_000, 8_000,
    ]);
  });

  it('waits the same delay every time for fixed backoff', () => {
    expect(backoffDelay({ type: 'fixed', delayMs: 500 }, 7)).toBe(500);
  });
});
