import {
  ChatcartError,
  type ClaimOptions,
  type JsonValue,
  type Outbox,
  type OutboxMessage,
  type OutboxWriter,
  ValidationError,
  type ValidationIssue,
} from '@chatcart/core';
import type { SqlExecutor, SqlRow } from './sql-executor.js';

const DEFAULT_LEASE_MS = 30_000;
/** `\u0000` in JSON text, not preceded by an escaped backslash. */
const ESCAPED_NUL = /(?:^|[^\\])(?:\\\\)*\\u0000/;

/**
 * The relay's side of the outbox on PostgreSQL. `claimBatch` takes the oldest unclaimed rows with
 * `FOR UPDATE SKIP LOCKED` and stamps a lease on them in one statement, so any number of relays (in any
 * number of app instances) share the work without handing a message to two of them; a relay that dies
 * before `markRelayed` loses its claim when the lease runs out. Leases are measured on the database clock,
 * so app instances with skewed clocks still agree. Relayed rows are deleted.
 *
 * Transactions append through `tx.outbox` ({@link PostgresOutboxWriter}); get both from
 * {@link createPostgresStores}.
 *
 * @example
 * ```ts
 * const batch = await stores.outbox.claimBatch({ limit: 100 });
 * for (const message of batch) await queue.enqueue('order-processing', message.topic, message.payload, { jobId: message.id });
 * await stores.outbox.markRelayed(batch.map((message) => message.id));
 * ```
 */
export class PostgresOutbox implements Outbox {
  readonly #claimSql: string;
  readonly #markSql: string;

  /** @internal Built by `createPostgresStores`. */
  constructor(
    private readonly db: SqlExecutor,
    quotedSchema: string,
  ) {
    const table = `${quotedSchema}.outbox`;
    const occurredAt = `${quotedSchema}.timestamptz_to_ms(occurred_at) AS occurred_at`;
    this.#claimSql =
      `UPDATE ${table} SET claimed_until = clock_timestamp() + $2::bigint * interval '1 millisecond' ` +
      `WHERE position IN (SELECT position FROM ${table} ` +
      'WHERE (claimed_until IS NULL OR claimed_until <= clock_timestamp()) ' +
      'AND ($3::text[] IS NULL OR topic = ANY($3::text[])) ' +
      'ORDER BY occurred_at, position LIMIT $1 FOR UPDATE SKIP LOCKED) ' +
      `RETURNING position, id, organization_id, topic, payload, ${occurredAt}`;
    this.#markSql = `DELETE FROM ${table} WHERE id = ANY($1::text[])`;
  }

  async claimBatch(options: ClaimOptions): Promise<OutboxMessage[]> {
    const { limit, leaseMs = DEFAULT_LEASE_MS, topics } = options;
    const issues: ValidationIssue[] = [];
    if (!(Number.isInteger(limit) && limit >= 1))
      issues.push({ path: 'limit', message: 'must be an integer ≥ 1' });
    if (!(Number.isSafeInteger(leaseMs) && leaseMs > 0)) {
      issues.push({ path: 'leaseMs', message: 'must be a positive integer of milliseconds' });
    }
    if (issues.length > 0) throw new ValidationError('Cannot claim outbox messages', issues);
    const rows = await this.db.query(this.#claimSql, [limit, leaseMs, topics ? [...topics] : null]);
    // UPDATE … RETURNING does not keep the subquery's order; restore it.
    rows.sort(
      (a, b) =>
        (a.occurred_at as number) - (b.occurred_at as number) ||
        Number(a.position as number) - Number(b.position as number),
    );
    return rows.map(toMessage);
  }

  async markRelayed(ids: readonly string[]): Promise<void> {
    if (ids.length === 0) return;
    await this.db.query(this.#markSql, [[...ids]]);
  }
}

/**
 * The outbox as a transaction writes it: rows inserted on the transaction's connection, so they exist
 * exactly when the state change beside them commits. One statement per `append`, whatever the batch size.
 */
export class PostgresOutboxWriter implements OutboxWriter {
  readonly #appendSql: string;

  /** @internal Built by the unit of work for each transaction. */
  constructor(
    private readonly db: SqlExecutor,
    quotedSchema: string,
  ) {
    this.#appendSql =
      `INSERT INTO ${quotedSchema}.outbox (id, organization_id, topic, payload, occurred_at) ` +
      `SELECT m.id, m.organization_id, m.topic, m.payload::jsonb, ${quotedSchema}.ms_to_timestamptz(m.occurred_at) ` +
      'FROM unnest($1::text[], $2::text[], $3::text[], $4::text[], $5::bigint[]) WITH ORDINALITY ' +
      'AS m(id, organization_id, topic, payload, occurred_at, n) ORDER BY m.n ' +
      'ON CONFLICT (id) DO NOTHING RETURNING id';
  }

  async append(messages: OutboxMessage | readonly OutboxMessage[]): Promise<void> {
    const list: readonly OutboxMessage[] = Array.isArray(messages) ? messages : [messages as OutboxMessage];
    if (list.length === 0) return;
    const checked = list.map((message, index) => checkMessage(message, list.length > 1 ? `${index}.` : ''));
    const ids = checked.map((message) => message.id);
    const duplicate = ids.find((id, index) => ids.indexOf(id) !== index);
    if (duplicate !== undefined) throw duplicateId(duplicate);
    const inserted = await this.db.query(this.#appendSql, [
      ids,
      checked.map((message) => message.organizationId),
      checked.map((message) => message.topic),
      checked.map((message) => message.payloadJson),
      checked.map((message) => message.occurredAt),
    ]);
    if (inserted.length !== checked.length) {
      const stored = new Set(inserted.map((row) => row.id as string));
      throw duplicateId(ids.find((id) => !stored.has(id)) ?? ids[0] ?? '');
    }
  }
}

interface CheckedMessage {
  readonly id: string;
  readonly organizationId: string;
  readonly topic: string;
  readonly payloadJson: string;
  readonly occurredAt: number;
}

function checkMessage(message: OutboxMessage, path: string): CheckedMessage {
  const issues: ValidationIssue[] = [];
  const { id, organizationId, topic, payload, occurredAt } = message;
  if (typeof id !== 'string' || id.length === 0 || id.includes(':')) {
    issues.push({
      path: `${path}id`,
      message: 'must be a non-empty string without ":" (it becomes a job id)',
    });
  }
  if (typeof organizationId !== 'string' || organizationId.length === 0) {
    issues.push({ path: `${path}organizationId`, message: 'must be a non-empty string' });
  }
  if (typeof topic !== 'string' || topic.length === 0) {
    issues.push({ path: `${path}topic`, message: 'must be a non-empty string' });
  }
  if (!(Number.isSafeInteger(occurredAt) && occurredAt >= 0)) {
    issues.push({
      path: `${path}occurredAt`,
      message: 'must be epoch milliseconds (a non-negative integer)',
    });
  }
  let payloadJson: string | undefined;
  try {
    payloadJson = JSON.stringify(payload);
  } catch {
    payloadJson = undefined;
  }
  // jsonb cannot hold the NUL character; refuse it here rather than abort the caller's transaction.
  if (payloadJson === undefined || ESCAPED_NUL.test(payloadJson)) {
    issues.push({ path: `${path}payload`, message: 'must be a JSON value without NUL characters' });
  }
  if (issues.length > 0 || payloadJson === undefined)
    throw new ValidationError('Cannot append to the outbox', issues);
  return { id, organizationId, topic, payloadJson, occurredAt };
}

function toMessage(row: SqlRow): OutboxMessage {
  return {
    id: row.id as string,
    organizationId: row.organization_id as string,
    topic: row.topic as string,
    payload: row.payload as JsonValue,
    occurredAt: row.occurred_at as number,
  };
}

function duplicateId(id: string): ChatcartError {
  return new ChatcartError(
    'OUTBOX_DUPLICATE_ID',
    `An outbox message with id ${id} already exists; ids must be unique.`,
    {
      details: { id },
    },
  );
}
