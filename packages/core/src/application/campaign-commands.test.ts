import { describe, expect, it } from 'vitest';
import { InvalidTransitionError, NotFoundError, ValidationError } from '../domain/errors.js';
import { createApplicationHarness, START } from './test-support.js';

const org = 'org_1';

describe('campaign commands', () => {
  it('creates a campaign with an audience and starts it with the audience counted', async () => {
    const h = createApplicationHarness();
    await h.addCustomer({ id: 'cus_1', phone: '+14155550101', tags: ['vip'] });
    await h.addCustomer({ id: 'cus_2', phone: '+14155550102', tags: ['VIP', 'retail'] });
    await h.addCustomer({ id: 'cus_3', phone: '+14155550103', tags: ['vip'], optedIn: false });
    await h.addCustomer({ id: 'cus_4', phone: '+14155550104', tags: ['vip'], organizationId: 'org_2' });
    const campaign = await h.app.commands.createCampaign({
      organizationId: org,
      name: 'Diwali sale',
      type: 'PROMOTIONAL',
      messageTemplate: 'Hi {{name}}, 20% off today!',
      audience: { tagsAny: ['Vip'] },
    });
    expect(campaign).toMatchObject({ id: 'cmp_1', status: 'DRAFT', audience: { tagsAny: ['vip'] } });
    const started = await h.app.campaigns.startCampaign({ organizationId: org, campaignId: campaign.id });
    expect(started).toMatchObject({ status: 'RUNNING', startedAt: START, metrics: { targeted: 2 } });
    expect((await h.drainOutbox()).map((message) => message.topic)).toEqual([
      'campaign.created',
      'campaign.started',
    ]);
  });

  it('pauses, resumes and cancels, refusing transitions the campaign cannot make', async () => {
    const h = createApplicationHarness();
    const { id } = await h.app.commands.createCampaign({
      organizationId: org,
      campaignId: 'cmp_client',
      name: 'News',
      type: 'ANNOUNCEMENT',
      messageTemplate: 'New stock arrived',
    });
    const key = { organizationId: org, campaignId: id };
    await expect(h.app.commands.pauseCampaign(key)).rejects.toBeInstanceOf(InvalidTransitionError);
    await h.app.commands.startCampaign(key);
    expect((await h.app.commands.pauseCampaign(key)).status).toBe('PAUSED');
    expect((await h.app.commands.resumeCampaign(key)).status).toBe('RUNNING');
    expect(await h.app.commands.cancelCampaign({ ...key, reason: 'typo' })).toMatchObject({
      status: 'CANCELLED',
      cancellationReason: 'typo',
    });
    await expect(h.app.commands.resumeCampaign(key)).rejects.toBeInstanceOf(InvalidTransitionError);
    await expect(
      h.app.commands.startCampaign({ organizationId: 'org_2', campaignId: id }),
    ).rejects.toBeInstanceOf(NotFoundError);
  });

  it('returns the existing campaign for a retried campaignId', async () => {
    const h = createApplicationHarness();
    const input = {
      organizationId: org,
      campaignId: 'cmp_x',
      name: 'A',
      type: 'FEEDBACK' as const,
      messageTemplate: 'How did we do?',
    };
    const first = await h.app.commands.createCampaign(input);
    expect(await h.app.commands.createCampaign({ ...input, name: 'B' })).toEqual(first);
  });

  it('names bad fields, inside the audience too', async () => {
    const h = createApplicationHarness();
    const error = await h.app.commands
      .createCampaign({
        organizationId: org,
        name: '',
        type: 'SPAM' as never,
        messageTemplate: 'x',
        audience: {
          totalSpentMin: { amountMinor: 5000, currency: 'INR' },
          totalSpentMax: { amountMinor: 100, currency: 'INR' },
        },
      })
      .catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(ValidationError);
    expect((error as ValidationError).issues.map((issue) => issue.path)).toEqual([
      'name',
      'type',
      'audience.totalSpentMax',
    ]);
  });
});
