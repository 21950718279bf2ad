/** Which counter to draw from. */
export interface InvoiceNumberOptions {
  /**
   * Counters are per organization and series: pass the year (`'2026'`) to restart numbering every year, or
   * leave it out for one running count. At most 100 characters.
   */
  readonly series?: string;
}

/**
 * Gap-free invoice numbers (many tax authorities require them): each organization and series counts 1, 2,
 * 3… with no number skipped or used twice, even under concurrency.
 *
 * Gap-free means a number is consumed only when the transaction that drew it commits. So the sequence is
 * always reached through a transaction context (`tx.invoiceNumbers`), never on its own: the Postgres
 * adapter keeps one counter row per organization and series and increments it in the caller's transaction
 * (`INSERT … ON CONFLICT (organization_id, series) DO UPDATE SET last = last + 1 RETURNING last`). The row
 * lock makes a concurrent transaction wait for this one to commit (it then sees the new value) or roll back
 * (it then gets the same number). The in-memory sequence gets the same effect by running its memory
 * transactions one at a time and applying the increment on commit.
 *
 * @example
 * ```ts
 * await unitOfWork.run(async (tx) => {
 *   const number = await tx.invoiceNumbers.next(organizationId, { series: '2026' });
 *   invoice.assignNumber(formatInvoiceNumber(number, { series: '2026' })); // INV-2026-000123
 * });
 * ```
 */
export interface InvoiceNumberSequence {
  /** The next number of the organization's series, starting at 1; consumed only if the transaction commits. */
  next(organizationId: string, options?: InvoiceNumberOptions): Promise<number>;
}

/** How `formatInvoiceNumber` lays a number out. */
export interface InvoiceNumberFormat {
  /** `INV` unless given. */
  readonly prefix?: string;
  /** Placed between prefix and number when given (usually the year the series counts). */
  readonly series?: string;
  /** Zero-padded to this many digits; 6 unless given. Longer numbers are never cut. */
  readonly digits?: number;
}

/**
 * Lays out an invoice number for people: `formatInvoiceNumber(123, { series: '2026' })` → `INV-2026-000123`.
 */
export function formatInvoiceNumber(sequenceNumber: number, format: InvoiceNumberFormat = {}): string {
  if (!(Number.isSafeInteger(sequenceNumber) && sequenceNumber >= 1)) {
    throw new RangeError(`An invoice number must be a positive integer, got ${sequenceNumber}`);
  }
  const { prefix = 'INV', series, digits = 6 } = format;
  const padded = String(sequenceNumber).padStart(digits, '0');
  return [prefix, series, padded].filter((part) => part !== undefined && part !== '').join('-');
}
