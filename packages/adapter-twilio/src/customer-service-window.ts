import { type Clock, systemClock } from '@chatcart/core';
import { CustomerServiceWindowClosedError } from './errors.js';

/** WhatsApp's customer-service window: free-form messages are allowed this long after the customer wrote. */
export const CUSTOMER_SERVICE_WINDOW_MS = 24 * 60 * 60 * 1000;

/**
 * How long the stores keep a last-inbound time by default: a day past the window, so the error refusing a
 * message can still say when the customer last wrote.
 */
export const RETAIN_LAST_INBOUND_MS = 2 * CUSTOMER_SERVICE_WINDOW_MS;

/**
 * Remembers when each customer of an organization last wrote. Implementations keep the latest time only
 * (a late or repeated webhook never moves it back) and may forget entries older than the window.
 */
export interface CustomerServiceWindowStore {
  /** Records an inbound message at `at` (epoch ms) unless a later one is already on record. */
  recordInbound(organizationId: string, customer: string, at: number): Promise<void>;
  /** When the customer last wrote, or `undefined` when nothing is on record. */
  lastInboundAt(organizationId: string, customer: string): Promise<number | undefined>;
}

/** Whether a free-form message may go to a customer now. */
export interface WindowState {
  readonly open: boolean;
  readonly lastInboundAt: number | undefined;
  /** When the window closes (or closed), in epoch ms; absent when nothing is on record. */
  readonly closesAt: number | undefined;
}

/** How a {@link CustomerServiceWindow} is built. */
export interface CustomerServiceWindowOptions {
  readonly store: CustomerServiceWindowStore;
  readonly clock?: Clock;
  /** Default 24 hours, WhatsApp's rule. */
  readonly windowMs?: number;
}

/**
 * Tracks WhatsApp's 24-hour customer-service window per customer: it opens (again) whenever the customer
 * writes, and outside it only templates may be sent. Checking before the API call matters because Twilio
 * accepts a free-form message outside the window and only reports it failed (63016) later.
 *
 * @example
 * ```ts
 * const window = new CustomerServiceWindow({ store: new MemoryCustomerServiceWindowStore() });
 * await window.recordInbound('org_1', '+4915112345678', Date.now());
 * await window.assertOpen('org_1', '+4915112345678'); // throws CustomerServiceWindowClosedError a day later
 * ```
 */
export class CustomerServiceWindow {
  readonly #store: CustomerServiceWindowStore;
  readonly #clock: Clock;
  readonly #windowMs: number;

  constructor(options: CustomerServiceWindowOptions) {
    const windowMs = options.windowMs ?? CUSTOMER_SERVICE_WINDOW_MS;
    if (!(windowMs > 0) || !Number.isFinite(windowMs)) {
      throw new RangeError(`windowMs must be a positive number of milliseconds, got ${windowMs}`);
    }
    this.#store = options.store;
    this.#clock = options.clock ?? systemClock;
    this.#windowMs = windowMs;
  }

  /** Opens (or extends) the window from an inbound message received at `at`. */
  recordInbound(organizationId: string, customer: string, at: number): Promise<void> {
    return this.#store.recordInbound(organizationId, customer, at);
  }

  /** The window as of now. */
  async state(organizationId: string, customer: string): Promise<WindowState> {
    const lastInboundAt = await this.#store.lastInboundAt(organizationId, customer);
    if (lastInboundAt === undefined) return { open: false, lastInboundAt, closesAt: undefined };
    const closesAt = lastInboundAt + this.#windowMs;
    return { open: this.#clock.now() < closesAt, lastInboundAt, closesAt };
  }

  /** @throws {CustomerServiceWindowClosedError} when a free-form message may not go to `customer` now. */
  async assertOpen(organizationId: string, customer: string): Promise<void> {
    const state = await this.state(organizationId, customer);
    if (!state.open) throw new CustomerServiceWindowClosedError(customer, state.lastInboundAt);
  }
}
