import type { OrderSnapshot } from '../../domain/order-snapshot.js';
import type { Page, PageRequest } from '../../ports/repositories.js';
import type { CommandHandlers } from '../commands/command-handlers.js';
import type {
  AddOrderItemsCommand,
  CancelOrderCommand,
  ConfirmOrderCommand,
  CreateOrderCommand,
  MarkOrderDeliveredCommand,
  MarkOrderShippedCommand,
  StartOrderProcessingCommand,
} from '../commands/order-commands.js';
import type { Queries } from '../queries.js';

/**
 * Orders from creation to delivery: a thin, discoverable face over the order commands and queries.
 *
 * @example
 * ```ts
 * const order = await app.orders.createOrder({ organizationId, customerPhone: '+14155550100',
 *   items: [{ productId: 'p_rice', quantity: 2 }] });
 * await app.orders.confirmOrder({ organizationId, orderId: order.id });
 * ```
 */
export class OrderService {
  readonly #commands: CommandHandlers;
  readonly #queries: Queries;

  constructor(commands: CommandHandlers, queries: Queries) {
    this.#commands = commands;
    this.#queries = queries;
  }

  /** @see CommandHandlers.createOrder */
  createOrder(input: CreateOrderCommand): Promise<OrderSnapshot> {
    return this.#commands.createOrder(input);
  }
  /** @see CommandHandlers.addOrderItems */
  addItems(input: AddOrderItemsCommand): Promise<OrderSnapshot> {
    return this.#commands.addOrderItems(input);
  }
  /** @see CommandHandlers.confirmOrder */
  confirmOrder(input: ConfirmOrderCommand): Promise<OrderSnapshot> {
    return this.#commands.confirmOrder(input);
  }
  /** @see CommandHandlers.startOrderProcessing */
  startProcessing(input: StartOrderProcessingCommand): Promise<OrderSnapshot> {
    return this.#commands.startOrderProcessing(input);
  }
  /** @see CommandHandlers.cancelOrder */
  cancelOrder(input: CancelOrderCommand): Promise<OrderSnapshot> {
    return this.#commands.cancelOrder(input);
  }
  /** @see CommandHandlers.markOrderShipped */
  markShipped(input: MarkOrderShippedCommand): Promise<OrderSnapshot> {
    return this.#commands.markOrderShipped(input);
  }
  /** @see CommandHandlers.markOrderDelivered */
  markDelivered(input: MarkOrderDeliveredCommand): Promise<OrderSnapshot> {
    return this.#commands.markOrderDelivered(input);
  }
  /** @see Queries.getOrder */
  getOrder(input: { organizationId: string; orderId: string }): Promise<OrderSnapshot> {
    return this.#queries.getOrder(input);
  }
  /** @see Queries.listCustomerOrders */
  listCustomerOrders(
    input: { organizationId: string; customerId: string } & PageRequest,
  ): Promise<Page<OrderSnapshot>> {
    return this.#queries.listCustomerOrders(input);
  }
}
