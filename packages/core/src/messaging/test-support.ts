// Helpers for the messaging tests; not exported from the package.
import type { InboundMessage } from '../ports/messaging-transport.js';
import type { RateLimitCheck, RateLimitDecision, RateLimitStore } from '../ports/rate-limit-store.js';

let sequence = 0;

/** An inbound text message from +14155550100 to org_1, with a fresh id unless given. */
export function inboundMessage(overrides: Partial<InboundMessage> = {}): InboundMessage {
  sequence++;
  return {
    id: `SM${sequence}`,
    organizationId: 'org_1',
    from: '+14155550100',
    to: '+14155559999',
    text: '2x Jollof rice, 1x Chapman',
    receivedAt: 1_000,
    ...overrides,
  };
}

/** A rate-limit store that answers from a script and records what it was asked. */
export class FakeRateLimitStore implements RateLimitStore {
  readonly calls: { checks: readonly RateLimitCheck[]; cost: number | undefined }[] = [];
  decision: RateLimitDecision = { allowed: true, retryAfterMs: 0, remaining: {} };

  async consume(checks: readonly RateLimitCheck[], cost?: number): Promise<RateLimitDecision> {
    this.calls.push({ checks, cost });
    return this.decision;
  }
}
