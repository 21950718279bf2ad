import { describe, expect, it } from 'vitest';
import { ConflictError, DomainError } from '../domain/errors.js';
import { CapturingLogger } from '../testing/capturing-logger.js';
import { retryOnConflict } from './conflict-retry.js';

const conflict = () => new ConflictError('Order', 'ord_1', 1, 2);

describe('retryOnConflict', () => {
  it('runs again after a conflict and returns the first success', async () => {
    const logger = new CapturingLogger();
    let attempts = 0;
    const result = await retryOnConflict(
      async () => {
        attempts += 1;
        if (attempts < 3) throw conflict();
        return 'done';
      },
      { logger, minDelayMs: 1, maxDelayMs: 2 },
    );
    expect(result).toBe('done');
    expect(attempts).toBe(3);
    expect(logger.lines.filter((line) => line.level === 'debug')).toHaveLength(2);
  });

  it('gives up with the ConflictError after the bounded retries', async () => {
    let attempts = 0;
    const failing = retryOnConflict(
      async () => {
        attempts += 1;
        throw conflict();
      },
      { minDelayMs: 1, maxDelayMs: 2 },
    );
    await expect(failing).rejects.toBeInstanceOf(ConflictError);
    expect(attempts).toBe(4);
  });

  it('rethrows any other error at once, unchanged, even one that is not an Error', async () => {
    const domain = new DomainError('ORDER_EMPTY', 'empty');
    let attempts = 0;
    await expect(
      retryOnConflict(async () => {
        attempts += 1;
        throw domain;
      }),
    ).rejects.toBe(domain);
    expect(attempts).toBe(1);
    await expect(
      retryOnConflict(async () => {
        throw 'plain string';
      }),
    ).rejects.toBe('plain string');
    await expect(
      retryOnConflict(async () => {
        throw new TypeError('bug');
      }),
    ).rejects.toThrow('bug');
  });

  it('does not retry when told 0 retries, and refuses nonsense counts', async () => {
    let attempts = 0;
    await expect(
      retryOnConflict(
        async () => {
          attempts += 1;
          throw conflict();
        },
        { retries: 0 },
      ),
    ).rejects.toBeInstanceOf(ConflictError);
    expect(attempts).toBe(1);
    await expect(retryOnConflict(async () => 1, { retries: -1 })).rejects.toBeInstanceOf(RangeError);
    await expect(retryOnConflict(async () => 1, { retries: 1.5 })).rejects.toBeInstanceOf(RangeError);
  });
});
