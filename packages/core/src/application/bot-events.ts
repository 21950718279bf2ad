import { EventEmitter } from 'eventemitter3';
import type { DomainEvent, DomainEventEnvelope, DomainEventName } from '../domain/domain-event.js';
import { type Logger, silentLogger } from '../ports/logger.js';

/**
 * The listeners of a {@link BotEventBus}: one per domain event name (`'order.confirmed'`, …), each receiving
 * the event of that name, plus `error` for listeners that failed.
 */
export type BotEventMap = { [K in DomainEventName]: (event: DomainEventEnvelope<K>) => void } & {
  error: (error: Error) => void;
};

/** A name a {@link BotEventBus} listener can subscribe to. */
export type BotEventName = EventEmitter.EventNames<BotEventMap>;

type AnyListener = (...args: unknown[]) => unknown;
type Wrapper = AnyListener & { readonly original: AnyListener };

/** Options of {@link BotEventBus}. */
export interface BotEventBusOptions {
  /** Where listener failures go when nobody listens to `error`, and failures of `error` listeners themselves. */
  readonly logger?: Logger;
}

/**
 * The typed event emitter the application publishes domain events on, after their transaction committed.
 *
 * Listeners are isolated: one that throws (or returns a rejected promise) neither stops the other listeners
 * of the event nor fails the command that raised it; its error is emitted on `error` (and logged when no one
 * listens there).
 *
 * @example
 * ```ts
 * const events = new BotEventBus();
 * events.on('order.confirmed', (event) => metrics.increment('orders', event.payload.itemCount));
 * events.on('error', (error) => logger.error({ err: error }, 'event listener failed'));
 * ```
 */
export class BotEventBus extends EventEmitter<BotEventMap> {
  readonly #logger: Logger;
  /** Per event name, the wrapper registered for each listener, so `off(name, listener)` still works. */
  readonly #wrappers = new Map<BotEventName, Map<AnyListener, Wrapper[]>>();

  constructor(options: BotEventBusOptions = {}) {
    super();
    this.#logger = options.logger ?? silentLogger;
  }

  /** Emits each event, oldest first, on the listeners of its name. Never throws. */
  emitAll(events: readonly DomainEvent[]): void {
    for (const event of events) {
      // The union of envelopes cannot be narrowed per name here; each envelope matches its own `type`.
      (this.emit as (name: BotEventName, payload: DomainEvent) => boolean)(event.type, event);
    }
  }

  override on<T extends BotEventName>(
    event: T,
    fn: EventEmitter.EventListener<BotEventMap, T>,
    context?: unknown,
  ): this {
    return super.on(event, this.#wrap(event, fn as AnyListener) as typeof fn, context);
  }

  override addListener<T extends BotEventName>(
    event: T,
    fn: EventEmitter.EventListener<BotEventMap, T>,
    context?: unknown,
  ): this {
    return this.on(event, fn, context);
  }

  override once<T extends BotEventName>(
    event: T,
    fn: EventEmitter.EventListener<BotEventMap, T>,
    context?: unknown,
  ): this {
    return super.once(event, this.#wrap(event, fn as AnyListener) as typeof fn, context);
  }

  override off<T extends BotEventName>(
    event: T,
    fn?: EventEmitter.EventListener<BotEventMap, T>,
    context?: unknown,
    once?: boolean,
  ): this {
    if (fn === undefined) return this.removeAllListeners(event);
    // eventemitter3 removes a fired once-listener by the function it holds: the wrapper itself.
    if (isWrapper(fn)) {
      this.#forget(event, fn);
      super.off(event, fn, context, once);
      return this;
    }
    const byListener = this.#wrappers.get(event);
    const wrappers = byListener?.get(fn as AnyListener) ?? [];
    byListener?.delete(fn as AnyListener);
    for (const wrapper of wrappers) super.off(event, wrapper as typeof fn, context, once);
    return this;
  }

  override removeListener<T extends BotEventName>(
    event: T,
    fn?: EventEmitter.EventListener<BotEventMap, T>,
    context?: unknown,
    once?: boolean,
  ): this {
    return this.off(event, fn, context, once);
  }

  override removeAllListeners(event?: BotEventName): this {
    if (event === undefined) this.#wrappers.clear();
    else this.#wrappers.delete(event);
    return super.removeAllListeners(event);
  }

  /** The listeners as they were registered (not the isolating wrappers). */
  override listeners<T extends BotEventName>(event: T): Array<EventEmitter.EventListener<BotEventMap, T>> {
    return super
      .listeners(event)
      .map((fn) => ((fn as unknown as Partial<Wrapper>).original ?? fn) as typeof fn);
  }

  #wrap(event: BotEventName, fn: AnyListener): Wrapper {
    const report = (error: unknown): void => this.#report(event, error);
    const wrapper = Object.assign(
      function isolated(this: unknown, ...args: unknown[]): void {
        try {
          const result = fn.apply(this, args);
          if (isThenable(result)) result.then(undefined, report);
        } catch (error) {
          report(error);
        }
      },
      { original: fn },
    );
    let byListener = this.#wrappers.get(event);
    if (!byListener) {
      byListener = new Map();
      this.#wrappers.set(event, byListener);
    }
    byListener.set(fn, [...(byListener.get(fn) ?? []), wrapper]);
    return wrapper;
  }

  #forget(event: BotEventName, wrapper: Wrapper): void {
    const byListener = this.#wrappers.get(event);
    const remaining = (byListener?.get(wrapper.original) ?? []).filter((each) => each !== wrapper);
    if (remaining.length > 0) byListener?.set(wrapper.original, remaining);
    else byListener?.delete(wrapper.original);
  }

  #report(event: BotEventName, thrown: unknown): void {
    const error =
      thrown instanceof Error ? thrown : new Error(`A listener threw a non-error: ${String(thrown)}`);
    if (event !== 'error' && this.listenerCount('error') > 0) {
      this.emit('error', error);
      return;
    }
    // An `error` listener that fails (or no `error` listener at all) must not loop or crash the command.
    this.#logger.error({ err: error, event: String(event) }, 'A domain event listener failed');
  }
}

function isWrapper(fn: unknown): fn is Wrapper {
  return typeof fn === 'function' && typeof (fn as Partial<Wrapper>).original === 'function';
}

function isThenable(value: unknown): value is PromiseLike<unknown> {
  return (
    typeof value === 'object' && value !== null && typeof (value as { then?: unknown }).then === 'function'
  );
}
