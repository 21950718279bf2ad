import {
  MAX_ITEM_NAME_LENGTH,
  MAX_ITEM_QUANTITY,
  MAX_ORDER_ITEMS,
  type OrderItemSnapshot,
} from './order-item.js';
import { SnapshotReader } from './snapshot-reader.js';

/** Every status an order can be in. */
export const ORDER_STATUSES = [
  'DRAFT',
  'CONFIRMED',
  'PROCESSING',
  'SHIPPED',
  'DELIVERED',
  'CANCELLED',
] as const;

/** DRAFT → CONFIRMED → PROCESSING → SHIPPED → DELIVERED, or CANCELLED before shipping. */
export type OrderStatus = (typeof ORDER_STATUSES)[number];

/** Statuses from which {@link Order.cancel} is allowed: everything before the goods leave. */
export const CANCELLABLE_ORDER_STATUSES: readonly OrderStatus[] = ['DRAFT', 'CONFIRMED', 'PROCESSING'];

/** The longest cancellation reason or tracking number kept, in characters. */
export const MAX_ORDER_NOTE_LENGTH = 500;

/** The JSON shape of an order, the only way in and out of a store. */
export interface OrderSnapshot {
  readonly id: string;
  readonly organizationId: string;
  readonly version: number;
  readonly customerId: string;
  readonly currency: string;
  readonly status: OrderStatus;
  readonly items: readonly OrderItemSnapshot[];
  readonly trackingNumber: string | null;
  readonly cancellationReason: string | null;
  readonly createdAt: number;
  readonly updatedAt: number;
  readonly confirmedAt: number | null;
  readonly processingStartedAt: number | null;
  readonly shippedAt: number | null;
  readonly deliveredAt: number | null;
  readonly cancelledAt: number | null;
}

const STAMPS = ['confirmedAt', 'processingStartedAt', 'shippedAt', 'deliveredAt'] as const;

/**
 * Validates an untrusted order snapshot, fields and invariants, and returns a clean copy (internal; use
 * `Order.fromSnapshot`).
 *
 * @throws {ValidationError} listing every problem.
 */
export function readOrderSnapshot(input: unknown): OrderSnapshot {
  const r = SnapshotReader.of(input);
  const currency = r.currency('currency');
  const status = r.oneOf('status', ORDER_STATUSES);
  const items = r.array('items', MAX_ORDER_ITEMS, (item) => ({
    productId: item.string('productId'),
    name: item.string('name', { max: MAX_ITEM_NAME_LENGTH }),
    unitPrice: item.money('unitPrice'),
    quantity: item.integer('quantity', 1, MAX_ITEM_QUANTITY),
  }));
  const snapshot: OrderSnapshot = {
    id: r.string('id'),
    organizationId: r.string('organizationId'),
    version: r.integer('version', 0),
    customerId: r.string('customerId'),
    currency,
    status,
    items: items.map((item) => ({ ...item, unitPrice: item.unitPrice.toJSON() })),
    trackingNumber: r.stringOrNull('trackingNumber', { max: MAX_ORDER_NOTE_LENGTH }),
    cancellationReason: r.stringOrNull('cancellationReason', { max: MAX_ORDER_NOTE_LENGTH }),
    createdAt: r.timestamp('createdAt'),
    updatedAt: r.timestamp('updatedAt'),
    confirmedAt: r.timestampOrNull('confirmedAt'),
    processingStartedAt: r.timestampOrNull('processingStartedAt'),
    shippedAt: r.timestampOrNull('shippedAt'),
    deliveredAt: r.timestampOrNull('deliveredAt'),
    cancelledAt: r.timestampOrNull('cancelledAt'),
  };
  const seen = new Set<string>();
  items.forEach((item, index) => {
    if (seen.has(item.productId)) r.issue(`items.${index}.productId`, 'appears twice; merge the lines');
    seen.add(item.productId);
    if (item.unitPrice.currency !== currency)
      r.issue(`items.${index}.unitPrice.currency`, `must be ${currency}`);
    if (item.unitPrice.isNegative()) r.issue(`items.${index}.unitPrice.amountMinor`, 'must not be negative');
  });
  if (items.length === 0 && status !== 'DRAFT' && status !== 'CANCELLED') {
    r.issue('items', `a ${status} order must have items`);
  }
  // Each lifecycle timestamp is set exactly when the order has reached that stage.
  const cancelled = status === 'CANCELLED';
  const reached = cancelled
    ? STAMPS.filter((key) => snapshot[key] !== null).length
    : ORDER_STATUSES.indexOf(status);
  STAMPS.forEach((key, index) => {
    if ((snapshot[key] !== null) !== index < reached) r.issue(key, `does not match status ${status}`);
  });
  if (cancelled && reached > 2) r.issue('status', 'an order cannot be cancelled after it shipped');
  if ((snapshot.cancelledAt !== null) !== cancelled)
    r.issue('cancelledAt', `does not match status ${status}`);
  if (!cancelled && snapshot.cancellationReason !== null)
    r.issue('cancellationReason', 'is set on an order that is not cancelled');
  if (snapshot.trackingNumber !== null && snapshot.shippedAt === null)
    r.issue('trackingNumber', 'is set before shipping');
  r.finish('order');
  return snapshot;
}
