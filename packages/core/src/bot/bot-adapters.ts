import { ValidationError, type ValidationIssue } from '../domain/errors.js';
import { MemorySendLedger } from '../jobs/memory-send-ledger.js';
import type { SendLedger } from '../jobs/send-ledger.js';
import { MemoryConversationLock } from '../memory/memory-conversation-lock.js';
import { MemoryIdempotencyStore } from '../memory/memory-idempotency-store.js';
import { MemoryJobQueue } from '../memory/memory-job-queue.js';
import { MemoryRateLimitStore } from '../memory/memory-rate-limit-store.js';
import { MemorySessionStore } from '../memory/memory-session-store.js';
import { createMemoryStores } from '../memory/memory-stores.js';
import { MemoryTransport } from '../memory/memory-transport.js';
import { type Clock, systemClock } from '../ports/clock.js';
import type { ConversationLock } from '../ports/conversation-lock.js';
import { type IdGenerator, uuidGenerator } from '../ports/id-generator.js';
import type { IdempotencyStore } from '../ports/idempotency-store.js';
import type { JobQueue } from '../ports/job-queue.js';
import { type Logger, silentLogger } from '../ports/logger.js';
import type { MessagingTransport } from '../ports/messaging-transport.js';
import type { RateLimitStore } from '../ports/rate-limit-store.js';
import type { CommerceTransaction, Repositories } from '../ports/repositories.js';
import { type Scheduler, timerScheduler } from '../ports/scheduler.js';
import type { SessionStore } from '../ports/session-store.js';
import type { Outbox, UnitOfWork } from '../ports/unit-of-work.js';

/** The commerce persistence a store adapter provides in one bundle (`createMemoryStores()`, Postgres). */
export interface CommerceStores {
  readonly repositories: Repositories;
  readonly unitOfWork: UnitOfWork<CommerceTransaction>;
  readonly outbox: Outbox;
}

/**
 * The adapters `createBot` takes, one per port. Each one left out falls back to core's in-memory
 * implementation, so a bot with none runs in one process with no server.
 */
export interface BotAdapters {
  /** The messaging provider (Twilio…). Default: a `MemoryTransport` that records what it sends. */
  readonly transport?: MessagingTransport;
  /** Repositories, unit of work and outbox as one bundle. Or give the three fields below, together. */
  readonly stores?: CommerceStores;
  readonly repositories?: Repositories;
  readonly unitOfWork?: UnitOfWork<CommerceTransaction>;
  readonly outbox?: Outbox;
  readonly sessionStore?: SessionStore;
  readonly idempotencyStore?: IdempotencyStore;
  readonly rateLimitStore?: RateLimitStore;
  /** Where jobs run. Default: a `MemoryJobQueue` on the bot's scheduler. */
  readonly queue?: JobQueue;
  readonly conversationLock?: ConversationLock;
  /** Which messages went out (no message is sent twice). Default: a `MemorySendLedger`. */
  readonly sendLedger?: SendLedger;
  /** Default: the scheduler's clock, else the system clock. */
  readonly clock?: Clock;
  /** What the relay and the in-memory queue wait on. Default: real timers on the clock. */
  readonly scheduler?: Scheduler;
  readonly ids?: IdGenerator;
  readonly logger?: Logger;
}

/** Every port, resolved. */
export interface ResolvedAdapters {
  readonly transport: MessagingTransport;
  readonly stores: CommerceStores;
  readonly sessionStore: SessionStore;
  readonly idempotencyStore: IdempotencyStore;
  readonly rateLimitStore: RateLimitStore;
  readonly queue: JobQueue;
  readonly conversationLock: ConversationLock;
  readonly sendLedger: SendLedger;
  readonly clock: Clock;
  readonly scheduler: Scheduler;
  readonly ids: IdGenerator;
  readonly logger: Logger;
}

/** The methods each adapter must have, so a wrong object is refused at `createBot`, not at the first message. */
const REQUIRED_METHODS: Readonly<Record<string, readonly string[]>> = {
  transport: ['send', 'verify', 'parse'],
  stores: [],
  repositories: [],
  unitOfWork: ['run'],
  outbox: ['claimBatch', 'markRelayed'],
  sessionStore: ['get', 'set'],
  idempotencyStore: ['claim', 'release'],
  rateLimitStore: ['consume'],
  queue: ['enqueue', 'process', 'close'],
  conversationLock: ['runExclusive'],
  sendLedger: ['begin', 'complete', 'release', 'counts'],
  clock: ['now'],
  scheduler: ['at'],
  ids: ['next'],
  logger: ['debug', 'info', 'warn', 'error', 'child'],
};

/** The option names that are adapters. */
export const BOT_ADAPTER_KEYS = Object.keys(REQUIRED_METHODS) as (keyof BotAdapters)[];

/**
 * Checks the adapters given and fills in the in-memory ones for the rest.
 *
 * @throws {ValidationError} naming each adapter that is not an object with the methods of its port, or a
 * partial set of `repositories`, `unitOfWork` and `outbox`.
 */
export function resolveAdapters(adapters: BotAdapters): ResolvedAdapters {
  const issues: ValidationIssue[] = [];
  for (const [key, methods] of Object.entries(REQUIRED_METHODS)) {
    const value = (adapters as Record<string, unknown>)[key];
    if (value === undefined) continue;
    if (value === null || typeof value !== 'object') {
      issues.push({ path: key, message: 'must be an object implementing its port' });
      continue;
    }
    for (const method of methods) {
      if (typeof (value as Record<string, unknown>)[method] !== 'function') {
        issues.push({ path: `${key}.${method}`, message: 'must be a function' });
      }
    }
  }
  const parts = [adapters.repositories, adapters.unitOfWork, adapters.outbox];
  const given = parts.filter((part) => part !== undefined).length;
  if (adapters.stores && given > 0) {
    issues.push({
      path: 'stores',
      message: 'give either stores or repositories + unitOfWork + outbox, not both',
    });
  } else if (given > 0 && given < 3) {
    issues.push({
      path: adapters.repositories ? (adapters.unitOfWork ? 'outbox' : 'unitOfWork') : 'repositories',
      message: 'repositories, unitOfWork and outbox must be given together (they share one database)',
    });
  }
  if (issues.length > 0) throw new ValidationError('Invalid createBot adapters', issues);

  const clock = adapters.clock ?? adapters.scheduler?.clock ?? systemClock;
  const scheduler = adapters.scheduler ?? timerScheduler(clock);
  const logger = adapters.logger ?? silentLogger;
  const stores: CommerceStores =
    adapters.stores ??
    (adapters.repositories && adapters.unitOfWork && adapters.outbox
      ? { repositories: adapters.repositories, unitOfWork: adapters.unitOfWork, outbox: adapters.outbox }
      : createMemoryStores({ clock }));
  return {
    transport: adapters.transport ?? new MemoryTransport(),
    stores,
    sessionStore: adapters.sessionStore ?? new MemorySessionStore({ clock }),
    idempotencyStore: adapters.idempotencyStore ?? new MemoryIdempotencyStore({ clock }),
    rateLimitStore: adapters.rateLimitStore ?? new MemoryRateLimitStore({ clock }),
    queue: adapters.queue ?? new MemoryJobQueue({ scheduler, logger }),
    conversationLock: adapters.conversationLock ?? new MemoryConversationLock(),
    sendLedger: adapters.sendLedger ?? new MemorySendLedger({ clock }),
    clock,
    scheduler,
    ids: adapters.ids ?? uuidGenerator,
    logger,
  };
}
