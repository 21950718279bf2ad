import { describe, expect, it } from 'vitest';
import { CapturingLogger } from '../testing/capturing-logger.js';
import { ManualClock } from '../testing/manual-clock.js';
import { MessageContext } from './message-context.js';
import { Session } from './session.js';
import { inboundMessage } from './test-support.js';

describe('MessageContext', () => {
  it('collects text replies addressed to the customer, in order', () => {
    const ctx = new MessageContext({ message: inboundMessage() });
    ctx.reply('Hello');
    ctx.replyWith({ kind: 'media', to: '+14155550100', mediaUrl: 'https://example.com/menu.png' });
    expect(ctx.replies).toEqual([
      { kind: 'text', to: '+14155550100', body: 'Hello' },
      { kind: 'media', to: '+14155550100', mediaUrl: 'https://example.com/menu.png' },
    ]);
  });

  it('takes the organization and phone from the message and one "now" from the clock', () => {
    const clock = new ManualClock(5_000);
    const ctx = new MessageContext({ message: inboundMessage({ organizationId: 'org_9' }), clock });
    clock.advance(100);
    expect(ctx.organizationId).toBe('org_9');
    expect(ctx.phone).toBe('+14155550100');
    expect(ctx.now).toBe(5_000);
  });

  it('logs through a child logger bound to the organization, the message id and the redacted phone', () => {
    const logger = new CapturingLogger();
    const message = inboundMessage();
    const ctx = new MessageContext({ message, logger });
    ctx.logger.info('hello');
    expect(logger.lines[0]?.fields).toEqual({
      organizationId: 'org_1',
      messageId: message.id,
      phone: '+*******0100',
    });
  });

  it('refuses to hand out the session before the session middleware loaded it', () => {
    const ctx = new MessageContext({ message: inboundMessage() });
    expect(ctx.hasSession).toBe(false);
    expect(() => ctx.session).toThrow(expect.objectContaining({ code: 'SESSION_NOT_LOADED' }));
    ctx.session = new Session(undefined);
    expect(ctx.hasSession).toBe(true);
  });

  it('gives each context its own state bag', () => {
    const a = new MessageContext<{ seen?: boolean }>({ message: inboundMessage() });
    const b = new MessageContext<{ seen?: boolean }>({ message: inboundMessage() });
    a.state.seen = true;
    expect(b.state.seen).toBeUndefined();
  });
});
