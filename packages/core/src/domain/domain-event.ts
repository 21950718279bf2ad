import type { CampaignMetricsSnapshot } from './campaign-metrics.js';
import type { CampaignStatus, CampaignType } from './campaign-snapshot.js';
import type { MoneySnapshot } from './money.js';
import type { OrderItemSnapshot } from './order-item.js';
import type { OrderStatus } from './order-snapshot.js';
import type { ReminderReference, ReminderType } from './reminder-snapshot.js';

/**
 * Every domain event chatcart raises, by name, with its payload. The engine types its event emitter with
 * this map; the outbox serialises the payloads as JSON (they hold no class instances: money is
 * {@link MoneySnapshot}, times are epoch milliseconds).
 *
 * @example
 * ```ts
 * import EventEmitter from 'eventemitter3';
 * type Listeners = { [K in DomainEventName]: (event: DomainEventOf<K>) => void };
 * const events = new EventEmitter<Listeners>();
 * events.on('order.confirmed', (event) => console.log(event.payload.total.amountMinor));
 * ```
 */
export interface DomainEventPayloadMap {
  'order.created': { customerId: string; currency: string };
  'order.item_added': { item: OrderItemSnapshot; quantityAdded: number };
  'order.item_removed': { productId: string };
  'order.item_quantity_changed': { productId: string; from: number; to: number };
  'order.confirmed': { customerId: string; total: MoneySnapshot; itemCount: number };
  'order.processing_started': Record<string, never>;
  'order.shipped': { trackingNumber: string | null };
  'order.delivered': Record<string, never>;
  'order.cancelled': { reason: string | null; previousStatus: OrderStatus };

  'invoice.created': { orderId: string; invoiceNumber: string; total: MoneySnapshot };
  'invoice.issued': {
    orderId: string;
    customerId: string;
    invoiceNumber: string;
    total: MoneySnapshot;
    dueAt: number;
  };
  'invoice.payment_recorded': {
    amount: MoneySnapshot;
    paidAt: number;
    reference: string | null;
    amountPaid: MoneySnapshot;
    amountDue: MoneySnapshot;
  };
  'invoice.paid': { amountPaid: MoneySnapshot; paidAt: number };
  'invoice.voided': { reason: string };

  'reminder.scheduled': {
    type: ReminderType;
    customerId: string;
    scheduledFor: number;
    reference: ReminderReference | null;
  };
  'reminder.rescheduled': { from: number; to: number };
  'reminder.sent': { attempts: number };
  'reminder.failed': { error: string; attempts: number; willRetry: boolean; retryAt: number | null };
  'reminder.cancelled': { reason: string | null };

  'campaign.created': { name: string; type: CampaignType };
  'campaign.scheduled': { scheduledAt: number };
  'campaign.started': { totalRecipients: number };
  'campaign.paused': Record<string, never>;
  'campaign.resumed': Record<string, never>;
  'campaign.completed': { metrics: CampaignMetricsSnapshot };
  'campaign.cancelled': { reason: string | null; previousStatus: CampaignStatus };

  'customer.created': { phone: string };
  'customer.opted_in': { phone: string };
  'customer.opted_out': { phone: string; reason: string | null };

  'product.back_in_stock': { sku: string; stock: number };
}

/** The name of a domain event, such as `'order.confirmed'`. */
export type DomainEventName = keyof DomainEventPayloadMap;

/** The envelope every event shares: what happened, to which aggregate of which organization, and when. */
export interface DomainEventEnvelope<K extends DomainEventName> {
  readonly type: K;
  /** Id of the aggregate that raised the event; its kind is the prefix of `type`. */
  readonly aggregateId: string;
  readonly organizationId: string;
  /** Epoch milliseconds, from the `now` passed to the method that raised it. */
  readonly occurredAt: number;
  readonly payload: DomainEventPayloadMap[K];
}

/** The event (or union of events) with the given name(s). */
export type DomainEventOf<K extends DomainEventName> = { [P in K]: DomainEventEnvelope<P> }[K];

/** Event name → full event, for listeners that receive the envelope. */
export type DomainEventMap = { [K in DomainEventName]: DomainEventEnvelope<K> };

/** Any domain event: a union discriminated by `type`. */
export type DomainEvent = DomainEventOf<DomainEventName>;

/** Names of the events each aggregate raises. */
export type OrderEventName = Extract<DomainEventName, `order.${string}`>;
/** @see OrderEventName */
export type InvoiceEventName = Extract<DomainEventName, `invoice.${string}`>;
/** @see OrderEventName */
export type ReminderEventName = Extract<DomainEventName, `reminder.${string}`>;
/** @see OrderEventName */
export type CampaignEventName = Extract<DomainEventName, `campaign.${string}`>;
/** @see OrderEventName */
export type CustomerEventName = Extract<DomainEventName, `customer.${string}`>;
/** @see OrderEventName */
export type ProductEventName = Extract<DomainEventName, `product.${string}`>;
