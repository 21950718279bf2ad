import type { ApplicationDeps } from '../application-deps.js';
import { CommandRunner } from '../command-runner.js';
import { type CampaignCommands, createCampaignCommands } from './campaign-commands.js';
import { type CustomerCommands, createCustomerCommands } from './customer-commands.js';
import { createInvoiceCommands, type InvoiceCommands } from './invoice-commands.js';
import { createOrderCommands, type OrderCommands } from './order-commands.js';
import { createReminderCommands, type ReminderCommands } from './reminder-commands.js';

/**
 * Every command of the write side. Each one validates its input with zod (a `ValidationError` names every bad
 * field), runs in one transaction that also writes the domain events to the outbox, is retried on a version
 * conflict (`conflictRetries`, default 3), and emits its events on the bus after the commit. Every input
 * carries `organizationId`; nothing crosses organizations.
 */
export interface CommandHandlers
  extends OrderCommands,
    InvoiceCommands,
    ReminderCommands,
    CampaignCommands,
    CustomerCommands {}

/**
 * Builds the command handlers.
 *
 * @example
 * ```ts
 * const commands = createCommandHandlers(deps);
 * const order = await commands.createOrder({ organizationId: 'org_1', customerPhone: '+14155550100',
 *   items: [{ productId: 'p_rice', quantity: 2 }] });
 * await commands.confirmOrder({ organizationId: 'org_1', orderId: order.id });
 * ```
 */
export function createCommandHandlers(deps: ApplicationDeps): CommandHandlers {
  const runner = new CommandRunner(deps);
  return {
    ...createOrderCommands(runner),
    ...createInvoiceCommands(runner),
    ...createReminderCommands(runner),
    ...createCampaignCommands(runner),
    ...createCustomerCommands(runner),
  };
}
