import type { DomainEvent } from '../domain/domain-event.js';
import type { IdGenerator } from '../ports/id-generator.js';
import type { JsonValue } from '../ports/session-store.js';
import type { OutboxMessage } from '../ports/unit-of-work.js';

/**
 * Turns domain events into outbox messages, one each, in order: a fresh id (`evt_…`, never containing `:`,
 * because the relay uses it as the job id), the event's organization, its name as the topic, the whole
 * envelope as the JSON payload, and the time it happened.
 *
 * @example
 * ```ts
 * order.confirm(now);
 * await tx.orders.save(order);
 * await tx.outbox.append(toOutboxMessages(order.pullEvents(), ids));
 * ```
 */
export function toOutboxMessages(events: readonly DomainEvent[], ids: IdGenerator): OutboxMessage[] {
  return events.map((event) => {
    const id = ids.next('evt');
    if (id.includes(':')) {
      throw new RangeError(
        `The id generator returned "${id}"; outbox ids become job ids and must not contain ":".`,
      );
    }
    return {
      id,
      organizationId: event.organizationId,
      topic: event.type,
      payload: toJson(event),
      occurredAt: event.occurredAt,
    };
  });
}

/** Event payloads are plain JSON by construction (money as snapshots, times as numbers); this makes it so. */
function toJson(event: DomainEvent): JsonValue {
  return JSON.parse(JSON.stringify(event)) as JsonValue;
}
