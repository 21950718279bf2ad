import { describe, expect, it } from 'vitest';
import type { DomainEvent } from '../domain/domain-event.js';
import { toOutboxMessages } from './outbox-messages.js';

const event: DomainEvent = {
  type: 'invoice.voided',
  aggregateId: 'inv_1',
  organizationId: 'org_1',
  occurredAt: 42,
  payload: { reason: 'typo' },
};

describe('toOutboxMessages', () => {
  it('turns each event into a message with a fresh id, its topic and its envelope as JSON', () => {
    let n = 0;
    const messages = toOutboxMessages([event, event], { next: (prefix) => `${prefix}_${++n}` });
    expect(messages).toEqual([
      {
        id: 'evt_1',
        organizationId: 'org_1',
        topic: 'invoice.voided',
        payload: { ...event },
        occurredAt: 42,
      },
      {
        id: 'evt_2',
        organizationId: 'org_1',
        topic: 'invoice.voided',
        payload: { ...event },
        occurredAt: 42,
      },
    ]);
    expect(messages[0]?.payload).not.toBe(event);
  });

  it('refuses ids with a colon, which job queues reject', () => {
    expect(() => toOutboxMessages([event], { next: () => 'evt:1' })).toThrow(RangeError);
  });
});
