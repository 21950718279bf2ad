import type { DomainEventName, DomainEventOf, DomainEventPayloadMap } from './domain-event.js';
import { ValidationError } from './errors.js';

/**
 * What every aggregate shares: its id, its organization, the version it was loaded at, and the domain events
 * it raised since then.
 *
 * **Versioning.** `version` is the version the aggregate was loaded at (0 for one never saved). A repository
 * writes with compare-and-set: "update where version = aggregate.version, set version = version + 1", and
 * throws `ConflictError` when no row matched. After a successful write it may call
 * {@link AggregateRoot.markPersisted} so the same instance can be changed and saved again.
 *
 * **Events.** Methods that change state record events; the application layer calls {@link pullEvents} once
 * after saving (or writes them to the outbox in the same transaction). Events carry no id: the outbox assigns
 * one from its `IdGenerator`.
 */
export abstract class AggregateRoot<N extends DomainEventName> {
  /** The aggregate's id, unique within its organization. */
  readonly id: string;
  /** The tenant that owns the aggregate; no read ever crosses organizations. */
  readonly organizationId: string;
  #version: number;
  #events: DomainEventOf<N>[] = [];

  protected constructor(id: string, organizationId: string, version: number) {
    this.id = id;
    this.organizationId = organizationId;
    this.#version = version;
  }

  /** The version this aggregate was loaded at (0 when new). Stores compare-and-set on it. */
  get version(): number {
    return this.#version;
  }

  /** Events raised since the last pull, oldest first, without clearing them. */
  peekEvents(): readonly DomainEventOf<N>[] {
    return [...this.#events];
  }

  /** Returns the events raised since the last pull, oldest first, and clears them. */
  pullEvents(): DomainEventOf<N>[] {
    const events = this.#events;
    this.#events = [];
    return events;
  }

  /**
   * Tells the aggregate a repository stored it at `version` (normally the loaded version + 1).
   *
   * @throws {ValidationError} when `version` is not an integer above the current one.
   */
  markPersisted(version: number): void {
    if (!Number.isSafeInteger(version) || version <= this.#version) {
      throw new ValidationError('A persisted version must be an integer above the loaded one.', [
        { path: 'version', message: `expected an integer above ${this.#version}, got ${String(version)}` },
      ]);
    }
    this.#version = version;
  }

  /** Records a domain event stamped with this aggregate's id and organization. */
  protected raise<K extends N>(type: K, occurredAt: number, payload: DomainEventPayloadMap[K]): void {
    const event = {
      type,
      aggregateId: this.id,
      organizationId: this.organizationId,
      occurredAt,
      payload,
    } as unknown as DomainEventOf<N>;
    this.#events.push(event);
  }
}
