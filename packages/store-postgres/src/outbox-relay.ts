import type { JobQueue, Outbox, OutboxMessage } from '@chatcart/core';

/** Where an outbox message goes: the queue and the job name. */
export interface RelayTarget {
  readonly queue: string;
  /** The job name; the message's topic when omitted. */
  readonly name?: string;
}

/** Options of {@link OutboxRelay}. */
export interface OutboxRelayOptions {
  readonly outbox: Outbox;
  readonly queue: JobQueue;
  /** Maps a message to its queue, for example `order.confirmed` → `order-processing`. */
  readonly route: (message: OutboxMessage) => RelayTarget;
  /** Messages per claim; 100 unless given. */
  readonly batchSize?: number;
  /** How long a claimed batch stays this relay's; 30 s unless given. Keep it well above one batch's enqueue time. */
  readonly leaseMs?: number;
  /** Only these topics; all when omitted. */
  readonly topics?: readonly string[];
}

/**
 * Moves committed outbox messages to the job queue: claim a batch (under a lease, `FOR UPDATE SKIP LOCKED`
 * on Postgres, so several relays share the work), enqueue each message with the message id as the job id,
 * then mark the batch relayed. A relay that crashes after enqueueing but before marking leaves the batch to
 * be claimed again when the lease runs out; enqueueing it again is harmless, because the queue ignores a
 * job id it already holds. Delivery is at least once into the queue, and once per job id out of it.
 *
 * @example
 * ```ts
 * const relay = new OutboxRelay({ outbox: stores.outbox, queue, route: (m) => ({ queue: queueFor(m.topic) }) });
 * setInterval(() => void relay.relayOnce().catch(logger.error), 500);
 * ```
 */
export class OutboxRelay {
  readonly #options: OutboxRelayOptions;
  readonly #batchSize: number;

  constructor(options: OutboxRelayOptions) {
    this.#options = options;
    this.#batchSize = options.batchSize ?? 100;
  }

  /**
   * Relays one batch and resolves with how many messages it moved (0 when nothing waits). If enqueueing
   * fails part-way, the messages already enqueued are marked relayed and the error is rethrown; the rest
   * are claimed again after the lease.
   */
  async relayOnce(): Promise<number> {
    const { outbox, queue, route, leaseMs, topics } = this.#options;
    const batch = await outbox.claimBatch({
      limit: this.#batchSize,
      ...(leaseMs === undefined ? {} : { leaseMs }),
      ...(topics === undefined ? {} : { topics }),
    });
    const relayed: string[] = [];
    try {
      for (const message of batch) {
        const target = route(message);
        await queue.enqueue(target.queue, target.name ?? message.topic, message.payload, {
          jobId: message.id,
        });
        relayed.push(message.id);
      }
    } finally {
      await outbox.markRelayed(relayed);
    }
    return relayed.length;
  }
}
