import { describe, expect, it } from 'vitest';
import type { OutboxMessage } from '../ports/unit-of-work.js';
import { createApplicationHarness } from './test-support.js';

const org = 'org_1';

describe('how every command runs', () => {
  it('appends the events to the outbox through the transaction, and emits them only after the commit', async () => {
    const appendedInside: OutboxMessage[] = [];
    let open = 0;
    const h = createApplicationHarness({
      wrapUnitOfWork: (inner) => ({
        run: (work) =>
          inner.run(async (tx) => {
            open += 1;
            try {
              return await work({
                ...tx,
                outbox: {
                  append: async (messages) => {
                    appendedInside.push(
                      ...(Array.isArray(messages) ? messages : [messages as OutboxMessage]),
                    );
                    await tx.outbox.append(messages);
                  },
                },
              });
            } finally {
              open -= 1;
            }
          }),
      }),
    });
    const seenAtEmit: Array<{ open: number; stored: string; relayable: number }> = [];
    h.events.on('customer.opted_out', (event) => {
      void (async () => {
        const stored = await h.stores.repositories.customers.getById(org, event.aggregateId);
        const relayable = await h.stores.outbox.claimBatch({ limit: 10 });
        seenAtEmit.push({ open, stored: stored.consent, relayable: relayable.length });
      })();
    });
    await h.app.commands.optOutCustomer({ organizationId: org, phone: '+14155550100' });
    await new Promise((resolve) => setImmediate(resolve));
    expect(appendedInside.map((message) => message.topic)).toEqual([
      'customer.created',
      'customer.opted_out',
    ]);
    // When the listener ran, no transaction was open, the change was stored and its messages were relayable.
    expect(seenAtEmit).toEqual([{ open: 0, stored: 'OPTED_OUT', relayable: 2 }]);
  });

  it('writes the whole envelope as the payload, with an id the queue accepts', async () => {
    const h = createApplicationHarness();
    await h.app.commands.optOutCustomer({ organizationId: org, phone: '+14155550100', reason: 'STOP' });
    const [, optedOut] = await h.drainOutbox();
    expect(optedOut).toEqual({
      id: 'evt_2',
      organizationId: org,
      topic: 'customer.opted_out',
      occurredAt: h.clock.now(),
      payload: {
        type: 'customer.opted_out',
        aggregateId: 'cus_1',
        organizationId: org,
        occurredAt: h.clock.now(),
        payload: { phone: '+14155550100', reason: 'STOP' },
      },
    });
  });

  it('does not fail the command when a listener throws; the error goes to the error event', async () => {
    const h = createApplicationHarness();
    const errors: Error[] = [];
    h.events.on('error', (error) => errors.push(error));
    h.events.on('customer.opted_in', () => {
      throw new Error('analytics down');
    });
    const customer = await h.app.commands.optInCustomer({ organizationId: org, phone: '+14155550100' });
    expect(customer.consent).toBe('OPTED_IN');
    expect(errors.map((error) => error.message)).toEqual(['analytics down']);
  });

  it('emits nothing and writes nothing when the command fails after changing an aggregate', async () => {
    const h = createApplicationHarness({
      wrapUnitOfWork: (inner) => ({
        run: (work) =>
          inner.run((tx) =>
            work({
              ...tx,
              outbox: {
                append: async () => {
                  throw new Error('disk full');
                },
              },
            }),
          ),
      }),
    });
    await expect(
      h.app.commands.optOutCustomer({ organizationId: org, phone: '+14155550100' }),
    ).rejects.toThrow('disk full');
    expect(await h.stores.repositories.customers.findByPhone(org, '+14155550100')).toBeNull();
    expect(h.events.emitted).toEqual([]);
  });
});
