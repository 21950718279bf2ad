import type { Clock } from '../ports/clock.js';
import type { IdGenerator } from '../ports/id-generator.js';
import type { Logger } from '../ports/logger.js';
import type { CommerceTransaction, Repositories } from '../ports/repositories.js';
import type { UnitOfWork } from '../ports/unit-of-work.js';
import type { BotEventBus } from './bot-events.js';

/**
 * What the application layer runs on. A store adapter (memory, Postgres) provides the unit of work and the
 * repositories; the clock and the id generator are injected so tests are deterministic.
 *
 * @example
 * ```ts
 * const stores = createMemoryStores({ clock: systemClock });
 * const app = createApplication({
 *   unitOfWork: stores.unitOfWork,
 *   repositories: stores.repositories,
 *   clock: systemClock,
 *   ids: uuidGenerator,
 *   events: new BotEventBus(),
 * });
 * ```
 */
export interface ApplicationDeps {
  /** Runs every command all-or-nothing, with the repositories, invoice numbers and outbox bound to it. */
  readonly unitOfWork: UnitOfWork<CommerceTransaction>;
  /** Auto-commit views of the repositories, used by the queries. */
  readonly repositories: Repositories;
  readonly clock: Clock;
  readonly ids: IdGenerator;
  /** Domain events are emitted here after their transaction commits (never before, never on rollback). */
  readonly events: BotEventBus;
  /** Where retries and listener failures are reported; silent when omitted. */
  readonly logger?: Logger;
  /** Retries of a command that hit a version conflict (p-retry). Default 3. */
  readonly conflictRetries?: number;
}
