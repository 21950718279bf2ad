import type { ApplicationDeps } from './application-deps.js';
import { type CommandHandlers, createCommandHandlers } from './commands/command-handlers.js';
import { createQueries, type Queries } from './queries.js';
import { CampaignService } from './services/campaign-service.js';
import { InvoiceService } from './services/invoice-service.js';
import { OrderService } from './services/order-service.js';
import { ReminderService } from './services/reminder-service.js';

/** The application layer, wired: the commands, the queries, and the services over them. */
export interface Application {
  readonly commands: CommandHandlers;
  readonly queries: Queries;
  readonly orders: OrderService;
  readonly invoices: InvoiceService;
  readonly reminders: ReminderService;
  readonly campaigns: CampaignService;
}

/**
 * Wires the application layer on a store (unit of work + repositories), a clock, an id generator and an
 * event bus.
 *
 * @example
 * ```ts
 * const stores = createMemoryStores({ clock: systemClock });
 * const app = createApplication({ ...stores, clock: systemClock, ids: uuidGenerator, events: new BotEventBus() });
 * app.reminders.scheduleReminder({ organizationId, customerId, customerPhone, type: ReminderType.PAYMENT_DUE,
 *   message: 'Your invoice is due today.', scheduledFor: new Date('2025-01-15T10:00:00Z') });
 * ```
 */
export function createApplication(deps: ApplicationDeps): Application {
  const commands = createCommandHandlers(deps);
  const queries = createQueries(deps);
  return {
    commands,
    queries,
    orders: new OrderService(commands, queries),
    invoices: new InvoiceService(commands, queries),
    reminders: new ReminderService(commands, queries),
    campaigns: new CampaignService(commands, queries),
  };
}
