import { describe, expect, it } from 'vitest';
import { ChatcartError, ValidationError } from '../domain/errors.js';
import type { OutboxMessage } from '../ports/unit-of-work.js';
import { describeOutboxContract } from '../testing/contracts/outbox.contract.js';
import { ManualClock } from '../testing/manual-clock.js';
import { MemoryOutbox } from './memory-outbox.js';
import { MemoryUnitOfWork } from './memory-unit-of-work.js';

describeOutboxContract('MemoryOutbox (ManualClock)', () => {
  const clock = new ManualClock(Date.parse('2026-01-01T00:00:00Z'));
  const outbox = new MemoryOutbox({ clock });
  return { outbox, clock, unitOfWork: new MemoryUnitOfWork((tx) => ({ outbox: outbox.within(tx) })) };
});

describeOutboxContract('MemoryOutbox (real time)', () => {
  const outbox = new MemoryOutbox();
  return { outbox, unitOfWork: new MemoryUnitOfWork((tx) => ({ outbox: outbox.within(tx) })) };
});

describe('MemoryOutbox', () => {
  const outbox = new MemoryOutbox();
  const unitOfWork = new MemoryUnitOfWork((tx) => ({ outbox: outbox.within(tx) }));
  const valid: OutboxMessage = {
    id: 'evt_1',
    organizationId: 'org_1',
    topic: 'order.confirmed',
    payload: { orderId: 'ord_1' },
    occurredAt: 0,
  };

  it('refuses a message whose id contains ":" or whose payload is not JSON, naming the field', async () => {
    const bad = { ...valid, id: 'evt:1', payload: { at: 1n } } as unknown as OutboxMessage;
    const error = await unitOfWork.run((tx) => tx.outbox.append(bad)).catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(ValidationError);
    expect((error as ValidationError).issues.map((issue) => issue.path)).toEqual(['id', 'payload']);
  });

  it('refuses an id that is already in the outbox, rolling the whole transaction back', async () => {
    const local = new MemoryOutbox();
    const work = new MemoryUnitOfWork((tx) => ({ outbox: local.within(tx) }));
    await work.run((tx) => tx.outbox.append(valid));
    await expect(
      work.run((tx) => tx.outbox.append([{ ...valid, id: 'evt_2' }, valid])),
    ).rejects.toMatchObject({ code: 'OUTBOX_DUPLICATE_ID' });
    expect((await local.claimBatch({ limit: 10 })).map((message) => message.id)).toEqual(['evt_1']);
  });

  it('refuses the second of two concurrent transactions committing the same id', async () => {
    const local = new MemoryOutbox();
    const work = new MemoryUnitOfWork((tx) => ({ outbox: local.within(tx) }));
    const outcomes = await Promise.allSettled([
      work.run((tx) => tx.outbox.append(valid)),
      work.run((tx) => tx.outbox.append({ ...valid, payload: 'other' })),
    ]);
    expect(outcomes.map((outcome) => outcome.status).sort()).toEqual(['fulfilled', 'rejected']);
    expect(await local.claimBatch({ limit: 10 })).toHaveLength(1);
  });

  it('refuses writes through a context kept after its transaction ended', async () => {
    let kept: { append(message: OutboxMessage): Promise<void> } | undefined;
    await unitOfWork.run(async (tx) => {
      kept = tx.outbox;
    });
    await expect(kept!.append({ ...valid, id: 'evt_late' })).rejects.toBeInstanceOf(ChatcartError);
  });

  it('refuses a claim limit below 1', async () => {
    await expect(outbox.claimBatch({ limit: 0 })).rejects.toBeInstanceOf(RangeError);
  });
});
