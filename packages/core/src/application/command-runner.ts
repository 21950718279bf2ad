import type { DomainEvent } from '../domain/domain-event.js';
import type { Clock } from '../ports/clock.js';
import type { IdGenerator } from '../ports/id-generator.js';
import type { CommerceTransaction } from '../ports/repositories.js';
import type { ApplicationDeps } from './application-deps.js';
import { resolveConflictRetries, retryOnConflict } from './conflict-retry.js';
import { toOutboxMessages } from './outbox-messages.js';

/** An aggregate as the runner sees it: something that can be saved and has events to hand over. */
export interface EventSource {
  pullEvents(): readonly DomainEvent[];
}

/** What one attempt of a command works with. */
export interface CommandScope {
  /** The transaction: every repository, the invoice numbers and the outbox. */
  readonly tx: CommerceTransaction;
  /** The clock read once for this attempt, so every change of one command carries the same time. */
  readonly now: number;
  readonly ids: IdGenerator;
  /** Saves `aggregate` through `repository` and queues the events it raised for the outbox and the bus. */
  save<A extends EventSource>(repository: { save(aggregate: A): Promise<void> }, aggregate: A): Promise<void>;
}

/**
 * Runs commands the one way they all run: in a transaction, with the aggregates' events written to the
 * outbox in that same transaction, retried from scratch on a version conflict, and the events emitted on the
 * bus only once the transaction committed.
 */
export class CommandRunner {
  readonly #deps: ApplicationDeps;
  readonly #clock: Clock;
  readonly #retries: number;

  /** @throws {RangeError} when `conflictRetries` is not a whole number from 0 to 10. */
  constructor(deps: ApplicationDeps) {
    this.#deps = deps;
    this.#clock = deps.clock;
    this.#retries = resolveConflictRetries(deps.conflictRetries);
  }

  /**
   * Runs `work` as command `name`. A failed attempt leaves nothing behind (its transaction rolled back, its
   * events were never emitted); only the attempt that commits publishes its events.
   */
  async run<T>(name: string, work: (scope: CommandScope) => Promise<T>): Promise<T> {
    const { unitOfWork, ids, logger, events: bus } = this.#deps;
    const { result, events } = await retryOnConflict(
      () =>
        unitOfWork.run(async (tx) => {
          const events: DomainEvent[] = [];
          const scope: CommandScope = {
            tx,
            now: this.#clock.now(),
            ids,
            save: async (repository, aggregate) => {
              await repository.save(aggregate);
              events.push(...aggregate.pullEvents());
            },
          };
          const result = await work(scope);
          if (events.length > 0) await tx.outbox.append(toOutboxMessages(events, ids));
          return { result, events };
        }),
      {
        retries: this.#retries,
        ...(logger === undefined ? {} : { logger }),
        operation: name,
      },
    );
    bus.emitAll(events);
    return result;
  }
}
