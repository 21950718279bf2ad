import { MAX_SEGMENT_TAGS } from './audience-segment.js';
import type { MoneySnapshot } from './money.js';
import { isE164PhoneNumber } from './phone-number.js';
import { SnapshotReader } from './snapshot-reader.js';

/** Consent states for business-initiated messages. */
export const CONSENT_STATES = ['UNKNOWN', 'OPTED_IN', 'OPTED_OUT'] as const;
/** Whether a customer agreed to messages: unknown until they opt in or out. */
export type ConsentState = (typeof CONSENT_STATES)[number];

/** The most tags one customer carries. */
export const MAX_CUSTOMER_TAGS = MAX_SEGMENT_TAGS;

/** The JSON shape of a customer, the only way in and out of a store. */
export interface CustomerSnapshot {
  readonly id: string;
  readonly organizationId: string;
  readonly version: number;
  /** E.164, unique per organization. */
  readonly phone: string;
  readonly name: string | null;
  /** Canonical BCP 47 tag, for example `pt-BR`. */
  readonly locale: string | null;
  /** Lower-case, unique. */
  readonly tags: readonly string[];
  readonly consent: ConsentState;
  readonly optedInAt: number | null;
  readonly optedOutAt: number | null;
  readonly optOutReason: string | null;
  readonly totalSpent: MoneySnapshot | null;
  readonly orderCount: number;
  readonly lastOrderAt: number | null;
  readonly createdAt: number;
  readonly updatedAt: number;
}

/**
 * Validates an untrusted customer snapshot and returns a clean copy (internal; use `Customer.fromSnapshot`).
 *
 * @throws {ValidationError} listing every problem.
 */
export function readCustomerSnapshot(input: unknown): CustomerSnapshot {
  const r = SnapshotReader.of(input);
  const s: CustomerSnapshot = {
    id: r.string('id'),
    organizationId: r.string('organizationId'),
    version: r.integer('version', 0),
    phone: r.string('phone', { max: 16 }),
    name: r.stringOrNull('name'),
    locale: r.stringOrNull('locale', { max: 35 }),
    tags: r.stringArray('tags', MAX_CUSTOMER_TAGS, { max: 50 }),
    consent: r.oneOf('consent', CONSENT_STATES),
    optedInAt: r.timestampOrNull('optedInAt'),
    optedOutAt: r.timestampOrNull('optedOutAt'),
    optOutReason: r.stringOrNull('optOutReason', { max: 500 }),
    totalSpent: r.moneyOrNull('totalSpent')?.toJSON() ?? null,
    orderCount: r.integer('orderCount', 0),
    lastOrderAt: r.timestampOrNull('lastOrderAt'),
    createdAt: r.timestamp('createdAt'),
    updatedAt: r.timestamp('updatedAt'),
  };
  if (!isE164PhoneNumber(s.phone)) r.issue('phone', 'must be E.164');
  if (s.tags.some((tag) => tag !== tag.toLowerCase()) || new Set(s.tags).size !== s.tags.length) {
    r.issue('tags', 'must be lower-case and unique');
  }
  if (s.consent === 'OPTED_IN' && s.optedInAt === null) r.issue('optedInAt', 'must be set when OPTED_IN');
  if (s.consent === 'OPTED_OUT' && s.optedOutAt === null) r.issue('optedOutAt', 'must be set when OPTED_OUT');
  if (s.consent !== 'OPTED_OUT' && s.optOutReason !== null)
    r.issue('optOutReason', 'is set on a customer not opted out');
  if ((s.orderCount === 0) !== (s.totalSpent === null) || (s.orderCount === 0) !== (s.lastOrderAt === null)) {
    r.issue('orderCount', 'totalSpent and lastOrderAt are set exactly when there are orders');
  }
  if (s.totalSpent !== null && s.totalSpent.amountMinor < 0) r.issue('totalSpent', 'must not be negative');
  if (s.locale !== null) {
    try {
      if (Intl.getCanonicalLocales(s.locale)[0] !== s.locale)
        r.issue('locale', 'must be a canonical BCP 47 tag');
    } catch {
      r.issue('locale', 'must be a BCP 47 language tag');
    }
  }
  r.finish('customer');
  return s;
}
