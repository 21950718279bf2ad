import { audienceSegment, Customer, Money, segmentMatches } from '@chatcart/core';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { aCustomer, T0, uniqueName } from './support/fixtures.js';
import { createTestDatabase, databaseUrl, type TestDatabase } from './support/postgres-schema.js';

const DAY = 86_400_000;
const DAYS = [1, 2, 3, 5, 8].map((day) => T0 + day * DAY);
const AMOUNTS = [0, 999, 1_000, 1_001, 5_000, 12_345];
const TAGS = ['vip', 'rice', 'beans', 'new'];

/** A small deterministic population covering every trait a segment looks at, boundaries included. */
function population(org: string): Customer[] {
  let seed = 7;
  const pick = <T>(list: readonly T[]): T => {
    seed = (seed * 48_271) % 2_147_483_647;
    return list[seed % list.length] as T;
  };
  return Array.from({ length: 90 }, (_, index) => {
    const customer = aCustomer(
      org,
      `cus_${String(index).padStart(3, '0')}`,
      `+1555${String(index).padStart(7, '0')}`,
      TAGS.filter(() => pick([true, false])),
    );
    const consent = pick(['OPTED_IN', 'OPTED_IN', 'OPTED_OUT', 'UNKNOWN'] as const);
    if (consent === 'OPTED_OUT') customer.optOut(T0, 'STOP');
    const currency = pick(['USD', 'USD', 'EUR']);
    const purchases = pick([0, 1, 1, 2]);
    for (let n = 0; n < purchases; n += 1)
      customer.recordPurchase(T0, Money.of(pick(AMOUNTS), currency), pick(DAYS));
    return consent === 'UNKNOWN' ? withUnknownConsent(customer) : customer;
  });
}

/** Customers are created opted in by the fixture; UNKNOWN consent is the state before any answer. */
function withUnknownConsent(customer: Customer): Customer {
  const snapshot = customer.toSnapshot();
  return Customer.fromSnapshot({ ...snapshot, consent: 'UNKNOWN', optedInAt: null });
}

const segments = fc.record({
  lastOrderFrom: fc.option(fc.constantFrom(...DAYS, DAYS[0]! - 1, DAYS[4]! + 1)),
  lastOrderTo: fc.option(fc.constantFrom(...DAYS)),
  currency: fc.constantFrom('USD', 'EUR'),
  totalSpentMin: fc.option(fc.constantFrom(...AMOUNTS)),
  totalSpentMax: fc.option(fc.constantFrom(...AMOUNTS, 2_000)),
  tagsAny: fc.subarray([...TAGS, 'VIP', 'nobody']),
  tagsAll: fc.subarray([...TAGS, 'Rice']),
});

describe.skipIf(!databaseUrl)('PostgresCustomerRepository audience query', () => {
  let db: TestDatabase;
  let org: string;
  let customers: Customer[];
  beforeAll(async () => {
    db = await createTestDatabase();
    org = uniqueName('org');
    customers = population(org);
    for (const customer of customers) await db.stores.repositories.customers.save(customer);
  });
  afterAll(async () => {
    await db?.drop();
  });

  it('targets exactly the customers the domain’s segmentMatches picks, page by page and in the count', async () => {
    await fc.assert(
      fc.asyncProperty(segments, async (filters) => {
        const from = filters.lastOrderFrom;
        const to =
          filters.lastOrderTo === null || from === null || filters.lastOrderTo >= from
            ? filters.lastOrderTo
            : null;
        const min = filters.totalSpentMin;
        const max =
          filters.totalSpentMax === null || min === null || filters.totalSpentMax >= min
            ? filters.totalSpentMax
            : null;
        const segment = audienceSegment({
          lastOrderFrom: from,
          lastOrderTo: to,
          totalSpentMin: min === null ? null : Money.of(min, filters.currency),
          totalSpentMax: max === null ? null : Money.of(max, filters.currency),
          tagsAny: filters.tagsAny,
          tagsAll: filters.tagsAll,
        });
        const expected = customers
          .filter((customer) => segmentMatches(segment, customer))
          .map((customer) => customer.id);

        const found: string[] = [];
        let after: string | null = null;
        do {
          const page = await db.stores.repositories.customers.findAudience(org, segment, { limit: 7, after });
          found.push(...page.items.map((customer) => customer.id));
          after = page.nextCursor;
        } while (after !== null);

        expect(found).toEqual(expected);
        expect(await db.stores.repositories.customers.countAudience(org, segment)).toBe(expected.length);
      }),
      { numRuns: 60, seed: 20_260_301 },
    );
  });
});
