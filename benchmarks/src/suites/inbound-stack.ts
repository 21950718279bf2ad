import {
  createInboundPipeline,
  type InboundMessage,
  MemoryIdempotencyStore,
  MemoryRateLimitStore,
  MemorySessionStore,
  MiddlewareOrder,
} from '@chatcart/core';
import { type BenchSuite, measure, perOperation, type ResultRow, sequentially } from '../harness.js';

/**
 * Messages per second through the whole default inbound stack on one core, every port in memory: error
 * handler, logging (silent logger), de-duplication (`MemoryIdempotencyStore`, every message id new),
 * rate limit (`MemoryRateLimitStore`, three scopes, limits so large nothing is refused), session
 * (`MemorySessionStore`, load and compare-and-set save), then a flow.
 *
 * Two flows: a no-op one (the session is loaded and left unchanged, so it is not written), and one that
 * sets a key of the session, so every message also pays a compare-and-set save. Messages rotate over
 * {@link CUSTOMERS} customers of 100 organizations. Each sample handles {@link MESSAGES} messages one
 * after another; figures are messages per second, next to the 100 000 a second target.
 */
const MESSAGES = 100;
const CUSTOMERS = 10_000;
const TARGET = 100_000;
const huge = { capacity: 1e12, refillPerSecond: 1e9 };

const NOOP = 'default stack + no-op flow';
const WRITING = 'default stack + flow that changes the session';

function stack(flowWrites: boolean) {
  const inbound = createInboundPipeline({
    sessionStore: new MemorySessionStore(),
    idempotencyStore: new MemoryIdempotencyStore(),
    rateLimitStore: new MemoryRateLimitStore(),
    rateLimit: { limits: { user: huge, organization: huge, global: huge } },
  });
  inbound.use(
    flowWrites
      ? (ctx) => {
          ctx.session.set('lastMessageId', ctx.message.id);
        }
      : () => {},
    { order: MiddlewareOrder.flow, name: 'flow' },
  );
  const phones = Array.from({ length: CUSTOMERS }, (_, i) => `+1555${String(i).padStart(7, '0')}`);
  let sequence = 0;
  return () => {
    const n = sequence++;
    const message: InboundMessage = {
      id: `SM${n}`,
      organizationId: `org_${n % 100}`,
      from: phones[n % CUSTOMERS]!,
      to: '+15550000000',
      text: '2x Jollof rice, 1x Chapman',
      receivedAt: 0,
    };
    return inbound.handleMessage(message);
  };
}

const suite: BenchSuite = {
  name: 'inbound-stack',
  async run() {
    const figures = perOperation(
      await measure([
        { name: NOOP, fn: sequentially(MESSAGES, stack(false)) },
        { name: WRITING, fn: sequentially(MESSAGES, stack(true)) },
      ]),
      MESSAGES,
    );
    figures.set('target', TARGET);
    return [NOOP, WRITING].map((name): ResultRow => {
      const ops = figures.get(name) ?? 0;
      return {
        benchmark: 'inbound messages, one core, all in memory',
        ours: name,
        oursOpsPerSec: ops,
        peer: 'target',
        peerOpsPerSec: TARGET,
        ratio: ops / TARGET,
        target: '≥ 1× (100 000 msg/s)',
        met: ops >= TARGET,
      };
    });
  },
};

export default suite;
