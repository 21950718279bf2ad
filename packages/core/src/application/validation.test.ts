import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { ValidationError } from '../domain/errors.js';
import { parseInput } from './validation.js';

describe('parseInput', () => {
  const schema = z.object({
    name: z.string().min(1, { error: 'must not be empty' }),
    items: z.array(z.object({ quantity: z.number() })),
  });

  it('returns the parsed value', () => {
    expect(parseInput(schema, { name: 'a', items: [] }, 'thing')).toEqual({ name: 'a', items: [] });
  });

  it('throws a ValidationError with one issue per bad field, by dotted path', () => {
    const error = (() => {
      try {
        return parseInput(schema, { name: '', items: [{ quantity: 'x' }] }, 'thing');
      } catch (caught) {
        return caught;
      }
    })();
    expect(error).toBeInstanceOf(ValidationError);
    expect((error as ValidationError).issues).toEqual([
      { path: 'name', message: 'must not be empty' },
      { path: 'items.0.quantity', message: expect.stringContaining('expected number') },
    ]);
    expect((error as ValidationError).message).toMatch(
      /^Invalid thing input\. \(name: must not be empty; items\.0\.quantity: /,
    );
  });

  it('reports a wrong top-level value with an empty path', () => {
    expect(() => parseInput(schema, null, 'thing')).toThrow(ValidationError);
  });
});
