import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { RUNS } from './domain-test-helpers.js';
import { divideRoundingHalfUp } from './rounding.js';

describe('divideRoundingHalfUp', () => {
  it('rounds exact halves away from zero', () => {
    expect(divideRoundingHalfUp(5n, 2n)).toBe(3n);
    expect(divideRoundingHalfUp(-5n, 2n)).toBe(-3n);
    expect(divideRoundingHalfUp(15n, 10n)).toBe(2n);
    expect(divideRoundingHalfUp(25n, 10n)).toBe(3n);
  });

  it('rounds everything else to the nearest integer', () => {
    expect(divideRoundingHalfUp(14n, 10n)).toBe(1n);
    expect(divideRoundingHalfUp(16n, 10n)).toBe(2n);
    expect(divideRoundingHalfUp(-14n, 10n)).toBe(-1n);
  });

  it('refuses a zero or negative denominator', () => {
    expect(() => divideRoundingHalfUp(1n, 0n)).toThrow(RangeError);
  });

  it('is symmetric around zero', () => {
    fc.assert(
      fc.property(
        fc.bigInt({ min: -(10n ** 20n), max: 10n ** 20n }),
        fc.bigInt({ min: 1n, max: 10n ** 6n }),
        (n, d) => {
          expect(divideRoundingHalfUp(-n, d)).toBe(-divideRoundingHalfUp(n, d));
        },
      ),
      RUNS,
    );
  });
});
