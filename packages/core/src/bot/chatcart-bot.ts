import type { ApplicationDeps } from '../application/application-deps.js';
import { BotEventBus } from '../application/bot-events.js';
import { CommandRunner } from '../application/command-runner.js';
import type { CommandHandlers } from '../application/commands/command-handlers.js';
import { createApplication } from '../application/create-application.js';
import type { Queries } from '../application/queries.js';
import { CampaignService } from '../application/services/campaign-service.js';
import { InvoiceService } from '../application/services/invoice-service.js';
import { OrderService } from '../application/services/order-service.js';
import { ReminderService } from '../application/services/reminder-service.js';
import type { DomainEvent } from '../domain/domain-event.js';
import { onDeliveryStatus } from '../jobs/campaign-progress.js';
import { DueReminderSweeper } from '../jobs/due-reminder-sweeper.js';
import type { JobContext } from '../jobs/job-context.js';
import { resolveJobSettings } from '../jobs/job-settings.js';
import { OutboxRelay } from '../jobs/outbox-relay.js';
import { registerJobHandlers } from '../jobs/register-job-handlers.js';
import { createInboundPipeline, type InboundPipeline } from '../messaging/inbound-pipeline.js';
import type { MessageContext } from '../messaging/message-context.js';
import type { CloseResult, JobQueue } from '../ports/job-queue.js';
import type {
  DeliveryStatusEvent,
  InboundMessage,
  MessagingTransport,
} from '../ports/messaging-transport.js';
import { CircuitBreaker } from '../resilience/circuit-breaker.js';
import type { Bot } from './bot.js';
import type { ResolvedAdapters } from './bot-adapters.js';
import { type BotConfig, jobConcurrency, organizationSettings } from './bot-config.js';
import { guardCommands, guardTransport, routesFor, withOrganizationDefaults } from './bot-wiring.js';

/** The bot `createBot` returns (internal: users see the {@link Bot} interface). */
export class ChatcartBot implements Bot {
  readonly commands: CommandHandlers;
  readonly queries: Queries;
  readonly orders: OrderService;
  readonly invoices: InvoiceService;
  readonly reminders: ReminderService;
  readonly campaigns: CampaignService;
  readonly events: BotEventBus;
  readonly pipeline: InboundPipeline;
  readonly transport: MessagingTransport;
  readonly queue: JobQueue;
  readonly relay: OutboxRelay;
  readonly config: BotConfig;
  readonly adapters: ResolvedAdapters;
  readonly #jobContext: JobContext;
  readonly #sweeper: DueReminderSweeper | undefined;
  #started: Promise<void> | undefined;
  #stopped: Promise<CloseResult> | undefined;

  constructor(config: BotConfig, adapters: ResolvedAdapters) {
    this.config = config;
    this.adapters = adapters;
    const { stores, clock, ids, logger, scheduler } = adapters;
    let relay: OutboxRelay | undefined;
    // A committed command wakes the relay, so its jobs start now rather than at the next poll.
    this.events = new (class extends BotEventBus {
      override emitAll(events: readonly DomainEvent[]): void {
        super.emitAll(events);
        if (events.length > 0) relay?.kick();
      }
    })({ logger });
    const deps: ApplicationDeps = {
      unitOfWork: stores.unitOfWork,
      repositories: stores.repositories,
      clock,
      ids,
      events: this.events,
      logger,
    };
    const app = createApplication(deps);
    this.commands = withOrganizationDefaults(
      guardCommands(app.commands, config.features),
      (organizationId) => organizationSettings(config, organizationId).currency,
    );
    this.queries = app.queries;
    this.orders = new OrderService(this.commands, this.queries);
    this.invoices = new InvoiceService(this.commands, this.queries);
    this.reminders = new ReminderService(this.commands, this.queries);
    this.campaigns = new CampaignService(this.commands, this.queries);
    const breaker = new CircuitBreaker({ name: `transport:${adapters.transport.name}`, clock });
    this.transport = guardTransport(adapters.transport, breaker);
    this.queue = adapters.queue;
    this.pipeline = createInboundPipeline({
      sessionStore: adapters.sessionStore,
      idempotencyStore: adapters.idempotencyStore,
      rateLimitStore: adapters.rateLimitStore,
      logger,
      clock,
      rateLimit: { limits: inboundLimits(config) },
    });
    relay = new OutboxRelay({
      outbox: stores.outbox,
      queue: this.queue,
      scheduler,
      routes: routesFor(config.features),
      batchSize: config.relay.batchSize,
      leaseMs: config.relay.leaseMs,
      pollIntervalMs: config.relay.pollIntervalMs,
      attempts: config.jobs.attempts,
      backoff: { type: 'exponential', delayMs: config.jobs.backoffMs },
      logger,
    });
    this.relay = relay;
    const sweepIntervalMs = config.reminders.sweepIntervalMs;
    this.#sweeper =
      config.features.reminders && sweepIntervalMs !== null
        ? new DueReminderSweeper({
            reminders: stores.repositories.reminders,
            queue: this.queue,
            scheduler,
            intervalMs: sweepIntervalMs,
            attempts: config.jobs.attempts,
            logger,
          })
        : undefined;
    this.#jobContext = {
      commands: app.commands,
      runner: new CommandRunner(deps),
      repositories: stores.repositories,
      queue: this.queue,
      transport: this.transport,
      ledger: adapters.sendLedger,
      clock,
      logger,
      rateLimitStore: adapters.rateLimitStore,
      settings: resolveJobSettings({
        organization: (organizationId) => organizationSettings(config, organizationId),
        reminders: config.features.reminders,
        paymentReminderOffsetsMs: config.reminders.paymentDueOffsetsMs,
        orderFollowup: config.reminders.orderFollowup,
        reminderRetryDelayMs: config.reminders.retryDelayMs,
        campaignPageSize: config.campaigns.pageSize,
        campaignPauseRecheckMs: config.campaigns.pauseRecheckMs,
        campaignSendsPerSecond: config.rateLimits.campaignSendsPerSecond,
        nameFallback: config.campaigns.nameFallback,
        jobAttempts: config.jobs.attempts,
        jobBackoff: { type: 'exponential', delayMs: config.jobs.backoffMs },
      }),
    };
  }

  handle(message: InboundMessage): Promise<MessageContext> {
    return this.adapters.conversationLock.runExclusive(message.organizationId, message.from, async () => {
      const ctx = await this.pipeline.handleMessage(message);
      for (const reply of ctx.replies) {
        try {
          await this.transport.send(ctx.organizationId, reply);
        } catch (error) {
          // The message was handled (its session saved); a provider retry would be dropped as a duplicate,
          // so the failure is reported rather than thrown, and the remaining replies are not sent out of order.
          ctx.logger.error({ err: error }, 'a reply could not be sent');
          this.events.emit('error', error instanceof Error ? error : new Error(String(error)));
          break;
        }
      }
      return ctx;
    });
  }

  handleDeliveryStatus(event: DeliveryStatusEvent): Promise<boolean> {
    return onDeliveryStatus(this.#jobContext, event);
  }

  start(): Promise<void> {
    if (this.#stopped)
      return Promise.reject(new Error('This bot was stopped; create a new one to start again.'));
    this.#started ??= (async () => {
      await registerJobHandlers(this.queue, {
        ...this.#jobContext,
        features: this.config.features,
        concurrency: jobConcurrency(this.config),
      });
      this.relay.start();
      this.#sweeper?.start();
    })();
    return this.#started;
  }

  stop(): Promise<CloseResult> {
    this.#stopped ??= (async () => {
      await Promise.all([this.relay.stop(), this.#sweeper?.stop()]);
      return this.queue.close({ deadlineMs: this.config.shutdownDeadlineMs });
    })();
    return this.#stopped;
  }

  async flush(): Promise<void> {
    const idle = (this.queue as { whenIdle?: () => Promise<void> }).whenIdle?.bind(this.queue);
    for (let round = 0; round < 1_000; round += 1) {
      const moved = await this.relay.relayAll();
      await idle?.();
      if (moved === 0) return;
    }
  }
}

function inboundLimits(config: BotConfig) {
  const { user, organization, global } = config.rateLimits;
  return {
    ...(user ? { user } : {}),
    ...(organization ? { organization } : {}),
    ...(global ? { global } : {}),
  };
}
