import { ValidationError, type ValidationIssue } from './errors.js';
import { Money, type MoneySnapshot } from './money.js';

/** The most tags a segment filter may list. */
export const MAX_SEGMENT_TAGS = 50;

/**
 * Which customers a campaign targets. Every filter that is set must match (AND); unset filters match
 * everyone. Only customers who opted in ever match.
 */
export interface AudienceSegment {
  /** Last order at or after this time (epoch ms). */
  readonly lastOrderFrom: number | null;
  /** Last order at or before this time (epoch ms). */
  readonly lastOrderTo: number | null;
  readonly totalSpentMin: Money | null;
  readonly totalSpentMax: Money | null;
  /** The customer has at least one of these tags. */
  readonly tagsAny: readonly string[];
  /** The customer has all of these tags. */
  readonly tagsAll: readonly string[];
}

/** The JSON shape of {@link AudienceSegment}. */
export interface AudienceSegmentSnapshot {
  readonly lastOrderFrom: number | null;
  readonly lastOrderTo: number | null;
  readonly totalSpentMin: MoneySnapshot | null;
  readonly totalSpentMax: MoneySnapshot | null;
  readonly tagsAny: readonly string[];
  readonly tagsAll: readonly string[];
}

/** What a segment is matched against; a `Customer` satisfies it. */
export interface SegmentCandidate {
  readonly lastOrderAt: number | null;
  readonly totalSpent: Money | null;
  readonly tags: readonly string[];
  readonly consent: 'UNKNOWN' | 'OPTED_IN' | 'OPTED_OUT';
}

/** Trims and lower-cases a tag (tags compare case-insensitively). */
export function normalizeTag(tag: string): string {
  return tag.trim().toLowerCase();
}

/**
 * Builds a segment from partial filters, normalizing tags and checking ranges (from ≤ to, min ≤ max in one
 * currency).
 *
 * @example
 * ```ts
 * const vip = audienceSegment({ totalSpentMin: Money.fromDecimal('500', 'USD'), tagsAny: ['vip'] });
 * ```
 * @throws {ValidationError}
 */
export function audienceSegment(filters: Partial<AudienceSegment> = {}): AudienceSegment {
  const issues: ValidationIssue[] = [];
  const time = (key: 'lastOrderFrom' | 'lastOrderTo'): number | null => {
    const value = filters[key] ?? null;
    if (value !== null && !(Number.isSafeInteger(value) && value >= 0))
      issues.push({ path: key, message: 'must be epoch ms' });
    return value;
  };
  const tags = (key: 'tagsAny' | 'tagsAll'): string[] => {
    const list = [
      ...new Set((filters[key] ?? []).map((tag) => (typeof tag === 'string' ? normalizeTag(tag) : ''))),
    ];
    if (list.length > MAX_SEGMENT_TAGS)
      issues.push({ path: key, message: `at most ${MAX_SEGMENT_TAGS} tags` });
    if (list.some((tag) => tag.length === 0 || tag.length > 50))
      issues.push({ path: key, message: 'tags are 1–50 characters' });
    return list;
  };
  const segment: AudienceSegment = {
    lastOrderFrom: time('lastOrderFrom'),
    lastOrderTo: time('lastOrderTo'),
    totalSpentMin: filters.totalSpentMin ?? null,
    totalSpentMax: filters.totalSpentMax ?? null,
    tagsAny: tags('tagsAny'),
    tagsAll: tags('tagsAll'),
  };
  const { lastOrderFrom: from, lastOrderTo: to, totalSpentMin: min, totalSpentMax: max } = segment;
  if (from !== null && to !== null && from > to)
    issues.push({ path: 'lastOrderTo', message: 'must not be before lastOrderFrom' });
  if (min && max && min.currency !== max.currency)
    issues.push({ path: 'totalSpentMax.currency', message: 'must match totalSpentMin' });
  else if (min && max && min.amountMinor > max.amountMinor) {
    issues.push({ path: 'totalSpentMax', message: 'must not be below totalSpentMin' });
  }
  if (issues.length > 0) throw new ValidationError('Invalid audience segment.', issues);
  return Object.freeze(segment);
}

/**
 * True when a customer belongs to the segment. Customers who have not opted in never match; a spend filter
 * in another currency than the customer's total does not match either.
 */
export function segmentMatches(segment: AudienceSegment, candidate: SegmentCandidate): boolean {
  if (candidate.consent !== 'OPTED_IN') return false;
  const { lastOrderFrom: from, lastOrderTo: to, totalSpentMin: min, totalSpentMax: max } = segment;
  if (from !== null || to !== null) {
    const at = candidate.lastOrderAt;
    if (at === null || (from !== null && at < from) || (to !== null && at > to)) return false;
  }
  if (min || max) {
    const spent = candidate.totalSpent;
    const currency = (min ?? max)?.currency;
    if (spent === null || spent.currency !== currency) return false;
    if ((min && spent.lessThan(min)) || (max && spent.greaterThan(max))) return false;
  }
  const tags = new Set(candidate.tags.map(normalizeTag));
  if (segment.tagsAny.length > 0 && !segment.tagsAny.some((tag) => tags.has(tag))) return false;
  return segment.tagsAll.every((tag) => tags.has(tag));
}

/** The JSON shape of a segment. */
export function segmentToSnapshot(segment: AudienceSegment): AudienceSegmentSnapshot {
  return {
    ...segment,
    totalSpentMin: segment.totalSpentMin?.toJSON() ?? null,
    totalSpentMax: segment.totalSpentMax?.toJSON() ?? null,
    tagsAny: [...segment.tagsAny],
    tagsAll: [...segment.tagsAll],
  };
}

/** Rebuilds and validates a segment from its JSON shape. @throws {ValidationError} */
export function segmentFromSnapshot(snapshot: AudienceSegmentSnapshot): AudienceSegment {
  return audienceSegment({
    ...snapshot,
    totalSpentMin: snapshot.totalSpentMin ? Money.fromSnapshot(snapshot.totalSpentMin) : null,
    totalSpentMax: snapshot.totalSpentMax ? Money.fromSnapshot(snapshot.totalSpentMax) : null,
  });
}
