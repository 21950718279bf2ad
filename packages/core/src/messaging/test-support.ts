// Helpers for the messaging tests; not exported from the package.
import type { LogFields, Logger } from '../ports/logger.js';
import type { InboundMessage } from '../ports/messaging-transport.js';
import type { RateLimitCheck, RateLimitDecision, RateLimitStore } from '../ports/rate-limit-store.js';

/** One captured log call, with the bindings of the child logger it came from. */
export interface LogLine {
  readonly level: 'debug' | 'info' | 'warn' | 'error';
  readonly fields: LogFields;
  readonly message: string | undefined;
  readonly bindings: LogFields;
}

/** A pino-shaped logger that records every line, children included. */
export function capturingLogger(): { logger: Logger; lines: LogLine[] } {
  const lines: LogLine[] = [];
  const make = (bindings: LogFields): Logger => {
    const at =
      (level: LogLine['level']) =>
      (fieldsOrMessage: LogFields | string, message?: string): void => {
        if (typeof fieldsOrMessage === 'string')
          lines.push({ level, fields: {}, message: fieldsOrMessage, bindings });
        else lines.push({ level, fields: fieldsOrMessage, message, bindings });
      };
    return {
      debug: at('debug'),
      info: at('info'),
      warn: at('warn'),
      error: at('error'),
      child: (more) => make({ ...bindings, ...more }),
    };
  };
  return { logger: make({}), lines };
}

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
