import { describe, expect, it } from 'vitest';
import { typoDistance } from './string-distance.js';

describe('typoDistance', () => {
  it.each([
    ['coca', 'coca', 0],
    ['coka', 'coca', 1],
    ['cola', 'colla', 1],
    ['colla', 'cola', 1],
    ['recieve', 'receive', 1],
    ['chocolaet', 'chocolate', 1],
    ['', 'abc', 3],
    ['kitten', 'sitting', 3],
  ])('%s → %s is %i', (a, b, distance) => {
    expect(typoDistance(a, b, 5)).toBe(distance);
  });

  it('stops at the bound and reports one more', () => {
    expect(typoDistance('apple', 'banana', 2)).toBe(3);
    expect(typoDistance('a', 'abcdef', 1)).toBe(2);
  });

  it('is symmetric', () => {
    expect(typoDistance('bread', 'braed', 3)).toBe(typoDistance('braed', 'bread', 3));
  });
});
