import type { CommerceTransaction, UnitOfWork } from '@chatcart/core';
import type pg from 'pg';
import { TransactionEndedError } from './errors.js';
import { TransactionExecutor } from './sql-executor.js';

/**
 * The `UnitOfWork` on PostgreSQL: each `run` takes a client from the pool, wraps the work in
 * `BEGIN … COMMIT` (READ COMMITTED, the database default) and hands it a context whose every repository,
 * the invoice numbers and the outbox run on that client. When the work throws, the transaction rolls back
 * and `run` rejects with the work's own error; a client whose rollback failed is discarded, not reused.
 *
 * Get it from {@link createPostgresStores}.
 *
 * @example
 * ```ts
 * await stores.unitOfWork.run(async (tx) => {
 *   const order = await tx.orders.getById(organizationId, orderId);
 *   order.confirm(clock.now());
 *   await tx.orders.save(order); // UPDATE … WHERE version = $n
 *   await tx.outbox.append(toOutboxMessages(order.pullEvents(), ids)); // same transaction
 * });
 * ```
 */
export class PostgresUnitOfWork implements UnitOfWork<CommerceTransaction> {
  /** @internal Built by `createPostgresStores`. */
  constructor(
    private readonly pool: pg.Pool,
    private readonly createContext: (tx: TransactionExecutor) => CommerceTransaction,
    private readonly prepareStatements: boolean,
  ) {}

  async run<T>(work: (tx: CommerceTransaction) => Promise<T>): Promise<T> {
    const client = await this.pool.connect();
    const tx = new TransactionExecutor(client, this.prepareStatements);
    let broken: Error | undefined;
    // A connection that dies while checked out emits 'error' on the client, which the pool only listens to
    // for idle clients; without a listener it would crash the host process. The failing query rejects too,
    // so the listener only has to remember that this client must not go back to the pool.
    const onError = (error: Error) => {
      broken = error;
    };
    client.on('error', onError);
    try {
      await client.query('BEGIN');
      const result = await work(this.createContext(tx));
      const commit = await client.query('COMMIT');
      // A transaction in which a statement failed answers COMMIT with ROLLBACK: the work swallowed that
      // error, but nothing it wrote was kept, and the caller must know.
      if (commit.command === 'ROLLBACK') throw new TransactionEndedError('aborted');
      return result;
    } catch (error) {
      try {
        await client.query('ROLLBACK');
      } catch (rollbackError) {
        broken = rollbackError instanceof Error ? rollbackError : new Error(String(rollbackError));
      }
      throw error;
    } finally {
      tx.end();
      client.off('error', onError);
      client.release(broken);
    }
  }
}
