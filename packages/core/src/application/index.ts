/**
 * The application layer: commands and their handlers (the write side), queries (the read side), the
 * services over them, and the event bus domain events are published on after commit.
 *
 * @packageDocumentation
 */

export { ReminderType } from '../domain/reminder-snapshot.js';
export type { ApplicationDeps } from './application-deps.js';
export { ProductUnavailableError, type ProductUnavailableReason } from './application-errors.js';
export { BotEventBus, type BotEventBusOptions, type BotEventMap, type BotEventName } from './bot-events.js';
export type { CommandScope, EventSource } from './command-runner.js';
export { CommandRunner } from './command-runner.js';
export {
  audienceSchema,
  type CampaignCommands,
  type CancelCampaignCommand,
  type CreateCampaignCommand,
  cancelCampaignSchema,
  createCampaignSchema,
  type PauseCampaignCommand,
  pauseCampaignSchema,
  type ResumeCampaignCommand,
  resumeCampaignSchema,
  type StartCampaignCommand,
  startCampaignSchema,
} from './commands/campaign-commands.js';
export { type CommandHandlers, createCommandHandlers } from './commands/command-handlers.js';
export {
  type CustomerCommands,
  type OptInCustomerCommand,
  type OptOutCustomerCommand,
  optInCustomerSchema,
  optOutCustomerSchema,
} from './commands/customer-commands.js';
export {
  type InvoiceCommands,
  type IssueInvoiceCommand,
  issueInvoiceSchema,
  type RecordPaymentCommand,
  recordPaymentSchema,
  type VoidInvoiceCommand,
  voidInvoiceSchema,
} from './commands/invoice-commands.js';
export {
  type AddOrderItemsCommand,
  addOrderItemsSchema,
  type CancelOrderCommand,
  type ConfirmOrderCommand,
  type CreateOrderCommand,
  cancelOrderSchema,
  confirmOrderSchema,
  createOrderSchema,
  type MarkOrderDeliveredCommand,
  type MarkOrderShippedCommand,
  markOrderDeliveredSchema,
  markOrderShippedSchema,
  type OrderCommands,
  type StartOrderProcessingCommand,
  startOrderProcessingSchema,
} from './commands/order-commands.js';
export {
  type CancelReminderCommand,
  cancelReminderSchema,
  type ReminderCommands,
  type ScheduleReminderCommand,
  scheduleReminderSchema,
} from './commands/reminder-commands.js';
export {
  type ConflictRetryOptions,
  DEFAULT_CONFLICT_RETRIES,
  MAX_CONFLICT_RETRIES,
  resolveConflictRetries,
  retryOnConflict,
} from './conflict-retry.js';
export { type Application, createApplication } from './create-application.js';
export { toOutboxMessages } from './outbox-messages.js';
export { type CampaignMetricsView, campaignMetricsView, createQueries, type Queries } from './queries.js';
export { CampaignService } from './services/campaign-service.js';
export { InvoiceService } from './services/invoice-service.js';
export { OrderService } from './services/order-service.js';
export { ReminderService } from './services/reminder-service.js';
export { parseInput, zodToValidationError } from './validation.js';
