import { formatInvoiceNumber } from '@chatcart/core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { draftInvoice, uniqueName } from './support/fixtures.js';
import { createTestDatabase, databaseUrl, type TestDatabase } from './support/postgres-schema.js';

describe.skipIf(!databaseUrl)('Issuing invoices concurrently on PostgreSQL', () => {
  let db: TestDatabase;
  beforeAll(async () => {
    db = await createTestDatabase({ poolSize: 10 });
  });
  afterAll(async () => {
    await db?.drop();
  });

  /** Draws a number and saves the invoice carrying it, in one transaction; `fail` rolls it back at the end. */
  function issue(org: string, index: number, fail = false): Promise<number> {
    return db.stores.unitOfWork.run(async (tx) => {
      const number = await tx.invoiceNumbers.next(org, { series: '2026' });
      const invoiceNumber = formatInvoiceNumber(number, { series: '2026' });
      await tx.invoices.save(draftInvoice(org, `inv_${index}`, invoiceNumber));
      if (fail) throw new Error('the invoice message could not be prepared');
      return number;
    });
  }

  it('gives 200 concurrent issues the numbers 1 to 200, each on one stored invoice', async () => {
    const org = uniqueName('org');
    const numbers = await Promise.all(Array.from({ length: 200 }, (_, index) => issue(org, index)));

    expect([...numbers].sort((a, b) => a - b)).toEqual(Array.from({ length: 200 }, (_, index) => index + 1));
    const stored = await db.pool.query<{ invoice_number: string }>(
      `SELECT invoice_number FROM "${db.schema}".invoices WHERE organization_id = $1 ORDER BY invoice_number`,
      [org],
    );
    expect(stored.rows.map((row) => row.invoice_number)).toEqual(
      Array.from({ length: 200 }, (_, index) => formatInvoiceNumber(index + 1, { series: '2026' })),
    );
    expect(await db.stores.invoiceNumbers.peek(org, { series: '2026' })).toBe(200);
  });

  it('leaves no hole when rolled-back issues are retried among concurrent ones', async () => {
    const org = uniqueName('org');
    const numbers = await Promise.all(
      Array.from({ length: 60 }, async (_, index) => {
        // Every fourth issue fails once, then its retry succeeds, as a command runner would retry it.
        if (index % 4 === 0) await expect(issue(org, index, true)).rejects.toThrow('could not be prepared');
        return issue(org, index);
      }),
    );

    expect([...numbers].sort((a, b) => a - b)).toEqual(Array.from({ length: 60 }, (_, index) => index + 1));
    expect(await db.stores.invoiceNumbers.peek(org, { series: '2026' })).toBe(60);
  });
});
