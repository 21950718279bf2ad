import { describe, expect, it } from 'vitest';
import { audienceSegment } from '../domain/audience-segment.js';
import { ChatcartError, ConflictError, type ValidationError } from '../domain/errors.js';
import { describeRepositoriesContract } from '../testing/contracts/repositories.contract.js';
import {
  aCustomer,
  anInvoice,
  anOrder,
  CONTRACT_EPOCH,
} from '../testing/contracts/repository-contract-support.js';
import { ManualClock } from '../testing/manual-clock.js';
import { createMemoryStores } from './memory-stores.js';
import { UniqueKeyConflictError } from './snapshot-table.js';

describeRepositoriesContract('createMemoryStores', () => createMemoryStores({ clock: new ManualClock(0) }));

describe('createMemoryStores', () => {
  it('commits repositories, invoice numbers and the outbox together', async () => {
    const { repositories, unitOfWork, outbox, invoiceNumbers } = createMemoryStores({
      clock: new ManualClock(0),
    });
    const order = anOrder('org_1', 'ord_1');
    const number = await unitOfWork.run(async (tx) => {
      await tx.orders.save(order);
      await tx.outbox.append({
        id: 'evt_1',
        organizationId: 'org_1',
        topic: 'order.created',
        payload: {},
        occurredAt: 0,
      });
      return tx.invoiceNumbers.next('org_1');
    });
    expect(number).toBe(1);
    expect(invoiceNumbers.peek('org_1')).toBe(1);
    expect((await repositories.orders.getById('org_1', 'ord_1')).version).toBe(1);
    expect(await outbox.claimBatch({ limit: 10 })).toHaveLength(1);
  });

  it('rolls back repositories, invoice numbers and the outbox together', async () => {
    const { repositories, unitOfWork, outbox, invoiceNumbers } = createMemoryStores();
    await expect(
      unitOfWork.run(async (tx) => {
        await tx.orders.save(anOrder('org_1', 'ord_1'));
        await tx.invoiceNumbers.next('org_1');
        await tx.outbox.append({
          id: 'evt_1',
          organizationId: 'org_1',
          topic: 't',
          payload: {},
          occurredAt: 0,
        });
        throw new Error('boom');
      }),
    ).rejects.toThrow('boom');
    expect(await repositories.orders.findById('org_1', 'ord_1')).toBeNull();
    expect(invoiceNumbers.peek('org_1')).toBe(0);
    expect(await outbox.claimBatch({ limit: 10 })).toEqual([]);
  });

  it('shows a transaction its own writes in listings, lookups and audiences', async () => {
    const { repositories, unitOfWork } = createMemoryStores();
    const customer = aCustomer('org_1', 'cus_1', { phone: '+15550000001', tags: ['vip'] });
    await unitOfWork.run(async (tx) => {
      await tx.customers.save(customer);
      await tx.orders.save(anOrder('org_1', 'ord_1'));
      expect((await tx.customers.findByPhone('org_1', '+15550000001'))?.id).toBe('cus_1');
      expect(await tx.customers.countAudience('org_1', audienceSegment({ tagsAny: ['vip'] }))).toBe(1);
      expect((await tx.orders.list('org_1')).items.map((order) => order.id)).toEqual(['ord_1']);
      expect((await repositories.orders.list('org_1')).items).toEqual([]);
    });
    expect(await repositories.customers.countAudience('org_1', audienceSegment())).toBe(1);
  });

  it('re-checks unique values at commit against what others committed meanwhile', async () => {
    const { repositories, unitOfWork } = createMemoryStores();
    const error = await unitOfWork
      .run(async (tx) => {
        await tx.orders.save(anOrder('org_1', 'ord_1'));
        await tx.customers.save(aCustomer('org_1', 'cus_1', { phone: '+15550000001' }));
        await repositories.customers.save(aCustomer('org_1', 'cus_2', { phone: '+15550000001' }));
      })
      .catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(UniqueKeyConflictError);
    expect(error).toBeInstanceOf(ConflictError);
    expect((error as Error).message).toContain('phone +15550000001');
    expect(await repositories.orders.findById('org_1', 'ord_1')).toBeNull();
    expect((await repositories.customers.findByPhone('org_1', '+15550000001'))?.id).toBe('cus_2');
  });

  it('frees a unique value that a rolled-back transaction had taken', async () => {
    const { repositories, unitOfWork } = createMemoryStores();
    await expect(
      unitOfWork.run(async (tx) => {
        await tx.customers.save(aCustomer('org_1', 'cus_1', { phone: '+15550000001' }));
        throw new Error('boom');
      }),
    ).rejects.toThrow('boom');
    await repositories.customers.save(aCustomer('org_1', 'cus_2', { phone: '+15550000001' }));
    expect((await repositories.customers.findByPhone('org_1', '+15550000001'))?.id).toBe('cus_2');
  });

  it('lets one transaction void an order’s invoice and issue its replacement', async () => {
    const { repositories, unitOfWork } = createMemoryStores();
    await repositories.invoices.save(anInvoice('org_1', 'inv_1', { orderId: 'ord_1' }));
    await unitOfWork.run(async (tx) => {
      const replacement = anInvoice('org_1', 'inv_2', { orderId: 'ord_1' });
      await expect(tx.invoices.save(replacement)).rejects.toBeInstanceOf(ConflictError);
      const first = await tx.invoices.getById('org_1', 'inv_1');
      first.void(CONTRACT_EPOCH, 'replaced');
      await tx.invoices.save(first);
      await tx.invoices.save(replacement);
    });
    expect((await repositories.invoices.findByOrderId('org_1', 'ord_1'))?.id).toBe('inv_2');
  });

  it('applies several saves of one aggregate in a transaction as one compare-and-set', async () => {
    const { repositories, unitOfWork } = createMemoryStores();
    const order = anOrder('org_1', 'ord_1');
    await repositories.orders.save(order);
    await unitOfWork.run(async (tx) => {
      const loaded = await tx.orders.getById('org_1', 'ord_1');
      loaded.confirm(CONTRACT_EPOCH);
      await tx.orders.save(loaded);
      loaded.startProcessing(CONTRACT_EPOCH);
      await tx.orders.save(loaded);
      expect(loaded.version).toBe(3);
    });
    const stored = await repositories.orders.getById('org_1', 'ord_1');
    expect(stored.version).toBe(3);
    expect(stored.status).toBe('PROCESSING');
  });

  it('refuses writes through a transaction that already ended', async () => {
    const { unitOfWork } = createMemoryStores();
    const kept = await unitOfWork.run(async (tx) => tx);
    const error = await kept.orders.save(anOrder('org_1', 'ord_1')).catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(ChatcartError);
    expect((error as ChatcartError).code).toBe('TRANSACTION_ENDED');
  });

  it('names the parameter of a bad reminder sweep', async () => {
    const { repositories } = createMemoryStores();
    const error = await repositories.reminders.findDue(Number.NaN, 0).catch((caught: unknown) => caught);
    expect((error as ValidationError).issues.map((issue) => issue.path)).toEqual(['now', 'limit']);
  });
});
