import { describe, expect, it } from 'vitest';
import { DomainError } from '../../domain/errors.js';
import { MemoryIdempotencyStore } from '../../memory/memory-idempotency-store.js';
import type { IdempotencyStore } from '../../ports/idempotency-store.js';
import { CapturingLogger } from '../../testing/capturing-logger.js';
import { MessageContext } from '../message-context.js';
import { Pipeline } from '../pipeline.js';
import { inboundMessage } from '../test-support.js';
import { dedupe } from './dedupe.js';

function pipelineWith(store: IdempotencyStore, flow: (ctx: MessageContext) => unknown) {
  return new Pipeline<MessageContext>().use(dedupe({ store })).use(flow);
}

describe('dedupe', () => {
  it('runs a message once and stops its duplicate quietly with a debug line', async () => {
    const logger = new CapturingLogger();
    let runs = 0;
    const pipeline = pipelineWith(new MemoryIdempotencyStore(), () => {
      runs++;
    });
    const message = inboundMessage();
    await pipeline.handle(new MessageContext({ message, logger }));
    const duplicate = new MessageContext({ message, logger });
    await pipeline.handle(duplicate);
    expect(runs).toBe(1);
    expect(duplicate.replies).toEqual([]);
    expect(logger.lines).toEqual([
      expect.objectContaining({ level: 'debug', message: 'duplicate message ignored' }),
    ]);
  });

  it('tells the same message id apart in two organizations', async () => {
    let runs = 0;
    const pipeline = pipelineWith(new MemoryIdempotencyStore(), () => {
      runs++;
    });
    await pipeline.handle(
      new MessageContext({ message: inboundMessage({ id: 'SM1', organizationId: 'a' }) }),
    );
    await pipeline.handle(
      new MessageContext({ message: inboundMessage({ id: 'SM1', organizationId: 'b' }) }),
    );
    expect(runs).toBe(2);
  });

  it('claims for 24 hours by default', async () => {
    const ttls: number[] = [];
    const store: IdempotencyStore = {
      claim: async (_key, ttlMs) => {
        ttls.push(ttlMs);
        return true;
      },
      release: async () => {},
    };
    await pipelineWith(store, () => {}).handle(new MessageContext({ message: inboundMessage() }));
    expect(ttls).toEqual([24 * 60 * 60 * 1000]);
  });

  it('releases the claim when an unexpected error escapes, so a provider retry runs the message again', async () => {
    let fail = true;
    let runs = 0;
    const pipeline = pipelineWith(new MemoryIdempotencyStore(), () => {
      runs++;
      if (fail) throw new Error('database down');
    });
    const message = inboundMessage();
    await expect(pipeline.handle(new MessageContext({ message }))).rejects.toThrow('database down');
    fail = false;
    await pipeline.handle(new MessageContext({ message }));
    expect(runs).toBe(2);
  });

  it('keeps the claim when the failure was a definite answer to the customer', async () => {
    let runs = 0;
    const pipeline = pipelineWith(new MemoryIdempotencyStore(), () => {
      runs++;
      throw new DomainError('ORDER_EMPTY', 'An empty order cannot be confirmed.');
    });
    const message = inboundMessage();
    await expect(pipeline.handle(new MessageContext({ message }))).rejects.toThrow(DomainError);
    await pipeline.handle(new MessageContext({ message }));
    expect(runs).toBe(1);
  });

  it('passes the original error on when releasing the claim fails', async () => {
    const logger = new CapturingLogger();
    const store: IdempotencyStore = {
      claim: async () => true,
      release: async () => {
        throw new Error('redis down');
      },
    };
    const pipeline = pipelineWith(store, () => {
      throw new Error('flow bug');
    });
    await expect(pipeline.handle(new MessageContext({ message: inboundMessage(), logger }))).rejects.toThrow(
      'flow bug',
    );
    expect(logger.lines.at(-1)).toMatchObject({ level: 'warn' });
  });
});
