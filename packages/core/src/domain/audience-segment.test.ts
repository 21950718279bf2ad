import { describe, expect, it } from 'vitest';
import {
  audienceSegment,
  segmentFromSnapshot,
  segmentMatches,
  segmentToSnapshot,
} from './audience-segment.js';
import { ValidationError } from './errors.js';
import { Money } from './money.js';

const customer = {
  lastOrderAt: 1000,
  totalSpent: Money.of(50_000, 'USD'),
  tags: ['VIP', 'shoes'],
  consent: 'OPTED_IN' as const,
};

describe('audience segments', () => {
  it('matches everyone who opted in when no filter is set', () => {
    expect(segmentMatches(audienceSegment(), customer)).toBe(true);
    expect(segmentMatches(audienceSegment(), { ...customer, consent: 'UNKNOWN' })).toBe(false);
    expect(segmentMatches(audienceSegment(), { ...customer, consent: 'OPTED_OUT' })).toBe(false);
  });

  it('filters by last order date range, inclusive', () => {
    expect(segmentMatches(audienceSegment({ lastOrderFrom: 1000, lastOrderTo: 1000 }), customer)).toBe(true);
    expect(segmentMatches(audienceSegment({ lastOrderFrom: 1001 }), customer)).toBe(false);
    expect(segmentMatches(audienceSegment({ lastOrderTo: 999 }), customer)).toBe(false);
    expect(segmentMatches(audienceSegment({ lastOrderTo: 5000 }), { ...customer, lastOrderAt: null })).toBe(
      false,
    );
  });

  it('filters by total spent, and never matches a spend in another currency', () => {
    const min = Money.of(10_000, 'USD');
    expect(segmentMatches(audienceSegment({ totalSpentMin: min }), customer)).toBe(true);
    expect(segmentMatches(audienceSegment({ totalSpentMax: Money.of(100, 'USD') }), customer)).toBe(false);
    expect(segmentMatches(audienceSegment({ totalSpentMin: Money.of(1, 'EUR') }), customer)).toBe(false);
    expect(segmentMatches(audienceSegment({ totalSpentMin: min }), { ...customer, totalSpent: null })).toBe(
      false,
    );
  });

  it('filters by any and all tags, case-insensitively', () => {
    expect(segmentMatches(audienceSegment({ tagsAny: ['vip', 'bags'] }), customer)).toBe(true);
    expect(segmentMatches(audienceSegment({ tagsAny: ['bags'] }), customer)).toBe(false);
    expect(segmentMatches(audienceSegment({ tagsAll: ['Vip', 'SHOES'] }), customer)).toBe(true);
    expect(segmentMatches(audienceSegment({ tagsAll: ['vip', 'bags'] }), customer)).toBe(false);
  });

  it('refuses inverted ranges and mixed currencies', () => {
    expect(() => audienceSegment({ lastOrderFrom: 2, lastOrderTo: 1 })).toThrow(ValidationError);
    expect(() =>
      audienceSegment({ totalSpentMin: Money.of(2, 'USD'), totalSpentMax: Money.of(1, 'USD') }),
    ).toThrow(/totalSpentMax/);
    expect(() =>
      audienceSegment({ totalSpentMin: Money.of(1, 'USD'), totalSpentMax: Money.of(2, 'EUR') }),
    ).toThrow(ValidationError);
  });

  it('round-trips through its JSON shape', () => {
    const segment = audienceSegment({ lastOrderFrom: 5, totalSpentMin: Money.of(1, 'KWD'), tagsAll: ['a'] });
    const snapshot = JSON.parse(JSON.stringify(segmentToSnapshot(segment)));
    expect(segmentToSnapshot(segmentFromSnapshot(snapshot))).toEqual(segmentToSnapshot(segment));
  });
});
