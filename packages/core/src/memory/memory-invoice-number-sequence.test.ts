import { describe, expect, it } from 'vitest';
import { ValidationError } from '../domain/errors.js';
import { describeInvoiceNumberSequenceContract } from '../testing/contracts/invoice-number-sequence.contract.js';
import { MemoryInvoiceNumberSequence } from './memory-invoice-number-sequence.js';
import { MemoryOutbox } from './memory-outbox.js';
import { MemoryUnitOfWork } from './memory-unit-of-work.js';

function setUp() {
  const outbox = new MemoryOutbox();
  const invoiceNumbers = new MemoryInvoiceNumberSequence();
  const unitOfWork = new MemoryUnitOfWork((tx) => ({
    outbox: outbox.within(tx),
    invoiceNumbers: invoiceNumbers.within(tx),
  }));
  return { outbox, invoiceNumbers, unitOfWork };
}

describeInvoiceNumberSequenceContract('MemoryInvoiceNumberSequence', () => ({
  unitOfWork: setUp().unitOfWork,
}));

describe('MemoryInvoiceNumberSequence', () => {
  it('stays gap-free across two units of work sharing one sequence', async () => {
    const invoiceNumbers = new MemoryInvoiceNumberSequence();
    const outbox = new MemoryOutbox();
    const [a, b] = [0, 1].map(
      () =>
        new MemoryUnitOfWork((tx) => ({
          outbox: outbox.within(tx),
          invoiceNumbers: invoiceNumbers.within(tx),
        })),
    );
    const numbers = await Promise.all(
      Array.from({ length: 20 }, (_, index) =>
        (index % 2 ? a! : b!).run((tx) => tx.invoiceNumbers.next('org_1')),
      ),
    );
    expect(numbers.sort((x, y) => x - y)).toEqual(Array.from({ length: 20 }, (_, index) => index + 1));
    expect(invoiceNumbers.peek('org_1')).toBe(20);
  });

  it('commits the number together with the outbox message, or neither', async () => {
    const { outbox, invoiceNumbers, unitOfWork } = setUp();
    const issue = (fail: boolean) =>
      unitOfWork.run(async (tx) => {
        const number = await tx.invoiceNumbers.next('org_1');
        await tx.outbox.append({
          id: `evt_${number}_${fail}`,
          organizationId: 'org_1',
          topic: 'invoice.issued',
          payload: { number },
          occurredAt: 0,
        });
        if (fail) throw new Error('rolled back');
      });
    await expect(issue(true)).rejects.toThrow('rolled back');
    await issue(false);
    expect(invoiceNumbers.peek('org_1')).toBe(1);
    expect((await outbox.claimBatch({ limit: 10 })).map((message) => message.payload)).toEqual([
      { number: 1 },
    ]);
  });

  it('lets one transaction draw several numbers at once without waiting on itself', async () => {
    const { unitOfWork } = setUp();
    const numbers = await unitOfWork.run((tx) =>
      Promise.all([tx.invoiceNumbers.next('org_1'), tx.invoiceNumbers.next('org_1')]),
    );
    expect(numbers.sort()).toEqual([1, 2]);
  });

  it('refuses an empty organization id', async () => {
    const { unitOfWork } = setUp();
    await expect(unitOfWork.run((tx) => tx.invoiceNumbers.next(''))).rejects.toBeInstanceOf(ValidationError);
  });
});
