import { ChatcartError, ValidationError, type ValidationIssue } from '../domain/errors.js';
import { type Clock, systemClock } from '../ports/clock.js';
import type { ClaimOptions, Outbox, OutboxMessage, OutboxWriter } from '../ports/unit-of-work.js';
import type { MemoryTransaction } from './memory-unit-of-work.js';

interface Row {
  readonly message: OutboxMessage;
  /** Commit order, the tie-break after `occurredAt`. */
  readonly order: number;
  claimedUntil: number;
}

/**
 * The embedded outbox: messages appended through `within(tx)` appear when that transaction commits, and the
 * relay claims them in batches with a lease. Relayed messages are dropped, so memory stays bounded by what
 * is waiting.
 *
 * @example
 * ```ts
 * const outbox = new MemoryOutbox();
 * const unitOfWork = new MemoryUnitOfWork((tx) => ({ outbox: outbox.within(tx) }));
 * await unitOfWork.run((tx) => tx.outbox.append(message));
 * const batch = await outbox.claimBatch({ limit: 50 });
 * ```
 */
export class MemoryOutbox implements Outbox {
  readonly #rows = new Map<string, Row>();
  readonly #clock: Clock;
  #order = 0;

  constructor(options: { clock?: Clock } = {}) {
    this.#clock = options.clock ?? systemClock;
  }

  /** The outbox as `tx` writes it: appends are buffered and become visible when `tx` commits. */
  within(tx: MemoryTransaction): OutboxWriter {
    return {
      append: async (messages) => {
        tx.assertActive();
        const list = Array.isArray(messages) ? messages : [messages as OutboxMessage];
        // Copied now, so the caller changing its objects before commit cannot change what is relayed.
        const copies = list.map((message, index) => copyValid(message, list.length > 1 ? `${index}.` : ''));
        const pending = tx.scratch(this, () => {
          const buffered: OutboxMessage[] = [];
          tx.beforeCommit(() => {
            for (const message of buffered) {
              if (this.#rows.has(message.id)) throw duplicate(message.id);
            }
          });
          tx.onCommit(() => {
            for (const message of buffered) {
              this.#rows.set(message.id, { message, order: ++this.#order, claimedUntil: 0 });
            }
          });
          return buffered;
        });
        for (const copy of copies) {
          if (this.#rows.has(copy.id) || pending.some((other) => other.id === copy.id))
            throw duplicate(copy.id);
        }
        pending.push(...copies);
      },
    };
  }

  async claimBatch(options: ClaimOptions): Promise<OutboxMessage[]> {
    const { limit, leaseMs = 30_000, topics } = options;
    if (!(Number.isInteger(limit) && limit >= 1))
      throw new RangeError(`limit must be an integer ≥ 1, got ${limit}`);
    if (!(Number.isFinite(leaseMs) && leaseMs > 0))
      throw new RangeError(`leaseMs must be positive, got ${leaseMs}`);
    const now = this.#clock.now();
    const wanted = topics ? new Set(topics) : undefined;
    const claimable = [...this.#rows.values()].filter(
      (row) => row.claimedUntil <= now && (!wanted || wanted.has(row.message.topic)),
    );
    claimable.sort((a, b) => a.message.occurredAt - b.message.occurredAt || a.order - b.order);
    const batch = claimable.slice(0, limit);
    for (const row of batch) row.claimedUntil = now + leaseMs;
    return batch.map((row) => structuredClone(row.message));
  }

  async markRelayed(ids: readonly string[]): Promise<void> {
    for (const id of ids) this.#rows.delete(id);
  }
}

function copyValid(message: OutboxMessage, path: string): OutboxMessage {
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
  if (!Number.isFinite(occurredAt))
    issues.push({ path: `${path}occurredAt`, message: 'must be epoch milliseconds' });
  let payloadCopy: OutboxMessage['payload'] | undefined;
  try {
    const json = JSON.stringify(payload);
    if (json === undefined) throw new TypeError('not JSON');
    payloadCopy = JSON.parse(json);
  } catch {
    issues.push({ path: `${path}payload`, message: 'must be a JSON value' });
  }
  if (issues.length > 0 || payloadCopy === undefined)
    throw new ValidationError('Cannot append to the outbox', issues);
  return { id, organizationId, topic, payload: payloadCopy, occurredAt };
}

function duplicate(id: string): ChatcartError {
  return new ChatcartError(
    'OUTBOX_DUPLICATE_ID',
    `An outbox message with id ${id} already exists; ids must be unique.`,
    {
      details: { id },
    },
  );
}
