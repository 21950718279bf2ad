import { type AudienceSegment, segmentMatches } from '../domain/audience-segment.js';
import { Customer } from '../domain/customer.js';
import type { CustomerSnapshot } from '../domain/customer-snapshot.js';
import { Money } from '../domain/money.js';
import type { CustomerRepository, Page, PageRequest } from '../ports/repositories.js';
import type { SortOrder } from './keyset-page.js';
import { MemoryAggregateRepository } from './memory-aggregate-repository.js';

const ID_ORDER: SortOrder<CustomerSnapshot> = [{ value: (row) => row.id, type: 'string', direction: 'asc' }];

/**
 * The embedded `CustomerRepository`: customers as snapshots, compare-and-set saves, one customer per phone
 * and organization (a second throws `UniqueKeyConflictError`, a `ConflictError`), and campaign audiences
 * matched with the domain's `segmentMatches`.
 *
 * @example
 * ```ts
 * const customers = new MemoryCustomerRepository();
 * await customers.save(customer);
 * const first = await customers.findAudience('org_1', audienceSegment({ tagsAny: ['vip'] }), { limit: 500 });
 * ```
 */
export class MemoryCustomerRepository
  extends MemoryAggregateRepository<Customer, CustomerSnapshot>
  implements CustomerRepository
{
  constructor() {
    super({
      what: 'Customer',
      fromSnapshot: (snapshot) => Customer.fromSnapshot(snapshot),
      uniqueKeys: (row) => [
        { key: `phone\u0000${row.organizationId}\u0000${row.phone}`, label: `phone ${row.phone}` },
      ],
    });
  }

  async findByPhone(organizationId: string, phone: string): Promise<Customer | null> {
    const row = this.rows(organizationId).find((each) => each.phone === phone);
    return row ? this.rebuild(row) : null;
  }

  async findAudience(
    organizationId: string,
    segment: AudienceSegment,
    page: PageRequest = {},
  ): Promise<Page<Customer>> {
    return this.page(audienceOf(this.rows(organizationId), segment), ID_ORDER, page);
  }

  async countAudience(organizationId: string, segment: AudienceSegment): Promise<number> {
    return audienceOf(this.rows(organizationId), segment).length;
  }
}

/** The rows a segment targets, by the same rule as the domain (`segmentMatches`). */
function audienceOf(rows: readonly CustomerSnapshot[], segment: AudienceSegment): CustomerSnapshot[] {
  return rows.filter((row) =>
    segmentMatches(segment, {
      consent: row.consent,
      lastOrderAt: row.lastOrderAt,
      tags: row.tags,
      totalSpent: row.totalSpent ? Money.fromSnapshot(row.totalSpent) : null,
    }),
  );
}
