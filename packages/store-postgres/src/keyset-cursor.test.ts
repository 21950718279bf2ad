import { ValidationError } from '@chatcart/core';
import { describe, expect, it } from 'vitest';
import { encodeCursor, readPageRequest } from './keyset-cursor.js';

const SHAPE = ['number', 'string'] as const;

describe('keyset cursors', () => {
  it('reads back the position it encoded', () => {
    const after = encodeCursor([1_772_359_200_123, 'ord_ü/+=']);
    expect(readPageRequest({ limit: 5, after }, SHAPE, 'list orders')).toEqual({
      limit: 5,
      after: [1_772_359_200_123, 'ord_ü/+='],
    });
  });

  it('starts from the beginning with 100 rows when nothing is asked', () => {
    expect(readPageRequest(undefined, SHAPE, 'list orders')).toEqual({ limit: 100, after: null });
  });

  it('refuses a limit outside 1–1000, naming limit', () => {
    for (const limit of [0, 1001, 2.5]) {
      const failure = (() => {
        try {
          return readPageRequest({ limit }, SHAPE, 'list orders');
        } catch (error) {
          return error;
        }
      })();
      expect(failure).toBeInstanceOf(ValidationError);
      expect((failure as ValidationError).issues[0]?.path).toBe('limit');
    }
  });

  it('refuses a cursor of another listing or one that was tampered with, naming after', () => {
    for (const after of [
      'nope',
      encodeCursor(['ord_1']),
      encodeCursor(['x', 'ord_1']),
      encodeCursor([-1, 'a']),
    ]) {
      expect(() => readPageRequest({ after }, SHAPE, 'list orders')).toThrow(/after: is not a cursor/);
    }
  });
});
