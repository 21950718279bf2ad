import { AggregateRoot } from './aggregate-root.js';
import { normalizeCurrency } from './currency.js';
import type { OrderEventName } from './domain-event.js';
import { InvalidTransitionError } from './errors.js';
import { optionalText, requireId, requireText, requireTimestamp } from './guards.js';
import { Money } from './money.js';
import { CurrencyMismatchError } from './money-errors.js';
import {
  OrderEmptyError,
  OrderItemNotFoundError,
  OrderItemPriceMismatchError,
  OrderNotEditableError,
  OrderTooManyItemsError,
} from './order-errors.js';
import {
  assertQuantity,
  assertUnitPrice,
  MAX_ITEM_NAME_LENGTH,
  MAX_ORDER_ITEMS,
  type NewOrderItem,
  type OrderItem,
  type OrderItemSnapshot,
} from './order-item.js';
import {
  CANCELLABLE_ORDER_STATUSES,
  MAX_ORDER_NOTE_LENGTH,
  type OrderSnapshot,
  type OrderStatus,
  readOrderSnapshot,
} from './order-snapshot.js';

/** What {@link Order.create} takes. */
export interface CreateOrderInput {
  readonly id: string;
  readonly organizationId: string;
  readonly customerId: string;
  readonly currency: string;
  /** Items to start with; each is added as by {@link Order.addItem}. */
  readonly items?: readonly NewOrderItem[];
  readonly now: number;
}

interface Line {
  readonly productId: string;
  readonly name: string;
  readonly unitPrice: Money;
  readonly quantity: number;
}

type OrderState = Omit<OrderSnapshot, 'id' | 'organizationId' | 'version' | 'items'> & { items: Line[] };

/**
 * A customer's order. Items change only while it is a DRAFT; its total is always derived from the items.
 *
 * @example
 * ```ts
 * const order = Order.create({ id: 'ord_1', organizationId: 'org_1', customerId: 'cus_1', currency: 'INR', now });
 * order.addItem({ productId: 'p1', name: 'Rice 5kg', unitPrice: Money.fromDecimal('450', 'INR'), quantity: 2 }, now);
 * order.confirm(now);
 * order.total.format('en-IN'); // '₹900.00'
 * const events = order.pullEvents(); // order.created, order.item_added, order.confirmed
 * ```
 */
export class Order extends AggregateRoot<OrderEventName> {
  #state: OrderState;

  private constructor(id: string, organizationId: string, version: number, state: OrderState) {
    super(id, organizationId, version);
    this.#state = state;
  }

  /** A new DRAFT order (version 0); raises `order.created`, then `order.item_added` per initial item. */
  static create(input: CreateOrderInput): Order {
    const now = requireTimestamp(input.now, 'now');
    const order = new Order(requireId(input.id, 'id'), requireId(input.organizationId, 'organizationId'), 0, {
      customerId: requireId(input.customerId, 'customerId'),
      currency: normalizeCurrency(input.currency),
      status: 'DRAFT',
      items: [],
      trackingNumber: null,
      cancellationReason: null,
      createdAt: now,
      updatedAt: now,
      confirmedAt: null,
      processingStartedAt: null,
      shippedAt: null,
      deliveredAt: null,
      cancelledAt: null,
    });
    order.raise('order.created', now, { customerId: order.customerId, currency: order.currency });
    for (const item of input.items ?? []) order.addItem(item, now);
    return order;
  }

  /**
   * Rebuilds an order from a stored snapshot, checking every field and invariant.
   *
   * @throws {ValidationError} listing every problem.
   */
  static fromSnapshot(snapshot: OrderSnapshot): Order {
    const { id, organizationId, version, items, ...rest } = readOrderSnapshot(snapshot);
    return new Order(id, organizationId, version, {
      ...rest,
      items: items.map((item) => ({ ...item, unitPrice: Money.fromSnapshot(item.unitPrice) })),
    });
  }

  get customerId(): string {
    return this.#state.customerId;
  }
  get currency(): string {
    return this.#state.currency;
  }
  get status(): OrderStatus {
    return this.#state.status;
  }
  get trackingNumber(): string | null {
    return this.#state.trackingNumber;
  }
  get cancellationReason(): string | null {
    return this.#state.cancellationReason;
  }
  get createdAt(): number {
    return this.#state.createdAt;
  }
  get updatedAt(): number {
    return this.#state.updatedAt;
  }

  /** The lines, in the order products were first added. */
  get items(): readonly OrderItem[] {
    return this.#state.items.map((line) =>
      Object.freeze({ ...line, lineTotal: line.unitPrice.multiply(line.quantity) }),
    );
  }

  /** Total number of units over all lines. */
  get itemCount(): number {
    return this.#state.items.reduce((sum, line) => sum + line.quantity, 0);
  }

  /** The sum of `unitPrice × quantity` over all lines; derived on every read, never stored. */
  get total(): Money {
    return Money.sum(
      this.#state.items.map((line) => line.unitPrice.multiply(line.quantity)),
      this.#state.currency,
    );
  }

  /** True while items may change (status DRAFT). */
  get isEditable(): boolean {
    return this.#state.status === 'DRAFT';
  }

  /**
   * Adds a product, or adds to its quantity when it is already in the order (the merged quantity must stay
   * within {@link MAX_ITEM_QUANTITY}). The unit price must match the line already there.
   *
   * @throws {OrderNotEditableError | InvalidQuantityError | CurrencyMismatchError | OrderItemPriceMismatchError | OrderTooManyItemsError | InvalidAmountError | ValidationError}
   */
  addItem(item: NewOrderItem, now: number): void {
    requireTimestamp(now, 'now');
    this.assertEditable();
    const productId = requireId(item.productId, 'productId');
    const name = requireText(item.name, 'name', { max: MAX_ITEM_NAME_LENGTH });
    assertQuantity(item.quantity);
    if (item.unitPrice.currency !== this.currency) {
      throw new CurrencyMismatchError(this.currency, item.unitPrice.currency, `order ${this.id}`);
    }
    assertUnitPrice(item.unitPrice);
    const items = [...this.#state.items];
    const index = items.findIndex((line) => line.productId === productId);
    const existing = items[index];
    let added: Line;
    if (existing) {
      if (!existing.unitPrice.equals(item.unitPrice)) {
        throw new OrderItemPriceMismatchError(
          productId,
          existing.unitPrice.toString(),
          item.unitPrice.toString(),
        );
      }
      assertQuantity(existing.quantity + item.quantity);
      added = { ...existing, quantity: existing.quantity + item.quantity };
      items[index] = added;
    } else {
      if (items.length >= MAX_ORDER_ITEMS) throw new OrderTooManyItemsError(this.id, MAX_ORDER_ITEMS);
      added = { productId, name, unitPrice: item.unitPrice, quantity: item.quantity };
      items.push(added);
    }
    this.#state = { ...this.#state, items, updatedAt: now };
    this.raise('order.item_added', now, { item: toItemSnapshot(added), quantityAdded: item.quantity });
  }

  /** Removes a product's line. @throws {OrderNotEditableError | OrderItemNotFoundError} */
  removeItem(productId: string, now: number): void {
    requireTimestamp(now, 'now');
    this.assertEditable();
    this.lineFor(productId);
    this.#state = {
      ...this.#state,
      items: this.#state.items.filter((line) => line.productId !== productId),
      updatedAt: now,
    };
    this.raise('order.item_removed', now, { productId });
  }

  /**
   * Sets a line's quantity. Zero is refused: remove the item instead. Setting the same quantity is a no-op.
   *
   * @throws {OrderNotEditableError | OrderItemNotFoundError | InvalidQuantityError}
   */
  changeQuantity(productId: string, quantity: number, now: number): void {
    requireTimestamp(now, 'now');
    this.assertEditable();
    const line = this.lineFor(productId);
    assertQuantity(quantity);
    if (line.quantity === quantity) return;
    this.#state = {
      ...this.#state,
      items: this.#state.items.map((item) => (item.productId === productId ? { ...item, quantity } : item)),
      updatedAt: now,
    };
    this.raise('order.item_quantity_changed', now, { productId, from: line.quantity, to: quantity });
  }

  /** DRAFT → CONFIRMED; raises `order.confirmed`. @throws {InvalidTransitionError | OrderEmptyError} */
  confirm(now: number): void {
    requireTimestamp(now, 'now');
    this.assertStatus('DRAFT', 'CONFIRMED');
    if (this.#state.items.length === 0) throw new OrderEmptyError(this.id);
    this.#state = { ...this.#state, status: 'CONFIRMED', confirmedAt: now, updatedAt: now };
    this.raise('order.confirmed', now, {
      customerId: this.customerId,
      total: this.total.toJSON(),
      itemCount: this.itemCount,
    });
  }

  /** CONFIRMED → PROCESSING. @throws {InvalidTransitionError} */
  startProcessing(now: number): void {
    requireTimestamp(now, 'now');
    this.assertStatus('CONFIRMED', 'PROCESSING');
    this.#state = { ...this.#state, status: 'PROCESSING', processingStartedAt: now, updatedAt: now };
    this.raise('order.processing_started', now, {});
  }

  /** PROCESSING → SHIPPED, with an optional carrier tracking number. @throws {InvalidTransitionError} */
  markAsShipped(now: number, trackingNumber?: string): void {
    requireTimestamp(now, 'now');
    const tracking = optionalText(trackingNumber, 'trackingNumber', { max: MAX_ORDER_NOTE_LENGTH });
    this.assertStatus('PROCESSING', 'SHIPPED');
    this.#state = {
      ...this.#state,
      status: 'SHIPPED',
      trackingNumber: tracking,
      shippedAt: now,
      updatedAt: now,
    };
    this.raise('order.shipped', now, { trackingNumber: tracking });
  }

  /** SHIPPED → DELIVERED. @throws {InvalidTransitionError} */
  markAsDelivered(now: number): void {
    requireTimestamp(now, 'now');
    this.assertStatus('SHIPPED', 'DELIVERED');
    this.#state = { ...this.#state, status: 'DELIVERED', deliveredAt: now, updatedAt: now };
    this.raise('order.delivered', now, {});
  }

  /**
   * Cancels an order that has not shipped (DRAFT, CONFIRMED or PROCESSING). SHIPPED and DELIVERED orders
   * cannot be cancelled: the goods have left, so that is a return, not a cancellation.
   *
   * @throws {InvalidTransitionError}
   */
  cancel(now: number, reason?: string): void {
    requireTimestamp(now, 'now');
    const why = optionalText(reason, 'reason', { max: MAX_ORDER_NOTE_LENGTH });
    const previousStatus = this.#state.status;
    if (!CANCELLABLE_ORDER_STATUSES.includes(previousStatus)) {
      throw new InvalidTransitionError(
        'Order',
        previousStatus,
        'CANCELLED',
        previousStatus === 'CANCELLED'
          ? 'it is already cancelled'
          : 'it has already shipped; handle it as a return',
      );
    }
    this.#state = {
      ...this.#state,
      status: 'CANCELLED',
      cancellationReason: why,
      cancelledAt: now,
      updatedAt: now,
    };
    this.raise('order.cancelled', now, { reason: why, previousStatus });
  }

  /** The JSON-safe snapshot stores persist. */
  toSnapshot(): OrderSnapshot {
    const { items, ...rest } = this.#state;
    return {
      id: this.id,
      organizationId: this.organizationId,
      version: this.version,
      ...rest,
      items: items.map(toItemSnapshot),
    };
  }

  private assertEditable(): void {
    if (this.#state.status !== 'DRAFT') throw new OrderNotEditableError(this.id, this.#state.status);
  }

  private assertStatus(expected: OrderStatus, to: OrderStatus): void {
    if (this.#state.status !== expected) {
      throw new InvalidTransitionError(
        'Order',
        this.#state.status,
        to,
        `only a ${expected} order can become ${to}`,
      );
    }
  }

  private lineFor(productId: string): Line {
    const line = this.#state.items.find((item) => item.productId === productId);
    if (!line) throw new OrderItemNotFoundError(this.id, productId);
    return line;
  }
}

function toItemSnapshot(line: Line): OrderItemSnapshot {
  return {
    productId: line.productId,
    name: line.name,
    unitPrice: line.unitPrice.toJSON(),
    quantity: line.quantity,
  };
}
