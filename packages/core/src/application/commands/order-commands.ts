import { z } from 'zod';
import { Customer } from '../../domain/customer.js';
import { ValidationError } from '../../domain/errors.js';
import { Order } from '../../domain/order.js';
import { MAX_ITEM_QUANTITY, MAX_ORDER_ITEMS } from '../../domain/order-item.js';
import { MAX_ORDER_NOTE_LENGTH, type OrderSnapshot } from '../../domain/order-snapshot.js';
import type { CommandRunner, CommandScope } from '../command-runner.js';
import { cancelPendingReminders } from '../reminder-cleanup.js';
import {
  clientIdSchema,
  currencySchema,
  expected,
  idSchema,
  optionalTextSchema,
  organizationIdSchema,
  phoneSchema,
} from '../schemas.js';
import { parseInput } from '../validation.js';
import { moveStock, orderLinesFromCatalog, quantitiesOf } from './catalog-stock.js';

const orderItemSchema = z.object({
  productId: idSchema,
  quantity: z
    .number(expected('must be a number'))
    .int({ error: 'must be a whole number' })
    .min(1, { error: 'must be at least 1' })
    .max(MAX_ITEM_QUANTITY, { error: `must be at most ${MAX_ITEM_QUANTITY}` }),
});

const itemsSchema = z
  .array(orderItemSchema, expected('must be a list of { productId, quantity }'))
  .max(MAX_ORDER_ITEMS, { error: `must hold at most ${MAX_ORDER_ITEMS} items` });

/** Input of `createOrder`. Give the customer by `customerId`, or by `customerPhone` (created when new). */
export const createOrderSchema = z
  .object({
    organizationId: organizationIdSchema,
    /** Pick the id to make a retried request return the order the first one created. */
    orderId: clientIdSchema,
    customerId: idSchema.optional(),
    customerPhone: phoneSchema.optional(),
    /** Stored on a customer created from `customerPhone`. */
    customerName: optionalTextSchema(200),
    /** Defaults to the currency of the first item's price; required when the order starts empty. */
    currency: currencySchema.optional(),
    items: itemsSchema.optional(),
  })
  .superRefine((input, ctx) => {
    if ((input.customerId === undefined) === (input.customerPhone === undefined)) {
      ctx.addIssue({
        code: 'custom',
        path: ['customerId'],
        message: 'give either customerId or customerPhone',
      });
    }
  });

/** Input of `addOrderItems`: products and quantities; names and prices come from the catalog. */
export const addOrderItemsSchema = z.object({
  organizationId: organizationIdSchema,
  orderId: idSchema,
  items: itemsSchema.min(1, { error: 'must hold at least one item' }),
});

/** Input of `confirmOrder`, `startOrderProcessing` and `markOrderDelivered`. */
export const confirmOrderSchema = z.object({ organizationId: organizationIdSchema, orderId: idSchema });
/** @see confirmOrderSchema */
export const startOrderProcessingSchema = confirmOrderSchema;
/** @see confirmOrderSchema */
export const markOrderDeliveredSchema = confirmOrderSchema;

/** Input of `cancelOrder`. */
export const cancelOrderSchema = confirmOrderSchema.extend({
  reason: optionalTextSchema(MAX_ORDER_NOTE_LENGTH),
});

/** Input of `markOrderShipped`. */
export const markOrderShippedSchema = confirmOrderSchema.extend({
  trackingNumber: optionalTextSchema(MAX_ORDER_NOTE_LENGTH),
});

export type CreateOrderCommand = z.input<typeof createOrderSchema>;
export type AddOrderItemsCommand = z.input<typeof addOrderItemsSchema>;
export type ConfirmOrderCommand = z.input<typeof confirmOrderSchema>;
export type StartOrderProcessingCommand = z.input<typeof startOrderProcessingSchema>;
export type CancelOrderCommand = z.input<typeof cancelOrderSchema>;
export type MarkOrderShippedCommand = z.input<typeof markOrderShippedSchema>;
export type MarkOrderDeliveredCommand = z.input<typeof markOrderDeliveredSchema>;

/** The order commands; gathered into `CommandHandlers` by `createCommandHandlers`. */
export interface OrderCommands {
  /**
   * Creates a DRAFT order, with items priced from the catalog. A customer given by phone is created when
   * the organization does not know the number yet. With `orderId`, a retry returns the existing order.
   */
  createOrder(input: CreateOrderCommand): Promise<OrderSnapshot>;
  /** Adds catalog products to a DRAFT order; stock must cover the quantities. */
  addOrderItems(input: AddOrderItemsCommand): Promise<OrderSnapshot>;
  /** DRAFT → CONFIRMED; takes tracked stock and adds the order to the customer's purchase history. */
  confirmOrder(input: ConfirmOrderCommand): Promise<OrderSnapshot>;
  /** CONFIRMED → PROCESSING. */
  startOrderProcessing(input: StartOrderProcessingCommand): Promise<OrderSnapshot>;
  /**
   * Cancels an order that has not shipped. Stock a confirmed order took goes back, an unpaid invoice of the
   * order is voided, and pending reminders about the order (and that invoice) are cancelled.
   */
  cancelOrder(input: CancelOrderCommand): Promise<OrderSnapshot>;
  /** PROCESSING → SHIPPED; a CONFIRMED order passes through PROCESSING on the way. */
  markOrderShipped(input: MarkOrderShippedCommand): Promise<OrderSnapshot>;
  /** SHIPPED → DELIVERED. */
  markOrderDelivered(input: MarkOrderDeliveredCommand): Promise<OrderSnapshot>;
}

/** Builds the order commands on a runner. */
export function createOrderCommands(runner: CommandRunner): OrderCommands {
  const change = (
    name: string,
    schema: typeof confirmOrderSchema,
    apply: (order: Order, scope: CommandScope) => void | Promise<void>,
  ) => {
    return async (raw: ConfirmOrderCommand): Promise<OrderSnapshot> => {
      const input = parseInput(schema, raw, name);
      return runner.run(name, async (scope) => {
        const order = await scope.tx.orders.getById(input.organizationId, input.orderId);
        await apply(order, scope);
        await scope.save(scope.tx.orders, order);
        return order.toSnapshot();
      });
    };
  };

  return {
    createOrder: async (raw) => {
      const input = parseInput(createOrderSchema, raw, 'createOrder');
      return runner.run('createOrder', async (scope) => {
        const { organizationId } = input;
        if (input.orderId !== undefined) {
          const existing = await scope.tx.orders.findById(organizationId, input.orderId);
          if (existing) return existing.toSnapshot();
        }
        const customerId = await resolveCustomer(scope, input);
        const lines = await orderLinesFromCatalog(scope, organizationId, input.items ?? []);
        const currency = input.currency ?? lines[0]?.unitPrice.currency;
        if (currency === undefined) {
          throw new ValidationError('Invalid createOrder input.', [
            { path: 'currency', message: 'is required when the order starts without items' },
          ]);
        }
        const order = Order.create({
          id: input.orderId ?? scope.ids.next('ord'),
          organizationId,
          customerId,
          currency,
          items: lines,
          now: scope.now,
        });
        await scope.save(scope.tx.orders, order);
        return order.toSnapshot();
      });
    },

    addOrderItems: async (raw) => {
      const input = parseInput(addOrderItemsSchema, raw, 'addOrderItems');
      return runner.run('addOrderItems', async (scope) => {
        const order = await scope.tx.orders.getById(input.organizationId, input.orderId);
        const lines = await orderLinesFromCatalog(
          scope,
          input.organizationId,
          input.items,
          quantitiesOf(order),
        );
        for (const line of lines) order.addItem(line, scope.now);
        await scope.save(scope.tx.orders, order);
        return order.toSnapshot();
      });
    },

    confirmOrder: change('confirmOrder', confirmOrderSchema, async (order, scope) => {
      order.confirm(scope.now);
      await moveStock(scope, order, -1);
      const customer = await scope.tx.customers.findById(order.organizationId, order.customerId);
      // Spend is kept in one currency per customer; an order in another one stays out of the spend filters.
      if (customer && (customer.totalSpent === null || customer.totalSpent.currency === order.currency)) {
        customer.recordPurchase(scope.now, order.total, scope.now);
        await scope.save(scope.tx.customers, customer);
      }
    }),

    startOrderProcessing: change('startOrderProcessing', startOrderProcessingSchema, (order, scope) => {
      order.startProcessing(scope.now);
    }),

    cancelOrder: async (raw) => {
      const input = parseInput(cancelOrderSchema, raw, 'cancelOrder');
      return runner.run('cancelOrder', async (scope) => {
        const { tx, now } = scope;
        const order = await tx.orders.getById(input.organizationId, input.orderId);
        const tookStock = order.status === 'CONFIRMED' || order.status === 'PROCESSING';
        order.cancel(now, input.reason);
        await scope.save(tx.orders, order);
        if (tookStock) await moveStock(scope, order, 1);
        const why = `Order ${order.id} was cancelled`;
        const invoice = await tx.invoices.findByOrderId(order.organizationId, order.id);
        if (invoice && (invoice.status === 'DRAFT' || invoice.status === 'ISSUED')) {
          invoice.void(now, input.reason ? `${why}: ${input.reason}` : why);
          await scope.save(tx.invoices, invoice);
          await cancelPendingReminders(scope, {
            organizationId: order.organizationId,
            referenceId: invoice.id,
            reason: why,
          });
        }
        await cancelPendingReminders(scope, {
          organizationId: order.organizationId,
          referenceId: order.id,
          reason: why,
        });
        return order.toSnapshot();
      });
    },

    markOrderShipped: async (raw) => {
      const input = parseInput(markOrderShippedSchema, raw, 'markOrderShipped');
      return runner.run('markOrderShipped', async (scope) => {
        const order = await scope.tx.orders.getById(input.organizationId, input.orderId);
        if (order.status === 'CONFIRMED') order.startProcessing(scope.now);
        order.markAsShipped(scope.now, input.trackingNumber);
        await scope.save(scope.tx.orders, order);
        return order.toSnapshot();
      });
    },

    markOrderDelivered: change('markOrderDelivered', markOrderDeliveredSchema, (order, scope) => {
      order.markAsDelivered(scope.now);
    }),
  };
}

async function resolveCustomer(
  scope: CommandScope,
  input: z.output<typeof createOrderSchema>,
): Promise<string> {
  const { tx, now } = scope;
  if (input.customerId !== undefined) {
    return (await tx.customers.getById(input.organizationId, input.customerId)).id;
  }
  const phone = input.customerPhone as string;
  const known = await tx.customers.findByPhone(input.organizationId, phone);
  if (known) return known.id;
  const customer = Customer.create({
    id: scope.ids.next('cus'),
    organizationId: input.organizationId,
    phone,
    ...(input.customerName === undefined ? {} : { name: input.customerName }),
    now,
  });
  await scope.save(tx.customers, customer);
  return customer.id;
}
