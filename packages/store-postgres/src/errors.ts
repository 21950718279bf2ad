import { ChatcartError } from '@chatcart/core';

/**
 * A value read from PostgreSQL does not fit what chatcart can hold: a `bigint` beyond
 * `Number.MAX_SAFE_INTEGER` (money, counters) cannot become a JavaScript number without losing digits, so it
 * is refused rather than rounded. Code `POSTGRES_VALUE_OUT_OF_RANGE`.
 */
export class StoredValueOutOfRangeError extends ChatcartError {
  constructor(value: string) {
    super(
      'POSTGRES_VALUE_OUT_OF_RANGE',
      `PostgreSQL returned the integer ${value}, beyond ±${Number.MAX_SAFE_INTEGER} (Number.MAX_SAFE_INTEGER); ` +
        'chatcart keeps money and counters as safe JavaScript integers, so this row was written by something ' +
        'else — fix the value in the database.',
      { details: { value } },
    );
  }
}

/**
 * Migrating the schema failed: a migration's SQL was rejected, or a migration already applied differs from
 * the one shipped (its file was edited after it ran). Code `POSTGRES_MIGRATION_FAILED`.
 */
export class MigrationError extends ChatcartError {
  constructor(message: string, details: Record<string, unknown>, cause?: unknown) {
    super('POSTGRES_MIGRATION_FAILED', message, { details, cause });
  }
}

/**
 * A transaction context was used after its `unitOfWork.run` ended, or after a statement in it failed (which
 * aborts a PostgreSQL transaction). Code `TRANSACTION_ENDED`, as the in-memory unit of work uses.
 */
export class TransactionEndedError extends ChatcartError {
  constructor(reason: 'ended' | 'aborted') {
    super(
      'TRANSACTION_ENDED',
      reason === 'ended'
        ? 'This transaction already ended; do every write inside the work passed to unitOfWork.run.'
        : 'A statement of this transaction failed, so PostgreSQL aborted it; let the error leave the work ' +
            'passed to unitOfWork.run (it rolls back) and run the work again.',
      { details: { reason } },
    );
  }
}
