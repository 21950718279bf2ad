import type { BotEventBus } from '../application/bot-events.js';
import type { CommandHandlers } from '../application/commands/command-handlers.js';
import type { Queries } from '../application/queries.js';
import type { CampaignService } from '../application/services/campaign-service.js';
import type { InvoiceService } from '../application/services/invoice-service.js';
import type { OrderService } from '../application/services/order-service.js';
import type { ReminderService } from '../application/services/reminder-service.js';
import type { OutboxRelay } from '../jobs/outbox-relay.js';
import type { InboundPipeline } from '../messaging/inbound-pipeline.js';
import type { MessageContext } from '../messaging/message-context.js';
import type { CloseResult, JobQueue } from '../ports/job-queue.js';
import type {
  DeliveryStatusEvent,
  InboundMessage,
  MessagingTransport,
} from '../ports/messaging-transport.js';
import type { ResolvedAdapters } from './bot-adapters.js';
import type { BotConfig } from './bot-config.js';

/** A wired bot. See {@link createBot}. */
export interface Bot {
  /** Every command; those of disabled features throw `FeatureDisabledError`. */
  readonly commands: CommandHandlers;
  readonly queries: Queries;
  readonly orders: OrderService;
  readonly invoices: InvoiceService;
  readonly reminders: ReminderService;
  readonly campaigns: CampaignService;
  /** Domain events, emitted after their transaction committed. */
  readonly events: BotEventBus;
  /** The inbound pipeline: add your own middlewares with `bot.pipeline.use(middleware, { order })`. */
  readonly pipeline: InboundPipeline;
  /** The transport, with sends behind the bot's circuit breaker. */
  readonly transport: MessagingTransport;
  readonly queue: JobQueue;
  readonly relay: OutboxRelay;
  /** The settings after validation and defaults. */
  readonly config: BotConfig;
  /** Every port the bot runs on, given or defaulted. */
  readonly adapters: ResolvedAdapters;
  /**
   * Runs one inbound message through the pipeline, one message per customer at a time (the conversation
   * lock), and sends the replies. Resolves with the message context.
   */
  handle(message: InboundMessage): Promise<MessageContext>;
  /** Applies a provider's delivery-status event (campaign delivered/read/failed counts). */
  handleDeliveryStatus(event: DeliveryStatusEvent): Promise<boolean>;
  /**
   * Registers the job handlers of the enabled features and starts the outbox relay (and, with reminders on,
   * the sweeper that re-enqueues overdue reminders whose job was lost).
   */
  start(): Promise<void>;
  /** Stops the relay and the sweeper, waits for running jobs (up to `shutdownDeadlineMs`) and closes the queue. */
  stop(): Promise<CloseResult>;
  /**
   * Relays everything waiting in the outbox and, on the in-memory queue, waits until every job that can
   * run now has run; repeats until nothing new was relayed. For tests and scripts.
   */
  flush(): Promise<void>;
}
