import type { JsonValue } from './session-store.js';

/**
 * An event recorded in the same transaction as the state change that caused it, waiting to be relayed to
 * the job queue. If the transaction rolls back, the event never existed; if it commits, the relay delivers
 * it at least once.
 */
export interface OutboxMessage {
  /** Unique; the relay uses it as the job id, so a message relayed twice still runs once. No `:`. */
  readonly id: string;
  readonly organizationId: string;
  /** What happened, e.g. `order.confirmed`; the relay maps it to a queue and job name. */
  readonly topic: string;
  readonly payload: JsonValue;
  /** When the change happened, in epoch milliseconds. */
  readonly occurredAt: number;
}

/** The outbox as a transaction sees it: it can only add messages, and they exist once the transaction commits. */
export interface OutboxWriter {
  append(messages: OutboxMessage | readonly OutboxMessage[]): Promise<void>;
}

/** How the relay takes its next batch. */
export interface ClaimOptions {
  /** Most messages to hand out; at least 1. */
  readonly limit: number;
  /**
   * How long the messages stay claimed. A relay that dies before `markRelayed` loses its claim when this
   * runs out and another relay takes the messages again (at-least-once). 30 s when omitted.
   */
  readonly leaseMs?: number;
  /** Only messages of these topics (a relay per topic, or tests sharing one database). All when omitted. */
  readonly topics?: readonly string[];
}

/**
 * The outbox as the relay sees it. The relay loop is: claim a batch, enqueue each message as a job with
 * `jobId` = message id, mark the batch relayed. Two relays never hold the same message at once.
 *
 * @example
 * ```ts
 * const batch = await outbox.claimBatch({ limit: 100 });
 * for (const message of batch) await queue.enqueue(queueFor(message.topic), message.topic, message.payload, { jobId: message.id });
 * await outbox.markRelayed(batch.map((message) => message.id));
 * ```
 */
export interface Outbox {
  /** Claims up to `limit` committed, unrelayed, unclaimed messages, oldest first (by `occurredAt`, then order written). */
  claimBatch(options: ClaimOptions): Promise<OutboxMessage[]>;
  /** Marks messages as relayed: they are never handed out again. Unknown ids are ignored. */
  markRelayed(ids: readonly string[]): Promise<void>;
}

/**
 * What a transaction hands its work: every store the work may write, bound to the transaction. Core's is
 * just the outbox; the application layer extends it with its repositories and sequences, and each adapter
 * package (Postgres, memory) builds that extended context from its own connection:
 *
 * ```ts
 * interface CommerceTransaction extends TransactionContext {
 *   readonly orders: OrderRepository;
 *   readonly invoices: InvoiceRepository;
 *   readonly invoiceNumbers: InvoiceNumberSequence;
 * }
 * const unitOfWork: UnitOfWork<CommerceTransaction> = …;
 * ```
 */
export interface TransactionContext {
  readonly outbox: OutboxWriter;
}

/**
 * Runs work all-or-nothing: every write made through the context (aggregates, outbox messages, consumed
 * sequence numbers) commits together when the work resolves, and none of it remains when the work throws.
 * Work must not call `run` again from inside (nesting is not supported) and must not do slow I/O such as
 * sending messages: those belong in jobs fed by the outbox.
 *
 * @example
 * ```ts
 * await unitOfWork.run(async (tx) => {
 *   const order = await tx.orders.get(organizationId, orderId);
 *   order.confirm(clock.now());
 *   await tx.orders.save(order);
 *   await tx.outbox.append({ id: ids.next('evt'), organizationId, topic: 'order.confirmed', payload: { orderId }, occurredAt: clock.now() });
 * });
 * ```
 */
export interface UnitOfWork<TContext extends TransactionContext = TransactionContext> {
  /** Runs `work` in one transaction; resolves with its result once committed, rejects with its error after rollback. */
  run<T>(work: (tx: TContext) => Promise<T>): Promise<T>;
}
