import { audienceSegment, type Repositories } from '@chatcart/core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  aCampaign,
  aCustomer,
  aProduct,
  aReminder,
  draftInvoice,
  draftOrder,
  T0,
  uniqueName,
} from './support/fixtures.js';
import { createTestDatabase, databaseUrl, type TestDatabase } from './support/postgres-schema.js';

const PHONE = '+15550001111';

/** Every read a repository offers, for one organization, as the organization ids of what it returned. */
async function everyRead(repositories: Repositories, org: string): Promise<Record<string, string[]>> {
  const orgsOf = (found: readonly ({ organizationId: string } | null)[]) =>
    found.flatMap((each) => (each ? [each.organizationId] : []));
  const { orders, invoices, reminders, campaigns, customers, products } = repositories;
  const everyone = audienceSegment();
  return {
    'orders.findById': orgsOf([await orders.findById(org, 'shared_id')]),
    'orders.list': orgsOf((await orders.list(org)).items),
    'orders.list by customer': orgsOf((await orders.list(org, { customerId: 'cus_1' })).items),
    'invoices.findById': orgsOf([await invoices.findById(org, 'shared_id')]),
    'invoices.findByOrderId': orgsOf([await invoices.findByOrderId(org, 'shared_order')]),
    'invoices.list': orgsOf((await invoices.list(org)).items),
    'reminders.findById': orgsOf([await reminders.findById(org, 'shared_id')]),
    'reminders.list': orgsOf((await reminders.list(org)).items),
    'campaigns.findById': orgsOf([await campaigns.findById(org, 'shared_id')]),
    'campaigns.list': orgsOf((await campaigns.list(org)).items),
    'customers.findById': orgsOf([await customers.findById(org, 'shared_id')]),
    'customers.findByPhone': orgsOf([await customers.findByPhone(org, PHONE)]),
    'customers.findAudience': orgsOf((await customers.findAudience(org, everyone)).items),
    'customers.countAudience': Array.from(
      { length: await customers.countAudience(org, everyone) },
      () => '?',
    ),
    'products.findById': orgsOf([await products.findById(org, 'shared_id')]),
    'products.findBySku': orgsOf([await products.findBySku(org, 'RICE-5')]),
    'products.list': orgsOf((await products.list(org)).items),
  };
}

async function seed(repositories: Repositories, org: string): Promise<void> {
  await repositories.orders.save(draftOrder(org, 'shared_id'));
  await repositories.invoices.save(draftInvoice(org, 'shared_id', 'INV-1', 'shared_order'));
  await repositories.reminders.save(aReminder(org, 'shared_id'));
  await repositories.campaigns.save(aCampaign(org, 'shared_id'));
  await repositories.customers.save(aCustomer(org, 'shared_id', PHONE, ['vip']));
  await repositories.products.save(aProduct(org, 'shared_id', 'RICE-5'));
}

describe.skipIf(!databaseUrl)('Tenant isolation of the Postgres repositories', () => {
  let db: TestDatabase;
  beforeAll(async () => {
    db = await createTestDatabase();
  });
  afterAll(async () => {
    await db?.drop();
  });

  it('never returns another organization’s rows, even with the same ids, phone and SKU', async () => {
    const [a, b, empty] = [uniqueName('org_a'), uniqueName('org_b'), uniqueName('org_empty')];
    await seed(db.stores.repositories, a);
    await seed(db.stores.repositories, b);

    for (const org of [a, b]) {
      const reads = await everyRead(db.stores.repositories, org);
      for (const [method, orgs] of Object.entries(reads)) {
        expect({ method, orgs }).toEqual({ method, orgs: method.endsWith('countAudience') ? ['?'] : [org] });
      }
    }
    const nothing = await everyRead(db.stores.repositories, empty);
    for (const [method, orgs] of Object.entries(nothing))
      expect({ method, orgs }).toEqual({ method, orgs: [] });
  });

  it('reads the same way inside a transaction', async () => {
    const [a, b] = [uniqueName('org_a'), uniqueName('org_b')];
    await seed(db.stores.repositories, a);
    const reads = await db.stores.unitOfWork.run((tx) => everyRead(tx, b));
    for (const [method, orgs] of Object.entries(reads))
      expect({ method, orgs }).toEqual({ method, orgs: [] });
  });

  it('never changes another organization’s row when saving one with the same id', async () => {
    const [a, b] = [uniqueName('org_a'), uniqueName('org_b')];
    await seed(db.stores.repositories, a);
    await seed(db.stores.repositories, b);
    const before = (await db.stores.repositories.orders.getById(a, 'shared_id')).toSnapshot();

    const theirs = await db.stores.repositories.orders.getById(b, 'shared_id');
    theirs.confirm(T0 + 5_000);
    await db.stores.repositories.orders.save(theirs);

    expect((await db.stores.repositories.orders.getById(a, 'shared_id')).toSnapshot()).toEqual(before);
    expect((await db.stores.repositories.orders.getById(b, 'shared_id')).status).toBe('CONFIRMED');
  });

  it('keeps every due reminder of the sweeper’s cross-organization read tagged with its own organization', async () => {
    const [a, b] = [uniqueName('org_a'), uniqueName('org_b')];
    const dueAt = 1_000; // long before anything other tests schedule
    await db.stores.repositories.reminders.save(aReminder(a, 'due_1', dueAt));
    await db.stores.repositories.reminders.save(aReminder(b, 'due_1', dueAt));
    const due = await db.stores.repositories.reminders.findDue(dueAt, 10);
    expect(due.map((reminder) => [reminder.organizationId, reminder.id]).sort()).toEqual(
      [
        [a, 'due_1'],
        [b, 'due_1'],
      ].sort(),
    );
  });
});
