import { describe, expect, it } from 'vitest';
import { createApplicationHarness } from './test-support.js';

const org = 'org_1';

describe('optOutCustomer', () => {
  it('remembers the opt-out of a phone it has never seen', async () => {
    const h = createApplicationHarness();
    const customer = await h.app.commands.optOutCustomer({
      organizationId: org,
      phone: 'whatsapp:+14155550100',
      reason: 'STOP',
    });
    expect(customer).toMatchObject({
      id: 'cus_1',
      phone: '+14155550100',
      consent: 'OPTED_OUT',
      optOutReason: 'STOP',
    });
    expect((await h.stores.repositories.customers.findByPhone(org, '+14155550100'))?.consent).toBe(
      'OPTED_OUT',
    );
    expect((await h.drainOutbox()).map((message) => message.topic)).toEqual([
      'customer.created',
      'customer.opted_out',
    ]);
  });

  it('changes nothing when repeated', async () => {
    const h = createApplicationHarness();
    await h.addCustomer({ id: 'cus_known', phone: '+14155550100' });
    const first = await h.app.commands.optOutCustomer({ organizationId: org, phone: '+14155550100' });
    const second = await h.app.commands.optOutCustomer({ organizationId: org, phone: '+14155550100' });
    expect(second).toEqual(first);
    expect(first.version).toBe(2);
    expect(h.events.types).toEqual(['customer.opted_out']);
  });

  it('names a bad phone', async () => {
    const h = createApplicationHarness();
    await expect(h.app.commands.optOutCustomer({ organizationId: org, phone: '555' })).rejects.toMatchObject({
      code: 'VALIDATION_FAILED',
      issues: [{ path: 'phone', message: expect.stringContaining('E.164') }],
    });
  });
});

describe('optInCustomer', () => {
  it('opts a new phone in with its name, and an opted-out customer back in', async () => {
    const h = createApplicationHarness();
    const fresh = await h.app.commands.optInCustomer({
      organizationId: org,
      phone: '+14155550100',
      name: 'Asha',
    });
    expect(fresh).toMatchObject({ consent: 'OPTED_IN', name: 'Asha' });
    await h.app.commands.optOutCustomer({ organizationId: org, phone: '+14155550100' });
    const back = await h.app.commands.optInCustomer({ organizationId: org, phone: '+14155550100' });
    expect(back).toMatchObject({ id: fresh.id, consent: 'OPTED_IN', optOutReason: null });
    // Consent is per organization: the same phone elsewhere is another customer.
    const elsewhere = await h.app.commands.optOutCustomer({ organizationId: 'org_2', phone: '+14155550100' });
    expect(elsewhere.id).not.toBe(fresh.id);
  });
});

describe('input errors', () => {
  it('says a missing field is required and a mistyped one what it must be', async () => {
    const h = createApplicationHarness();
    const error = await h.app.commands
      .optOutCustomer({ phone: 42 } as never)
      .catch((caught: unknown) => caught);
    expect(error).toMatchObject({
      issues: [
        { path: 'organizationId', message: 'is required' },
        { path: 'phone', message: 'must be a phone number' },
      ],
    });
  });

  it('refuses a conflict retry count out of range when the handlers are built', () => {
    expect(() => createApplicationHarness({ conflictRetries: 11 })).toThrow(RangeError);
  });
});
