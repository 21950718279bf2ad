import { describe, expect, it } from 'vitest';
import { CapturingLogger } from './capturing-logger.js';

describe('CapturingLogger', () => {
  it('records level, message and fields of each call shape', () => {
    const logger = new CapturingLogger();
    logger.info('started');
    logger.warn({ orderId: 'ord_1' }, 'payment overdue');
    logger.error({ err: 'boom' });
    expect(logger.lines).toEqual([
      { level: 'info', message: 'started', fields: {} },
      { level: 'warn', message: 'payment overdue', fields: { orderId: 'ord_1' } },
      { level: 'error', message: undefined, fields: { err: 'boom' } },
    ]);
  });

  it('merges child bindings into the lines, the call’s own fields winning, into the root’s list', () => {
    const root = new CapturingLogger({ service: 'bot' });
    const child = root.child({ organizationId: 'org_1', step: 'outer' }).child({ step: 'inner' });
    child.debug({ step: 'call' }, 'handled');
    child.info('plain');
    expect(root.lines).toEqual([
      {
        level: 'debug',
        message: 'handled',
        fields: { service: 'bot', organizationId: 'org_1', step: 'call' },
      },
      { level: 'info', message: 'plain', fields: { service: 'bot', organizationId: 'org_1', step: 'inner' } },
    ]);
  });

  it('filters by level and clears every line', () => {
    const logger = new CapturingLogger();
    logger.child({ a: 1 }).warn('one');
    logger.info('two');
    expect(logger.messages('warn')).toEqual(['one']);
    expect(logger.messages()).toEqual(['one', 'two']);
    logger.clear();
    expect(logger.lines).toEqual([]);
  });
});
