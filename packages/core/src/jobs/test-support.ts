/**
 * Shared set-up for the job handlers' tests (test-only; not exported from the package).
 */

import type { ApplicationDeps } from '../application/application-deps.js';
import { BotEventBus } from '../application/bot-events.js';
import { CommandRunner } from '../application/command-runner.js';
import { type Application, createApplication } from '../application/create-application.js';
import { Customer } from '../domain/customer.js';
import { Money } from '../domain/money.js';
import { Product } from '../domain/product.js';
import { MemoryJobQueue } from '../memory/memory-job-queue.js';
import { createMemoryStores, type MemoryStores } from '../memory/memory-stores.js';
import { MemoryTransport } from '../memory/memory-transport.js';
import type { Job } from '../ports/job-queue.js';
import type { MessagingTransport, OutboundMessage, SendResult } from '../ports/messaging-transport.js';
import type { CommerceTransaction } from '../ports/repositories.js';
import type { JsonValue } from '../ports/session-store.js';
import type { UnitOfWork } from '../ports/unit-of-work.js';
import { CapturingLogger } from '../testing/capturing-logger.js';
import { ManualClock } from '../testing/manual-clock.js';
import { ManualScheduler } from '../testing/manual-scheduler.js';
import { SequentialIdGenerator } from '../testing/sequential-id-generator.js';
import type { JobContext, JobSettings } from './job-context.js';
import { resolveJobSettings } from './job-settings.js';
import { MemorySendLedger } from './memory-send-ledger.js';
import { MessageNotSentError } from './message-not-sent-error.js';
import { OutboxRelay } from './outbox-relay.js';
import { createJobHandlers, registerJobHandlers } from './register-job-handlers.js';

/** 1 March 2026, 09:00 UTC. */
export const START = Date.parse('2026-03-01T09:00:00Z');
export const DAY = 86_400_000;

/** How the next sends fail. */
export type SendFault =
  /** The provider sent it, but the answer was lost (a timeout after the request went out). */
  | 'lost-answer'
  /** The provider refused: nothing went out. */
  | 'refused';

/** A recording transport that can be told to fail the next sends. */
export class FaultyTransport implements MessagingTransport {
  readonly name = 'faulty';
  readonly inner = new MemoryTransport();
  readonly #faults: SendFault[] = [];

  /** Fails the next `times` sends with `fault`. */
  failNext(fault: SendFault, times = 1): void {
    for (let i = 0; i < times; i += 1) this.#faults.push(fault);
  }

  get sent() {
    return this.inner.sent;
  }

  sentTo(phone: string): string[] {
    return this.inner.sentTo(phone);
  }

  verify() {
    return false;
  }

  parse() {
    return { messages: [], statuses: [] };
  }

  async send(organizationId: string, message: OutboundMessage): Promise<SendResult> {
    const fault = this.#faults.shift();
    if (fault === 'refused') throw new MessageNotSentError('faulty', 'HTTP 503 from the provider');
    const result = await this.inner.send(organizationId, message);
    if (fault === 'lost-answer') throw new Error('socket hang up');
    return result;
  }
}

/** Everything a job test works with, all in memory on one manual clock. */
export interface JobsHarness {
  readonly app: Application;
  readonly stores: MemoryStores;
  readonly scheduler: ManualScheduler;
  readonly clock: ManualClock;
  readonly queue: MemoryJobQueue;
  readonly transport: FaultyTransport;
  readonly ledger: MemorySendLedger;
  readonly relay: OutboxRelay;
  readonly logger: CapturingLogger;
  readonly context: JobContext;
  /** Relays the outbox and runs jobs until nothing is left to run now. */
  drive(): Promise<void>;
  /** Moves the clock (running delayed jobs on the way), then drives. */
  advance(ms: number): Promise<void>;
  /** Adds an opted-in customer (unless told otherwise). */
  addCustomer(input: {
    id: string;
    phone: string;
    name?: string;
    tags?: string[];
    optedIn?: boolean;
  }): Promise<Customer>;
  /** Adds a product priced in minor units of INR. */
  addProduct(input: { id: string; price: number }): Promise<Product>;
  /** A job as a queue would hand it over. */
  job(queue: string, name: string, payload: JsonValue, attempt?: number): Job;
}

/** Builds the harness. `wrapUnitOfWork` puts a fault between the jobs and the transactions. */
export function createJobsHarness(
  options: {
    settings?: Partial<JobSettings>;
    wrapUnitOfWork?: (inner: UnitOfWork<CommerceTransaction>) => UnitOfWork<CommerceTransaction>;
    register?: boolean;
  } = {},
): JobsHarness {
  const clock = new ManualClock(START);
  const scheduler = new ManualScheduler(clock);
  const stores = createMemoryStores({ clock });
  const logger = new CapturingLogger();
  const deps: ApplicationDeps = {
    unitOfWork: options.wrapUnitOfWork ? options.wrapUnitOfWork(stores.unitOfWork) : stores.unitOfWork,
    repositories: stores.repositories,
    clock,
    ids: new SequentialIdGenerator(),
    events: new BotEventBus({ logger }),
    logger,
  };
  const app = createApplication(deps);
  const queue = new MemoryJobQueue({ scheduler, logger });
  const transport = new FaultyTransport();
  const ledger = new MemorySendLedger({ clock });
  const relay = new OutboxRelay({
    outbox: stores.outbox,
    queue,
    scheduler,
    logger,
    backoff: { type: 'fixed', delayMs: 0 },
  });
  const context: JobContext = {
    commands: app.commands,
    runner: new CommandRunner(deps),
    repositories: stores.repositories,
    queue,
    transport,
    ledger,
    clock,
    logger,
    settings: resolveJobSettings({ ...options.settings }),
  };
  const ready = options.register === false ? Promise.resolve() : registerJobHandlers(queue, context);
  const drive = async () => {
    await ready;
    for (let round = 0; round < 100; round += 1) {
      const moved = await relay.relayAll();
      await queue.whenIdle();
      if (moved === 0) return;
    }
    throw new Error('the jobs did not settle within 100 rounds');
  };
  let jobs = 0;
  return {
    app,
    stores,
    scheduler,
    clock,
    queue,
    transport,
    ledger,
    relay,
    logger,
    context,
    drive,
    advance: async (ms) => {
      await drive();
      await scheduler.advance(ms);
      await drive();
    },
    addCustomer: async ({ id, phone, name, tags = [], optedIn = true }) => {
      const customer = Customer.create({
        id,
        organizationId: 'org_1',
        phone,
        tags,
        optedIn,
        now: clock.now(),
        ...(name === undefined ? {} : { name }),
      });
      await stores.repositories.customers.save(customer);
      return customer;
    },
    addProduct: async ({ id, price }) => {
      const product = Product.create({
        id,
        organizationId: 'org_1',
        sku: id.toUpperCase(),
        name: `Product ${id}`,
        price: Money.of(price, 'INR'),
        stock: null,
        active: true,
        now: clock.now(),
      });
      await stores.repositories.products.save(product);
      return product;
    },
    job: (queueName, name, payload, attempt = 1) => ({
      id: `job_${++jobs}`,
      queue: queueName,
      name,
      payload,
      attempt,
      maxAttempts: 5,
      enqueuedAt: clock.now(),
    }),
  };
}

/** Wraps a unit of work so that the transactions named by `failWhen` throw once, after their work ran. */
export function failingCommitOnce(
  failWhen: (attempt: number) => boolean,
): (inner: UnitOfWork<CommerceTransaction>) => UnitOfWork<CommerceTransaction> {
  let attempt = 0;
  return (inner) => ({
    run: (work) =>
      inner.run(async (tx) => {
        const result = await work(tx);
        attempt += 1;
        if (failWhen(attempt)) throw new Error('database connection lost during commit');
        return result;
      }),
  });
}

/** The four handlers on the harness's context, to call with hand-made jobs. */
export function handlers(h: JobsHarness) {
  const all = createJobHandlers(h.context);
  return {
    orderProcessing: all['order-processing'],
    invoiceProcessing: all['invoice-processing'],
    reminders: all.reminders,
    campaigns: all.campaigns,
  };
}
