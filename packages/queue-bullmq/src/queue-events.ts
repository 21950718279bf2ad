import type { Job, JobQueueEvents, Logger } from '@chatcart/core';

/** Reported when a provider's "too many requests" sent a job back to wait, without spending an attempt. */
export interface JobThrottledEvent {
  readonly job: Job;
  /** How long the provider asked to wait (capped at 15 minutes). */
  readonly retryAfterMs: number;
}

/** What a `BullMQJobQueue` reports: the port's events, and `throttled`. */
export interface BullMQJobQueueEvents extends JobQueueEvents {
  throttled: (event: JobThrottledEvent) => void;
}

type Listener = (payload: never) => void;

/**
 * The queue's listeners. A listener that throws is logged and skipped, so it can neither break a worker
 * nor keep later listeners from hearing the event. Internal.
 */
export class QueueEvents {
  readonly #listeners = new Map<keyof BullMQJobQueueEvents, Set<Listener>>();
  readonly #logger: Logger;

  constructor(logger: Logger) {
    this.#logger = logger;
  }

  on<TEvent extends keyof BullMQJobQueueEvents>(
    event: TEvent,
    listener: BullMQJobQueueEvents[TEvent],
  ): () => void {
    let listeners = this.#listeners.get(event);
    if (!listeners) {
      listeners = new Set();
      this.#listeners.set(event, listeners);
    }
    // Wrapped, so subscribing one function twice gives two subscriptions, as EventEmitter does.
    const entry: Listener = (payload) => (listener as (value: typeof payload) => void)(payload);
    listeners.add(entry);
    return () => void listeners.delete(entry);
  }

  emit<TEvent extends keyof BullMQJobQueueEvents>(
    event: TEvent,
    payload: Parameters<BullMQJobQueueEvents[TEvent]>[0],
  ): void {
    for (const listener of [...(this.#listeners.get(event) ?? [])]) {
      try {
        (listener as (value: typeof payload) => void)(payload);
      } catch (error) {
        this.#logger.error({ err: error, event }, 'A job queue event listener threw');
      }
    }
  }
}
