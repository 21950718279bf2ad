import { describe, expect, it } from 'vitest';
import { type AudienceSegment, audienceSegment } from '../../domain/audience-segment.js';
import { Customer } from '../../domain/customer.js';
import type { CustomerSnapshot } from '../../domain/customer-snapshot.js';
import { ConflictError } from '../../domain/errors.js';
import { Money } from '../../domain/money.js';
import { describeAggregateBasics, useRepositoriesHarness } from './aggregate-repository.contract.js';
import { describeKeysetListing } from './listing-repository.contract.js';
import {
  aCustomer,
  byCodeUnits,
  CONTRACT_EPOCH,
  idsOf,
  type RepositoriesHarnessFactory,
  readAllPages,
  saveAll,
  usd,
} from './repository-contract-support.js';

const DAY = 86_400_000;
const EVERYONE = audienceSegment();

/**
 * Registers the behavioural tests every `CustomerRepository` must pass: the shared aggregate-repository rules,
 * one customer per phone and organization, `findByPhone`, and the campaign audience (`findAudience` in id
 * order with keyset pages, `countAudience`), each segment filter alone and combined, only opted-in customers.
 *
 * @example
 * ```ts
 * describeCustomerRepositoryContract('MemoryCustomerRepository', () => createMemoryStores());
 * ```
 */
export function describeCustomerRepositoryContract(
  name: string,
  createHarness: RepositoriesHarnessFactory,
): void {
  describe(`${name} (CustomerRepository contract)`, () => {
    const context = useRepositoriesHarness(createHarness);
    const customers = () => context.harness().repositories.customers;
    const names = () => context.names();

    describeAggregateBasics<Customer>(
      {
        what: 'customer',
        repository: (repositories) => repositories.customers,
        create: (createNames, organizationId, id) =>
          aCustomer(organizationId, id, {
            phone: createNames.phone(),
            tags: ['vip', 'são-paulo'],
            purchases: ['12.50'],
            lastOrderAt: CONTRACT_EPOCH - DAY,
          }),
        change: (customer, variant) => customer.rename(CONTRACT_EPOCH + variant, `Ana ${variant} ✓`),
        fromSnapshot: (snapshot: CustomerSnapshot) => Customer.fromSnapshot(snapshot),
      },
      context,
    );

    describeKeysetListing<Customer>(
      {
        what: 'customer audience',
        tieBreak: 'asc',
        // The audience is in id order, so the rank is written into the id.
        create: (listNames, organizationId, rank) =>
          aCustomer(organizationId, listNames.id(`cus_${String(rank + 1000).padStart(6, '0')}`), {
            phone: listNames.phone(),
          }),
        save: (customer) => customers().save(customer),
        list: (organizationId, page) => customers().findAudience(organizationId, EVERYONE, page),
      },
      context,
    );

    describe('phone', () => {
      it('finds a customer by phone only in its organization', async () => {
        const phone = names().phone();
        const customer = aCustomer(names().org(), names().id('cus'), { phone });
        await customers().save(customer);
        expect((await customers().findByPhone(names().org(), phone))?.toSnapshot()).toEqual(
          customer.toSnapshot(),
        );
        expect(await customers().findByPhone(names().org(), names().phone())).toBeNull();
        expect(await customers().findByPhone(names().org('b'), phone)).toBeNull();
      });

      it('refuses a second customer with the same phone in one organization, not in another', async () => {
        const phone = names().phone();
        const first = aCustomer(names().org(), names().id('cus'), { phone });
        await customers().save(first);
        const second = aCustomer(names().org(), names().id('cus'), { phone });
        await expect(customers().save(second)).rejects.toBeInstanceOf(ConflictError);
        expect(await customers().findById(names().org(), second.id)).toBeNull();
        const elsewhere = aCustomer(names().org('b'), names().id('cus'), { phone });
        await customers().save(elsewhere);
        expect((await customers().findByPhone(names().org(), phone))?.id).toBe(first.id);
        expect((await customers().findByPhone(names().org('b'), phone))?.id).toBe(elsewhere.id);
      });

      it('lets exactly one of two racing new customers with the same phone be saved', async () => {
        const phone = names().phone();
        const contenders = [
          aCustomer(names().org(), names().id('cus'), { phone }),
          aCustomer(names().org(), names().id('cus'), { phone }),
        ];
        const results = await Promise.allSettled(contenders.map((customer) => customers().save(customer)));
        expect(results.filter((result) => result.status === 'fulfilled')).toHaveLength(1);
        const rejected = results.find((result) => result.status === 'rejected') as PromiseRejectedResult;
        expect(rejected.reason).toBeInstanceOf(ConflictError);
        const winner = contenders[results.findIndex((result) => result.status === 'fulfilled')];
        expect((await customers().findByPhone(names().org(), phone))?.id).toBe(winner?.id);
      });
      it('lets a transaction find the customer it just saved by phone, and a rollback frees the phone', async (test) => {
        const unitOfWork = context.harness().unitOfWork;
        if (!unitOfWork) return test.skip();
        const phone = names().phone();
        const failure = new Error('work failed');
        await expect(
          unitOfWork.run(async (tx) => {
            await tx.customers.save(aCustomer(names().org(), names().id('cus'), { phone }));
            expect(await tx.customers.findByPhone(names().org(), phone)).not.toBeNull();
            expect(await tx.customers.countAudience(names().org(), EVERYONE)).toBe(1);
            throw failure;
          }),
        ).rejects.toBe(failure);
        expect(await customers().findByPhone(names().org(), phone)).toBeNull();
        const again = aCustomer(names().org(), names().id('cus'), { phone });
        await customers().save(again);
        expect((await customers().findByPhone(names().org(), phone))?.id).toBe(again.id);
      });
    });

    describe('audience', () => {
      /** A small population with every trait a segment looks at; the id's letter names the customer. */
      async function population() {
        const org = names().org();
        const make = (letter: string, traits: Omit<Parameters<typeof aCustomer>[2], 'phone'>) =>
          aCustomer(org, `${names().id('cus')}_${letter}`, { phone: names().phone(), ...traits });
        const day = (n: number) => CONTRACT_EPOCH - n * DAY;
        const people = {
          ana: make('a', { tags: ['vip', 'rice'], purchases: ['100.00'], lastOrderAt: day(1) }),
          bia: make('b', { tags: ['rice'], purchases: ['20.00'], lastOrderAt: day(10) }),
          caio: make('c', { tags: ['vip'], purchases: ['40.00', '10.00'], lastOrderAt: day(30) }),
          davi: make('d', { tags: ['beans'] }),
          eva: make('e', {
            tags: ['vip', 'rice'],
            purchases: ['100.00'],
            lastOrderAt: day(1),
            consent: 'OPTED_OUT',
          }),
          fabi: make('f', {
            tags: ['vip', 'rice'],
            purchases: ['100.00'],
            lastOrderAt: day(1),
            consent: 'UNKNOWN',
          }),
          gui: make('g', { tags: ['VIP', 'Beans'], purchases: ['50.00'], lastOrderAt: day(5) }),
        };
        await saveAll((customer: Customer) => customers().save(customer), Object.values(people));
        // The same traits in another organization never count.
        await customers().save(
          aCustomer(names().org('b'), names().id('cus'), { phone: names().phone(), tags: ['vip'] }),
        );
        return { org, people, day };
      }

      const ordered = (list: readonly Customer[]) => [...idsOf(list)].sort(byCodeUnits);

      async function expectAudience(org: string, segment: AudienceSegment, expected: readonly Customer[]) {
        const { items } = await readAllPages((page) => customers().findAudience(org, segment, page), 2);
        expect(idsOf(items)).toEqual(ordered(expected));
        expect(await customers().countAudience(org, segment)).toBe(expected.length);
      }

      it('targets only opted-in customers, in id order, when the segment has no filter', async () => {
        const { org, people: p } = await population();
        await expectAudience(org, EVERYONE, [p.ana, p.bia, p.caio, p.davi, p.gui]);
      });

      it('filters by last order time, from and to inclusive, alone and as a range', async () => {
        const { org, people: p, day } = await population();
        await expectAudience(org, audienceSegment({ lastOrderFrom: day(5) }), [p.ana, p.gui]);
        await expectAudience(org, audienceSegment({ lastOrderTo: day(10) }), [p.bia, p.caio]);
        await expectAudience(org, audienceSegment({ lastOrderFrom: day(10), lastOrderTo: day(5) }), [
          p.bia,
          p.gui,
        ]);
      });

      it('filters by total spent, min and max inclusive, alone and as a range, in its currency only', async () => {
        const { org, people: p } = await population();
        await expectAudience(org, audienceSegment({ totalSpentMin: usd('50.00') }), [p.ana, p.caio, p.gui]);
        await expectAudience(org, audienceSegment({ totalSpentMax: usd('50.00') }), [p.bia, p.caio, p.gui]);
        await expectAudience(
          org,
          audienceSegment({ totalSpentMin: usd('20.00'), totalSpentMax: usd('49.99') }),
          [p.bia],
        );
        await expectAudience(org, audienceSegment({ totalSpentMin: Money.fromDecimal('1.00', 'EUR') }), []);
      });

      it('filters by any of some tags and by all of some tags, case-insensitively', async () => {
        const { org, people: p } = await population();
        await expectAudience(org, audienceSegment({ tagsAny: ['beans', 'RICE'] }), [
          p.ana,
          p.bia,
          p.davi,
          p.gui,
        ]);
        await expectAudience(org, audienceSegment({ tagsAll: ['vip', 'rice'] }), [p.ana]);
        await expectAudience(org, audienceSegment({ tagsAll: ['vip'] }), [p.ana, p.caio, p.gui]);
        await expectAudience(org, audienceSegment({ tagsAny: ['nobody-has-this'] }), []);
      });

      it('combines every filter (AND)', async () => {
        const { org, people: p, day } = await population();
        await expectAudience(
          org,
          audienceSegment({
            lastOrderFrom: day(30),
            lastOrderTo: day(1),
            totalSpentMin: usd('45.00'),
            tagsAny: ['beans', 'rice'],
            tagsAll: ['vip'],
          }),
          [p.ana, p.gui],
        );
        await expectAudience(
          org,
          audienceSegment({ totalSpentMax: usd('60.00'), tagsAll: ['vip'], lastOrderTo: day(10) }),
          [p.caio],
        );
      });

      it('counts nothing for an organization without customers', async () => {
        expect(await customers().countAudience(names().org('empty'), EVERYONE)).toBe(0);
      });
    });
  });
}
