import type { BackoffOptions, JobQueue } from '../ports/job-queue.js';
import { type Logger, silentLogger } from '../ports/logger.js';
import { type CancelScheduled, type Scheduler, timerScheduler } from '../ports/scheduler.js';
import type { Outbox, OutboxMessage } from '../ports/unit-of-work.js';
import { DEFAULT_OUTBOX_ROUTES, type OutboxRoutes } from './job-names.js';

/** Options of {@link OutboxRelay}. */
export interface OutboxRelayOptions {
  readonly outbox: Outbox;
  readonly queue: JobQueue;
  /** Where polling waits and "now" comes from. Real timers by default; `ManualScheduler` in tests. */
  readonly scheduler?: Scheduler;
  /** Topic → queue and job name. Default {@link DEFAULT_OUTBOX_ROUTES}. */
  readonly routes?: OutboxRoutes;
  /** Messages claimed per batch. Default 100. */
  readonly batchSize?: number;
  /** How long a claimed batch stays ours before another relay may take it. Default 30 s. */
  readonly leaseMs?: number;
  /** Wait between polls when the outbox was empty. Default 1 s. */
  readonly pollIntervalMs?: number;
  /** Attempts of every relayed job. Default 5. */
  readonly attempts?: number;
  /** Backoff between attempts. Default exponential from 1 s. */
  readonly backoff?: BackoffOptions;
  readonly logger?: Logger;
}

/** What one {@link OutboxRelay.relayOnce} did. */
export interface RelayResult {
  /** Messages claimed from the outbox. */
  readonly claimed: number;
  /** Messages enqueued as jobs and marked relayed. */
  readonly enqueued: number;
  /** Messages of topics no job reacts to, marked relayed without a job. */
  readonly skipped: number;
  /** Messages whose enqueue failed; they stay in the outbox and are claimed again when the lease ends. */
  readonly failed: number;
}

/**
 * Moves committed outbox messages to the job queue: claims a batch, enqueues each message on the queue its
 * topic routes to (with the message id as the job id, so a message relayed twice is still one job), and
 * marks the batch relayed. Messages of unrouted topics are marked relayed and skipped.
 *
 * Safe with several relays: a claim is a lease, so two relays never hold the same message, and if a relay
 * dies between enqueue and mark, the next one's enqueue of the same id is a no-op in the queue.
 *
 * @example
 * ```ts
 * const relay = new OutboxRelay({ outbox, queue, pollIntervalMs: 500 });
 * relay.start();
 * // …
 * await relay.stop();
 * ```
 */
export class OutboxRelay {
  readonly #outbox: Outbox;
  readonly #queue: JobQueue;
  readonly #scheduler: Scheduler;
  readonly #routes: OutboxRoutes;
  readonly #batchSize: number;
  readonly #leaseMs: number;
  readonly #pollIntervalMs: number;
  readonly #attempts: number;
  readonly #backoff: BackoffOptions;
  readonly #logger: Logger;
  #running = false;
  #cancel: CancelScheduled | undefined;
  #inFlight: Promise<void> | undefined;
  #again = false;

  constructor(options: OutboxRelayOptions) {
    this.#outbox = options.outbox;
    this.#queue = options.queue;
    this.#scheduler = options.scheduler ?? timerScheduler();
    this.#routes = options.routes ?? DEFAULT_OUTBOX_ROUTES;
    this.#batchSize = positiveInteger(options.batchSize ?? 100, 'batchSize');
    this.#leaseMs = positiveInteger(options.leaseMs ?? 30_000, 'leaseMs');
    this.#pollIntervalMs = positiveInteger(options.pollIntervalMs ?? 1_000, 'pollIntervalMs');
    this.#attempts = positiveInteger(options.attempts ?? 5, 'attempts');
    this.#backoff = options.backoff ?? { type: 'exponential', delayMs: 1_000 };
    this.#logger = options.logger ?? silentLogger;
  }

  /** True between `start` and `stop`. */
  get running(): boolean {
    return this.#running;
  }

  /** Claims and relays one batch. */
  async relayOnce(): Promise<RelayResult> {
    const batch = await this.#outbox.claimBatch({ limit: this.#batchSize, leaseMs: this.#leaseMs });
    if (batch.length === 0) return { claimed: 0, enqueued: 0, skipped: 0, failed: 0 };
    const outcomes = await Promise.all(batch.map((message) => this.#relay(message)));
    const done = batch.filter((_, index) => outcomes[index] !== 'failed').map((message) => message.id);
    if (done.length > 0) await this.#outbox.markRelayed(done);
    const count = (outcome: string) => outcomes.filter((value) => value === outcome).length;
    return {
      claimed: batch.length,
      enqueued: count('enqueued'),
      skipped: count('skipped'),
      failed: count('failed'),
    };
  }

  /** Relays batches until the outbox has nothing claimable left; resolves with how many messages it moved. */
  async relayAll(): Promise<number> {
    let moved = 0;
    for (;;) {
      const result = await this.relayOnce();
      moved += result.enqueued + result.skipped;
      if (result.claimed < this.#batchSize || result.enqueued + result.skipped === 0) return moved;
    }
  }

  /** Starts polling: relays everything waiting, then again every `pollIntervalMs` (at once after a full batch). */
  start(): void {
    if (this.#running) return;
    this.#running = true;
    this.#schedule(0);
  }

  /** Asks a running relay to poll now rather than at its next interval (for example after a commit). */
  kick(): void {
    if (!this.#running) return;
    if (this.#inFlight) {
      this.#again = true;
      return;
    }
    this.#schedule(0);
  }

  /** Stops polling and waits for the batch in flight, so nothing is left half-relayed by this process. */
  async stop(): Promise<void> {
    this.#running = false;
    this.#cancel?.();
    this.#cancel = undefined;
    await this.#inFlight;
  }

  #schedule(delayMs: number): void {
    this.#cancel?.();
    this.#cancel = this.#scheduler.at(this.#scheduler.clock.now() + delayMs, () => {
      this.#cancel = undefined;
      this.#inFlight = this.#poll().finally(() => {
        this.#inFlight = undefined;
      });
    });
  }

  async #poll(): Promise<void> {
    do {
      this.#again = false;
      try {
        await this.relayAll();
      } catch (error) {
        this.#logger.error({ err: error }, 'outbox relay failed; retrying at the next poll');
        break;
      }
    } while (this.#again && this.#running);
    if (this.#running) this.#schedule(this.#pollIntervalMs);
  }

  async #relay(message: OutboxMessage): Promise<'enqueued' | 'skipped' | 'failed'> {
    const route = this.#routes[message.topic];
    if (!route) return 'skipped';
    try {
      const runAt = route.runAt?.(message.payload) ?? null;
      const delayMs = runAt === null ? 0 : Math.max(0, runAt - this.#scheduler.clock.now());
      await this.#queue.enqueue(route.queue, route.jobName, message.payload, {
        jobId: message.id,
        delayMs,
        attempts: this.#attempts,
        backoff: this.#backoff,
      });
      return 'enqueued';
    } catch (error) {
      this.#logger.error(
        { err: error, outboxMessageId: message.id, topic: message.topic },
        'could not enqueue an outbox message; it will be relayed again when its lease ends',
      );
      return 'failed';
    }
  }
}

function positiveInteger(value: number, name: string): number {
  if (!(Number.isSafeInteger(value) && value >= 1)) {
    throw new RangeError(`OutboxRelay: ${name} must be a whole number ≥ 1, got ${value}`);
  }
  return value;
}
