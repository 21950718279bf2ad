import { describe, expect, it } from 'vitest';
import { MemoryRateLimitStore } from '../memory/memory-rate-limit-store.js';
import { onDeliveryStatus } from './campaign-progress.js';
import { createJobsHarness, handlers, type JobsHarness } from './test-support.js';

const phone = (n: number) => `+1415555${String(n).padStart(4, '0')}`;

async function campaignFor(h: JobsHarness, customers: number, template = 'Hi {{firstName}}, 20% off today!') {
  for (let n = 1; n <= customers; n += 1) {
    await h.addCustomer({ id: `cus_${n}`, phone: phone(n), name: `Customer${n} Lastname`, tags: ['vip'] });
  }
  await h.app.commands.createCampaign({
    organizationId: 'org_1',
    campaignId: 'cmp_1',
    name: 'Spring sale',
    type: 'PROMOTIONAL',
    messageTemplate: template,
    audience: { tagsAny: ['vip'] },
  });
}

const start = (h: JobsHarness) =>
  h.app.commands.startCampaign({ organizationId: 'org_1', campaignId: 'cmp_1' });
const campaignOf = (h: JobsHarness) => h.stores.repositories.campaigns.getById('org_1', 'cmp_1');

describe('campaigns job', () => {
  it('sends to every recipient over several pages, leaves out one who opted out, and completes', async () => {
    const h = createJobsHarness({ settings: { campaignPageSize: 2 } });
    await campaignFor(h, 5);
    await start(h);
    await h.app.commands.optOutCustomer({ organizationId: 'org_1', phone: phone(3), reason: 'STOP' });
    await h.drive();
    expect(h.transport.sent.map((entry) => entry.message.to)).toEqual([
      phone(1),
      phone(2),
      phone(4),
      phone(5),
    ]);
    expect(h.transport.sentTo(phone(1))).toEqual(['Hi Customer1, 20% off today!']);
    const campaign = await campaignOf(h);
    expect(campaign.status).toBe('COMPLETED');
    expect(campaign.metrics).toMatchObject({ targeted: 5, sent: 4, failed: 0 });
    expect(await h.ledger.counts('org_1', 'cmp_1')).toMatchObject({ sent: 4, accounted: 4 });
  });

  it('skips a recipient who opted out between the fan-out and the send, and still completes', async () => {
    const h = createJobsHarness({ register: false });
    await campaignFor(h, 3);
    await start(h);
    const [started] = await h.stores.outbox.claimBatch({ limit: 10 });
    await handlers(h).campaigns(h.job('campaigns', 'fan-out-campaign', started!.payload));
    await h.app.commands.optOutCustomer({ organizationId: 'org_1', phone: phone(2), reason: 'STOP' });
    for (let n = 1; n <= 3; n += 1) {
      const send = { organizationId: 'org_1', campaignId: 'cmp_1', customerId: `cus_${n}` };
      await handlers(h).campaigns(h.job('campaigns', 'send-campaign-message', send));
    }
    expect(h.transport.sent.map((entry) => entry.message.to)).toEqual([phone(1), phone(3)]);
    expect(await h.ledger.counts('org_1', 'cmp_1')).toMatchObject({ sent: 2, skipped: 1, accounted: 3 });
    const campaign = await campaignOf(h);
    expect([campaign.status, campaign.metrics.sent]).toEqual(['COMPLETED', 2]);
  });

  it('sends nothing twice when the fan-out and every send run again', async () => {
    const h = createJobsHarness();
    await campaignFor(h, 3);
    await start(h);
    const [started] = await h.stores.outbox.claimBatch({ limit: 10 });
    const fanOut = h.job('campaigns', 'fan-out-campaign', started!.payload);
    await handlers(h).campaigns(fanOut);
    await h.drive();
    await handlers(h).campaigns(fanOut);
    for (let n = 1; n <= 3; n += 1) {
      const send = h.job('campaigns', 'send-campaign-message', {
        organizationId: 'org_1',
        campaignId: 'cmp_1',
        customerId: `cus_${n}`,
      });
      await handlers(h).campaigns(send);
    }
    await h.drive();
    expect(h.transport.sent).toHaveLength(3);
    expect((await campaignOf(h)).metrics).toMatchObject({ sent: 3 });
  });

  it('inserts what customers typed literally, never as template syntax', async () => {
    const h = createJobsHarness();
    await h.addCustomer({ id: 'cus_x', phone: phone(9), name: '{{phone}}', tags: ['vip'] });
    await h.app.commands.createCampaign({
      organizationId: 'org_1',
      campaignId: 'cmp_1',
      name: 'Hello',
      type: 'ANNOUNCEMENT',
      messageTemplate: 'Hello {{name}} ({{coupon}})',
      audience: { tagsAny: ['vip'] },
    });
    await start(h);
    await h.drive();
    expect(h.transport.sentTo(phone(9))).toEqual(['Hello {{phone}} ()']);
  });

  it('holds sends while paused and finishes after the resume', async () => {
    const h = createJobsHarness({ settings: { campaignPauseRecheckMs: 60_000 } });
    await campaignFor(h, 3);
    await start(h);
    await h.app.commands.pauseCampaign({ organizationId: 'org_1', campaignId: 'cmp_1' });
    await h.drive();
    await h.advance(5 * 60_000);
    expect(h.transport.sent).toHaveLength(0);
    await h.app.commands.resumeCampaign({ organizationId: 'org_1', campaignId: 'cmp_1' });
    await h.advance(60_000);
    expect(h.transport.sent).toHaveLength(3);
    expect((await campaignOf(h)).status).toBe('COMPLETED');
  });

  it('stops sending once the campaign is cancelled', async () => {
    const h = createJobsHarness();
    await campaignFor(h, 3);
    await start(h);
    await h.app.commands.cancelCampaign({ organizationId: 'org_1', campaignId: 'cmp_1', reason: 'typo' });
    await h.drive();
    expect(h.transport.sent).toHaveLength(0);
    expect((await campaignOf(h)).status).toBe('CANCELLED');
  });

  it('does not resend when the answer of a send was lost, and counts it once', async () => {
    const h = createJobsHarness();
    await campaignFor(h, 2);
    h.transport.failNext('lost-answer');
    await start(h);
    await h.advance(60_000); // the failed attempt is retried after its backoff
    expect(h.transport.sent).toHaveLength(2);
    const campaign = await campaignOf(h);
    expect([campaign.status, campaign.metrics.sent]).toEqual(['COMPLETED', 2]);
  });

  it('counts a send refused on every attempt as failed, and still completes', async () => {
    const h = createJobsHarness();
    await campaignFor(h, 1);
    h.transport.failNext('refused', 5);
    await start(h);
    for (let retry = 0; retry < 5; retry += 1) await h.advance(60_000);
    expect(h.transport.sent).toHaveLength(0);
    const campaign = await campaignOf(h);
    expect(campaign.status).toBe('COMPLETED');
    expect(campaign.metrics).toMatchObject({ sent: 1, failed: 1 });
  });

  it('counts a send once when the metrics transaction fails after the send', async () => {
    let failures = 0;
    const h = createJobsHarness({
      wrapUnitOfWork: (inner) => ({
        run: (work) =>
          inner.run(async (tx) => {
            const result = await work(tx);
            const campaign = await tx.campaigns.findById('org_1', 'cmp_1');
            if (campaign && campaign.metrics.sent > 0 && failures === 0) {
              failures += 1;
              throw new Error('database connection lost during commit');
            }
            return result;
          }),
      }),
    });
    await campaignFor(h, 2);
    await start(h);
    await h.advance(60_000);
    expect(failures).toBe(1);
    expect(h.transport.sent).toHaveLength(2);
    expect((await campaignOf(h)).metrics).toMatchObject({ sent: 2 });
  });

  it('updates delivered, read and failed from delivery statuses, ignoring late and repeated ones', async () => {
    const h = createJobsHarness();
    await campaignFor(h, 3);
    await start(h);
    await h.drive();
    const [first, second, third] = h.transport.sent.map((entry) => entry.providerMessageId);
    const status = (messageId: string, value: 'delivered' | 'read' | 'failed' | 'queued') =>
      onDeliveryStatus(h.context, {
        messageId,
        organizationId: 'org_1',
        to: phone(1),
        status: value,
        occurredAt: 1,
      });
    expect(await status(first!, 'delivered')).toBe(true);
    expect(await status(first!, 'read')).toBe(true);
    expect(await status(first!, 'delivered')).toBe(false);
    expect(await status(second!, 'read')).toBe(true);
    expect(await status(third!, 'failed')).toBe(true);
    expect(await status(third!, 'failed')).toBe(false);
    expect(await status(third!, 'queued')).toBe(false);
    expect(await status('unknown', 'read')).toBe(false);
    expect((await campaignOf(h)).metrics).toMatchObject({ sent: 3, delivered: 2, read: 2, failed: 1 });
  });

  it("keeps to the organization's send throughput", async () => {
    const h = createJobsHarness({ register: false, settings: { campaignSendsPerSecond: 2 } });
    const limited = { ...h.context, rateLimitStore: new MemoryRateLimitStore({ clock: h.clock }) };
    Object.assign(h, { context: limited });
    await campaignFor(h, 5);
    await start(h);
    await h.stores.outbox.claimBatch({ limit: 10 }).then(async ([started]) => {
      await handlers(h).campaigns(h.job('campaigns', 'fan-out-campaign', started!.payload));
    });
    for (let n = 1; n <= 5; n += 1) {
      await handlers(h).campaigns(
        h.job('campaigns', 'send-campaign-message', {
          organizationId: 'org_1',
          campaignId: 'cmp_1',
          customerId: `cus_${n}`,
        }),
      );
    }
    expect(h.transport.sent).toHaveLength(2);
    expect((await h.queue.counts('campaigns')).delayed).toBe(3);
  });
});
