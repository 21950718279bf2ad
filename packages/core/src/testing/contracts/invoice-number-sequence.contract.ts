import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { InvoiceNumberSequence } from '../../ports/invoice-number-sequence.js';
import type { TransactionContext, UnitOfWork } from '../../ports/unit-of-work.js';
import { deferred, sleep, uniqueSuffix } from './contract-time.js';

/** A transaction context that can draw invoice numbers. */
export interface InvoiceNumberTransaction extends TransactionContext {
  readonly invoiceNumbers: InvoiceNumberSequence;
}

/** What the invoice-number contract needs: a unit of work whose transactions draw numbers. */
export interface InvoiceNumberSequenceHarness {
  readonly unitOfWork: UnitOfWork<InvoiceNumberTransaction>;
  /** Frees what the harness created (connections, rows); runs after every test. */
  cleanup?(): void | Promise<void>;
}

/**
 * Registers the behavioural tests every `InvoiceNumberSequence` must pass: 1, 2, 3… per organization and
 * series, no gaps and no duplicates under 100 concurrent transactions, and numbers of rolled-back
 * transactions given back. Each test uses organizations of its own, so suites can share one database (with a
 * pool of a few connections, since waiting transactions each hold one).
 *
 * @example
 * ```ts
 * describeInvoiceNumberSequenceContract('MemoryInvoiceNumberSequence', () => {
 *   const outbox = new MemoryOutbox();
 *   const numbers = new MemoryInvoiceNumberSequence();
 *   return { unitOfWork: new MemoryUnitOfWork((tx) => ({ outbox: outbox.within(tx), invoiceNumbers: numbers.within(tx) })) };
 * });
 * ```
 */
export function describeInvoiceNumberSequenceContract(
  name: string,
  createHarness: () => InvoiceNumberSequenceHarness | Promise<InvoiceNumberSequenceHarness>,
): void {
  describe(`${name} (InvoiceNumberSequence contract)`, () => {
    let harness: InvoiceNumberSequenceHarness;
    let org: string;

    beforeEach(async () => {
      harness = await createHarness();
      org = `org_${uniqueSuffix()}`;
    });

    afterEach(async () => {
      await harness.cleanup?.();
    });

    function draw(organizationId: string, series?: string): Promise<number> {
      return harness.unitOfWork.run((tx) =>
        tx.invoiceNumbers.next(organizationId, series === undefined ? undefined : { series }),
      );
    }

    it('numbers an organization’s invoices 1, 2, 3 in order', async () => {
      expect([await draw(org), await draw(org), await draw(org)]).toEqual([1, 2, 3]);
    });

    it('hands 100 concurrent transactions exactly the numbers 1 to 100', async () => {
      const numbers = await Promise.all(Array.from({ length: 100 }, () => draw(org)));
      expect([...numbers].sort((a, b) => a - b)).toEqual(
        Array.from({ length: 100 }, (_, index) => index + 1),
      );
    });

    it('gives the number of a rolled-back transaction to the next one, leaving no gap', async () => {
      expect(await draw(org)).toBe(1);
      await expect(
        harness.unitOfWork.run(async (tx) => {
          expect(await tx.invoiceNumbers.next(org)).toBe(2);
          throw new Error('the invoice could not be issued');
        }),
      ).rejects.toThrow('could not be issued');
      expect(await draw(org)).toBe(2);
    });

    it('leaves no gap when some of many concurrent transactions roll back', async () => {
      const outcomes = await Promise.allSettled(
        Array.from({ length: 30 }, (_, index) =>
          harness.unitOfWork.run(async (tx) => {
            const number = await tx.invoiceNumbers.next(org);
            if (index % 3 === 0) throw new Error('rolled back');
            return number;
          }),
        ),
      );
      const committed = outcomes.flatMap((outcome) =>
        outcome.status === 'fulfilled' ? [outcome.value] : [],
      );
      expect(committed.sort((a, b) => a - b)).toEqual(Array.from({ length: 20 }, (_, index) => index + 1));
      expect(await draw(org)).toBe(21);
    });

    it('makes a second transaction wait for the first, and hands it the number the first gave back', async () => {
      const drawn = deferred<number>();
      const rollBack = deferred();
      const first = harness.unitOfWork.run(async (tx) => {
        drawn.resolve(await tx.invoiceNumbers.next(org));
        await rollBack.promise;
        throw new Error('rolled back');
      });
      expect(await drawn.promise).toBe(1);
      let secondNumber: number | undefined;
      const second = draw(org).then((number) => {
        secondNumber = number;
      });
      await sleep(50);
      expect(secondNumber).toBeUndefined();
      rollBack.resolve();
      await expect(first).rejects.toThrow('rolled back');
      await second;
      expect(secondNumber).toBe(1);
    });

    it('draws consecutive numbers within one transaction', async () => {
      const numbers = await harness.unitOfWork.run(async (tx) => [
        await tx.invoiceNumbers.next(org),
        await tx.invoiceNumbers.next(org),
        await tx.invoiceNumbers.next(org),
      ]);
      expect(numbers).toEqual([1, 2, 3]);
      expect(await draw(org)).toBe(4);
    });

    it('counts each organization on its own', async () => {
      const other = `${org}_other`;
      const numbers = await Promise.all([draw(org), draw(other), draw(org), draw(other), draw(org)]);
      expect(numbers.filter((_, index) => index % 2 === 0).sort()).toEqual([1, 2, 3]);
      expect(numbers.filter((_, index) => index % 2 === 1).sort()).toEqual([1, 2]);
    });

    it('counts each series of an organization on its own', async () => {
      expect(await draw(org, '2026')).toBe(1);
      expect(await draw(org, '2026')).toBe(2);
      expect(await draw(org, '2027')).toBe(1);
      expect(await draw(org)).toBe(1);
    });
  });
}
