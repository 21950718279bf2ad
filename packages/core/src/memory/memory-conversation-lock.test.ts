import { describe, expect, it } from 'vitest';
import { describeConversationLockContract } from '../testing/contracts/conversation-lock.contract.js';
import { MemoryConversationLock } from './memory-conversation-lock.js';

describeConversationLockContract('MemoryConversationLock', () => {
  const lock = new MemoryConversationLock();
  return {
    instance: () => lock.fork(),
    crash: (handle) => (handle as MemoryConversationLock).close(),
  };
});

describe('MemoryConversationLock', () => {
  it('refuses a lease or wait that is not a positive number of milliseconds', () => {
    expect(() => new MemoryConversationLock({ leaseMs: 0 })).toThrow(RangeError);
    expect(() => new MemoryConversationLock({ waitMs: Number.NaN })).toThrow(RangeError);
  });

  it('refuses new work once closed', async () => {
    const lock = new MemoryConversationLock();
    await lock.close();
    await expect(lock.runExclusive('org_1', 'c1', async () => {})).rejects.toMatchObject({
      code: 'LOCK_CLOSED',
    });
  });
});
