import { describe, expect, it } from 'vitest';
import { CapturingLogger } from '../../testing/capturing-logger.js';
import { ManualClock } from '../../testing/manual-clock.js';
import { MessageContext } from '../message-context.js';
import { Pipeline } from '../pipeline.js';
import { inboundMessage } from '../test-support.js';
import { logging } from './logging.js';

const body = 'Deliver to 12 Admiralty Way, Lekki: 2x Jollof rice';

function setup() {
  const logger = new CapturingLogger();
  const lines = logger.lines;
  const clock = new ManualClock(1_000);
  const message = inboundMessage({
    text: body,
    media: [{ url: 'https://media.example/secret-token', contentType: 'image/jpeg' }],
  });
  const ctx = new MessageContext({ message, logger, clock });
  return { ctx, lines, clock };
}

describe('logging', () => {
  it('never puts the message body, media URLs or the full phone number in info lines', async () => {
    const { ctx, lines } = setup();
    await new Pipeline<MessageContext>().use(logging()).handle(ctx);
    const info = JSON.stringify(lines.filter((line) => line.level !== 'debug'));
    expect(info).not.toContain('Jollof');
    expect(info).not.toContain('secret-token');
    expect(info).not.toContain('14155550100');
    expect(info).toContain('+*******0100');
  });

  it('logs the length and media count at info, and the body only at debug', async () => {
    const { ctx, lines } = setup();
    await new Pipeline<MessageContext>().use(logging()).handle(ctx);
    expect(lines[0]).toMatchObject({
      level: 'info',
      message: 'inbound message',
      fields: { chars: body.length, media: 1 },
    });
    expect(lines.find((line) => line.message === 'inbound message body')).toMatchObject({
      level: 'debug',
      fields: { text: body },
    });
  });

  it('logs the duration, the outcome and the number of replies after the rest has run', async () => {
    const { ctx, lines, clock } = setup();
    await new Pipeline<MessageContext>()
      .use(logging())
      .use(async (c) => {
        clock.advance(42);
        c.reply('ok');
      })
      .handle(ctx);
    expect(lines.at(-1)).toMatchObject({
      level: 'info',
      message: 'message handled',
      fields: { durationMs: 42, outcome: 'handled', replies: 1 },
    });
  });

  it('logs a failure with the error code and lets the error through', async () => {
    const { ctx, lines } = setup();
    const failing = new Pipeline<MessageContext>().use(logging()).use(async () => {
      throw Object.assign(new Error('nope'), { code: 'ORDER_EMPTY' });
    });
    await expect(failing.handle(ctx)).rejects.toThrow('nope');
    expect(lines.at(-1)?.fields).toMatchObject({ outcome: 'failed', code: 'ORDER_EMPTY' });
  });

  it('stays synchronous when the rest of the chain is', () => {
    const { ctx } = setup();
    const result = new Pipeline<MessageContext>()
      .use(logging())
      .use(() => 'sync')
      .run(ctx);
    expect(result).toBe('sync');
  });
});
