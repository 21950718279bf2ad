import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { audienceSegment, segmentMatches } from './audience-segment.js';
import { Customer } from './customer.js';
import { applyAtomically, RUNS, timestamps } from './domain-test-helpers.js';
import { ValidationError } from './errors.js';
import { Money } from './money.js';
import { CurrencyMismatchError } from './money-errors.js';
import { InvalidPhoneNumberError } from './phone-number.js';

const now = 1_700_000_000_000;
const create = (extra: Partial<Parameters<typeof Customer.create>[0]> = {}) =>
  Customer.create({
    id: 'cus_1',
    organizationId: 'org_1',
    phone: 'whatsapp:+55 11 91234-5678',
    now,
    ...extra,
  });

describe('Customer', () => {
  it('stores the phone in E.164 and starts with unknown consent', () => {
    const customer = create({ name: 'Ana', locale: 'pt-br', tags: ['VIP', 'vip ', 'shoes'] });
    expect(customer.phone).toBe('+5511912345678');
    expect(customer.locale).toBe('pt-BR');
    expect(customer.tags).toEqual(['vip', 'shoes']);
    expect(customer.consent).toBe('UNKNOWN');
    expect(customer.canReceiveBusinessMessages).toBe(false);
  });

  it('refuses an invalid phone or locale', () => {
    expect(() => create({ phone: '91234-5678' })).toThrow(InvalidPhoneNumberError);
    expect(() => create({ locale: 'not a locale!' })).toThrow(ValidationError);
  });

  it('records opt-in and opt-out with timestamps and events, once each', () => {
    const customer = create();
    customer.pullEvents();
    expect(customer.optIn(now + 1)).toBe(true);
    expect(customer.optIn(now + 2)).toBe(false);
    expect(customer.canReceiveBusinessMessages).toBe(true);
    expect(customer.optOut(now + 3, 'STOP')).toBe(true);
    expect(customer.optOut(now + 4)).toBe(false);
    expect(customer.canReceiveBusinessMessages).toBe(false);
    const events = customer.pullEvents();
    expect(events.map((e) => e.type)).toEqual(['customer.opted_in', 'customer.opted_out']);
    expect(events[1]).toMatchObject({
      occurredAt: now + 3,
      payload: { phone: '+5511912345678', reason: 'STOP' },
    });
    const snapshot = customer.toSnapshot();
    expect([snapshot.optedInAt, snapshot.optedOutAt]).toEqual([now + 1, now + 3]);
  });

  it('keeps the order history segments filter on', () => {
    const customer = create({ optedIn: true, tags: ['vip'] });
    customer.recordPurchase(now, Money.of(5000, 'INR'), now - 10);
    customer.recordPurchase(now, Money.of(2500, 'INR'), now - 20);
    expect(customer.totalSpent?.amountMinor).toBe(7500);
    expect(customer.orderCount).toBe(2);
    expect(customer.lastOrderAt).toBe(now - 10);
    expect(
      segmentMatches(audienceSegment({ totalSpentMin: Money.of(7000, 'INR'), tagsAll: ['vip'] }), customer),
    ).toBe(true);
    expect(() => customer.recordPurchase(now, Money.of(1, 'USD'), now)).toThrow(CurrencyMismatchError);
  });

  it('adds and removes tags without duplicates', () => {
    const customer = create();
    customer.addTag(now, ' Shoes ');
    customer.addTag(now, 'shoes');
    expect(customer.tags).toEqual(['shoes']);
    customer.removeTag(now, 'SHOES');
    expect(customer.tags).toEqual([]);
    expect(() => customer.addTag(now, '')).toThrow(ValidationError);
  });

  it('round-trips through a JSON snapshot and rejects an inconsistent one', () => {
    const customer = create({ optedIn: true, locale: 'en-IN' });
    customer.recordPurchase(now, Money.of(100, 'INR'), now);
    const snapshot = JSON.parse(JSON.stringify(customer.toSnapshot()));
    expect(Customer.fromSnapshot(snapshot).toSnapshot()).toEqual(customer.toSnapshot());
    expect(() => Customer.fromSnapshot({ ...snapshot, orderCount: 0 })).toThrow(/orderCount/);
    expect(() => Customer.fromSnapshot({ ...snapshot, optedInAt: null })).toThrow(/optedInAt/);
  });

  it('stays valid under any sequence of operations; failures change nothing', () => {
    const operation = fc.oneof(
      timestamps().map((t) => (c: Customer) => c.optIn(t)),
      fc.tuple(timestamps(), fc.option(fc.string({ maxLength: 5 }))).map(
        ([t, r]) =>
          (c: Customer) =>
            c.optOut(t, r ?? undefined),
      ),
      fc.string({ maxLength: 6 }).map((tag) => (c: Customer) => c.addTag(now, tag)),
      fc.string({ maxLength: 6 }).map((tag) => (c: Customer) => c.removeTag(now, tag)),
      fc
        .constantFrom('en', 'pt-BR', 'xx-!!', null)
        .map((locale) => (c: Customer) => c.setLocale(now, locale)),
      fc.tuple(fc.integer({ min: -5, max: 10_000 }), fc.constantFrom('INR', 'INR', 'USD'), timestamps()).map(
        ([amount, currency, at]) =>
          (c: Customer) =>
            c.recordPurchase(now, Money.of(amount, currency), at),
      ),
    );
    fc.assert(
      fc.property(fc.array(operation, { maxLength: 20 }), (ops) => {
        applyAtomically(create(), ops, (s) => Customer.fromSnapshot(s));
      }),
      RUNS,
    );
  });
});
