import { AggregateRoot } from './aggregate-root.js';
import { normalizeTag, type SegmentCandidate } from './audience-segment.js';
import {
  type ConsentState,
  type CustomerSnapshot,
  MAX_CUSTOMER_TAGS,
  readCustomerSnapshot,
} from './customer-snapshot.js';
import type { CustomerEventName } from './domain-event.js';
import { ValidationError } from './errors.js';
import { optionalText, requireId, requireTimestamp } from './guards.js';
import { Money } from './money.js';
import { InvalidAmountError } from './money-errors.js';
import { normalizePhoneNumber } from './phone-number.js';

/** What {@link Customer.create} takes. */
export interface CreateCustomerInput {
  readonly id: string;
  readonly organizationId: string;
  /** Normalized to E.164 (`whatsapp:` prefixes, spaces and dashes are dropped). */
  readonly phone: string;
  readonly name?: string;
  /** A BCP 47 tag such as `pt-BR`; stored canonical. */
  readonly locale?: string;
  readonly tags?: readonly string[];
  /** True when the customer opted in as they were created (for example by messaging first). */
  readonly optedIn?: boolean;
  readonly now: number;
}

type CustomerState = Omit<CustomerSnapshot, 'id' | 'organizationId' | 'version' | 'totalSpent' | 'tags'> & {
  totalSpent: Money | null;
  tags: readonly string[];
};

function canonicalLocale(locale: string | null): string | null {
  if (locale === null) return null;
  try {
    const [canonical] = Intl.getCanonicalLocales(locale);
    if (canonical) return canonical;
  } catch {
    // fall through to the error below
  }
  throw new ValidationError('Invalid locale.', [
    { path: 'locale', message: 'must be a BCP 47 tag such as en-US' },
  ]);
}

function cleanTag(tag: string): string {
  const clean = typeof tag === 'string' ? normalizeTag(tag) : '';
  if (clean.length === 0 || clean.length > 50) {
    throw new ValidationError('Invalid tag.', [{ path: 'tags', message: 'a tag is 1 to 50 characters' }]);
  }
  return clean;
}

/**
 * A person the business talks to on WhatsApp: E.164 phone, consent with its timestamps, tags, and the order
 * history segments filter on. Business-initiated messages (campaigns, reminders) go only to OPTED_IN customers;
 * replies inside a conversation the customer started do not need consent.
 *
 * @example
 * ```ts
 * const customer = Customer.create({ id: 'cus_1', organizationId: 'org_1', phone: 'whatsapp:+55 11 91234-5678', now });
 * customer.optIn(now);
 * customer.recordPurchase(now, order.total, order.createdAt);
 * customer.optOut(later, 'STOP'); // raises customer.opted_out
 * ```
 */
export class Customer extends AggregateRoot<CustomerEventName> implements SegmentCandidate {
  #state: CustomerState;

  private constructor(id: string, organizationId: string, version: number, state: CustomerState) {
    super(id, organizationId, version);
    this.#state = state;
  }

  /** A new customer; raises `customer.created` (and `customer.opted_in` when `optedIn`). */
  static create(input: CreateCustomerInput): Customer {
    const now = requireTimestamp(input.now, 'now');
    const tags = [...new Set((input.tags ?? []).map(cleanTag))];
    if (tags.length > MAX_CUSTOMER_TAGS) {
      throw new ValidationError('Too many tags.', [
        { path: 'tags', message: `at most ${MAX_CUSTOMER_TAGS}` },
      ]);
    }
    const customer = new Customer(
      requireId(input.id, 'id'),
      requireId(input.organizationId, 'organizationId'),
      0,
      {
        phone: normalizePhoneNumber(input.phone),
        name: optionalText(input.name, 'name', { max: 200 }),
        locale: canonicalLocale(input.locale ?? null),
        tags,
        consent: 'UNKNOWN',
        optedInAt: null,
        optedOutAt: null,
        optOutReason: null,
        totalSpent: null,
        orderCount: 0,
        lastOrderAt: null,
        createdAt: now,
        updatedAt: now,
      },
    );
    customer.raise('customer.created', now, { phone: customer.phone });
    if (input.optedIn) customer.optIn(now);
    return customer;
  }

  /** Rebuilds a customer from a stored snapshot, checking every field and invariant. @throws {ValidationError} */
  static fromSnapshot(snapshot: CustomerSnapshot): Customer {
    const { id, organizationId, version, totalSpent, ...rest } = readCustomerSnapshot(snapshot);
    return new Customer(id, organizationId, version, {
      ...rest,
      totalSpent: totalSpent ? Money.fromSnapshot(totalSpent) : null,
    });
  }

  get phone(): string {
    return this.#state.phone;
  }
  get name(): string | null {
    return this.#state.name;
  }
  get locale(): string | null {
    return this.#state.locale;
  }
  get tags(): readonly string[] {
    return [...this.#state.tags];
  }
  get consent(): ConsentState {
    return this.#state.consent;
  }
  get totalSpent(): Money | null {
    return this.#state.totalSpent;
  }
  get orderCount(): number {
    return this.#state.orderCount;
  }
  get lastOrderAt(): number | null {
    return this.#state.lastOrderAt;
  }
  /** True when business-initiated messages (campaigns, reminders) may be sent. */
  get canReceiveBusinessMessages(): boolean {
    return this.#state.consent === 'OPTED_IN';
  }

  /** Records consent. Returns `false` (no event) when already opted in. */
  optIn(now: number): boolean {
    requireTimestamp(now, 'now');
    if (this.#state.consent === 'OPTED_IN') return false;
    this.#state = { ...this.#state, consent: 'OPTED_IN', optedInAt: now, optOutReason: null, updatedAt: now };
    this.raise('customer.opted_in', now, { phone: this.phone });
    return true;
  }

  /** Records withdrawal of consent (STOP). Returns `false` (no event) when already opted out. */
  optOut(now: number, reason?: string): boolean {
    requireTimestamp(now, 'now');
    const why = optionalText(reason, 'reason', { max: 500 });
    if (this.#state.consent === 'OPTED_OUT') return false;
    this.#state = {
      ...this.#state,
      consent: 'OPTED_OUT',
      optedOutAt: now,
      optOutReason: why,
      updatedAt: now,
    };
    this.raise('customer.opted_out', now, { phone: this.phone, reason: why });
    return true;
  }

  /** Sets or clears the display name. */
  rename(now: number, name: string | null): void {
    requireTimestamp(now, 'now');
    this.#state = { ...this.#state, name: optionalText(name, 'name', { max: 200 }), updatedAt: now };
  }

  /** Sets or clears the preferred locale (BCP 47). @throws {ValidationError} */
  setLocale(now: number, locale: string | null): void {
    requireTimestamp(now, 'now');
    this.#state = { ...this.#state, locale: canonicalLocale(locale), updatedAt: now };
  }

  /** Adds a tag (trimmed, lower-cased); adding one already there changes nothing. @throws {ValidationError} */
  addTag(now: number, tag: string): void {
    requireTimestamp(now, 'now');
    const clean = cleanTag(tag);
    if (this.#state.tags.includes(clean)) return;
    if (this.#state.tags.length >= MAX_CUSTOMER_TAGS) {
      throw new ValidationError('Too many tags.', [
        { path: 'tags', message: `at most ${MAX_CUSTOMER_TAGS}` },
      ]);
    }
    this.#state = { ...this.#state, tags: [...this.#state.tags, clean], updatedAt: now };
  }

  /** Removes a tag if present. */
  removeTag(now: number, tag: string): void {
    requireTimestamp(now, 'now');
    const clean = typeof tag === 'string' ? normalizeTag(tag) : '';
    this.#state = { ...this.#state, tags: this.#state.tags.filter((t) => t !== clean), updatedAt: now };
  }

  /**
   * Adds a confirmed order to the history segments filter on: `totalSpent` grows and `lastOrderAt` becomes the
   * latest order time. A customer's spend is kept in one currency (that of the first order).
   *
   * @throws {CurrencyMismatchError | InvalidAmountError}
   */
  recordPurchase(now: number, amount: Money, orderedAt: number): void {
    requireTimestamp(now, 'now');
    requireTimestamp(orderedAt, 'orderedAt');
    if (amount.isNegative()) throw new InvalidAmountError('A purchase amount cannot be negative.');
    const totalSpent = this.#state.totalSpent ? this.#state.totalSpent.add(amount) : amount;
    const last = this.#state.lastOrderAt;
    this.#state = {
      ...this.#state,
      totalSpent,
      orderCount: this.#state.orderCount + 1,
      lastOrderAt: last === null ? orderedAt : Math.max(last, orderedAt),
      updatedAt: now,
    };
  }

  /** The JSON-safe snapshot stores persist. */
  toSnapshot(): CustomerSnapshot {
    const { totalSpent, tags, ...rest } = this.#state;
    return {
      id: this.id,
      organizationId: this.organizationId,
      version: this.version,
      ...rest,
      tags: [...tags],
      totalSpent: totalSpent?.toJSON() ?? null,
    };
  }
}
