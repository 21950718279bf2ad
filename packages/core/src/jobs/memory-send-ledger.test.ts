import { describe, expect, it } from 'vitest';
import { ManualClock } from '../testing/manual-clock.js';
import { MemorySendLedger } from './memory-send-ledger.js';

describe('MemorySendLedger', () => {
  it('lets exactly one of many racing callers claim a send', async () => {
    const ledger = new MemorySendLedger();
    const claims = await Promise.all(
      Array.from({ length: 10 }, () => ledger.begin('org_1', 'reminder_rem_1')),
    );
    expect(claims.filter((claim) => claim.claimed)).toHaveLength(1);
    expect(claims.find((claim) => !claim.claimed)).toMatchObject({ record: { state: 'sending' } });
  });

  it('keeps organizations apart', async () => {
    const ledger = new MemorySendLedger();
    expect((await ledger.begin('org_1', 'k')).claimed).toBe(true);
    expect((await ledger.begin('org_2', 'k')).claimed).toBe(true);
    await ledger.complete('org_1', 'k', 'msg_1');
    expect(await ledger.recordProgress('org_2', 'msg_1', 'read')).toBeNull();
  });

  it('settles a claim as sent, fills in an id learned later, and frees a claim that surely did not send', async () => {
    const clock = new ManualClock(5);
    const ledger = new MemorySendLedger({ clock });
    await ledger.begin('org_1', 'a');
    expect(await ledger.complete('org_1', 'a', null)).toMatchObject({
      state: 'sent',
      providerMessageId: null,
      progress: 'sent',
    });
    expect(await ledger.complete('org_1', 'a', 'msg_a')).toMatchObject({ providerMessageId: 'msg_a' });
    expect(await ledger.complete('org_1', 'a', 'msg_other')).toMatchObject({ providerMessageId: 'msg_a' });
    await ledger.begin('org_1', 'b');
    await ledger.release('org_1', 'b');
    expect(await ledger.get('org_1', 'b')).toBeNull();
    expect((await ledger.begin('org_1', 'b')).claimed).toBe(true);
    await expect(ledger.complete('org_1', 'never', 'x')).rejects.toMatchObject({ code: 'SEND_NOT_CLAIMED' });
  });

  it('counts a group as the campaign metrics do, following statuses forward only', async () => {
    const ledger = new MemorySendLedger();
    const send = async (key: string, id: string) => {
      await ledger.begin('org_1', key, { group: 'cmp_1' });
      await ledger.complete('org_1', key, id);
    };
    await send('r1', 'm1');
    await send('r2', 'm2');
    await send('r3', 'm3');
    await ledger.begin('org_1', 'r4', { group: 'cmp_1' });
    await ledger.fail('org_1', 'r4', 'HTTP 400');
    expect(await ledger.skip('org_1', 'r5', { group: 'cmp_1', reason: 'opted out' })).toBe(true);
    expect(await ledger.skip('org_1', 'r5', { group: 'cmp_1', reason: 'again' })).toBe(false);
    expect(await ledger.recordProgress('org_1', 'm1', 'read')).toMatchObject({ progress: 'read' });
    expect(await ledger.recordProgress('org_1', 'm1', 'delivered')).toBeNull();
    expect(await ledger.recordProgress('org_1', 'm2', 'delivered')).not.toBeNull();
    expect(await ledger.recordProgress('org_1', 'm2', 'failed')).toBeNull();
    expect(await ledger.recordProgress('org_1', 'm3', 'failed')).not.toBeNull();
    expect(await ledger.recordProgress('org_1', 'm3', 'read')).toBeNull();
    expect(await ledger.counts('org_1', 'cmp_1')).toEqual({
      sent: 4,
      delivered: 2,
      read: 1,
      failed: 2,
      skipped: 1,
      accounted: 5,
    });
    expect(await ledger.counts('org_1', 'cmp_other')).toMatchObject({ accounted: 0 });
  });

  it('remembers the expected total of a group', async () => {
    const ledger = new MemorySendLedger();
    expect(await ledger.expected('org_1', 'cmp_1')).toBeNull();
    await ledger.setExpected('org_1', 'cmp_1', 3);
    expect(await ledger.expected('org_1', 'cmp_1')).toBe(3);
    await expect(ledger.setExpected('org_1', 'cmp_1', -1)).rejects.toThrow(RangeError);
  });
});
