import { describe, expect, it } from 'vitest';
import { ValidationError } from '../domain/errors.js';
import { MemoryJobQueue } from '../memory/memory-job-queue.js';
import { MemoryTransport } from '../memory/memory-transport.js';
import type { JobQueue } from '../ports/job-queue.js';
import type { InboundMessage } from '../ports/messaging-transport.js';
import { ManualClock } from '../testing/manual-clock.js';
import { ManualScheduler } from '../testing/manual-scheduler.js';
import { createBot } from './create-bot.js';
import { FeatureDisabledError } from './feature-disabled-error.js';

const message = (id: string, text = 'hello'): InboundMessage => ({
  id,
  organizationId: 'org_1',
  from: '+14155550100',
  to: '+14155550199',
  text,
  receivedAt: 0,
});

function issuesOf(run: () => unknown): string[] {
  try {
    run();
  } catch (error) {
    expect(error).toBeInstanceOf(ValidationError);
    return (error as ValidationError).issues.map((issue) => issue.path);
  }
  throw new Error('expected a ValidationError');
}

describe('createBot', () => {
  it('runs with no adapters at all, on the in-memory ones', async () => {
    const bot = createBot();
    expect(bot.config.features).toEqual({ campaigns: true, reminders: true });
    expect(bot.config.defaults).toEqual({});
    expect(bot.adapters.transport).toBeInstanceOf(MemoryTransport);
    expect(bot.adapters.queue).toBeInstanceOf(MemoryJobQueue);
    bot.pipeline.use((ctx) => ctx.reply(`echo: ${ctx.message.text}`));
    const ctx = await bot.handle(message('wamid.1'));
    expect(ctx.replies).toHaveLength(1);
    expect((bot.adapters.transport as MemoryTransport).sentTo('+14155550100')).toEqual(['echo: hello']);
    await bot.stop();
  });

  it('refuses bad settings with a ValidationError naming each field', () => {
    expect(
      issuesOf(() =>
        createBot({
          defaults: { currency: 'XYZ', locale: 'not a locale!', timeZone: 'Mars/Olympus' },
          features: { campaigns: 'yes' as unknown as boolean },
          rateLimits: { user: { capacity: -1, refillPerSecond: 1 } },
          jobs: { concurrency: { reminders: 0 } },
        }),
      ),
    ).toEqual(
      expect.arrayContaining([
        'defaults.currency',
        'defaults.locale',
        'defaults.timeZone',
        'features.campaigns',
        'rateLimits.user.capacity',
        'jobs.concurrency.reminders',
      ]),
    );
    expect(issuesOf(() => createBot({ featurs: {} } as never))).toEqual(['featurs']);
    expect(issuesOf(() => createBot({ features: { campaign: false } } as never))).toEqual(['features']);
  });

  it('refuses adapters that do not implement their port, naming the method', () => {
    const transport = { name: 'broken', verify: () => true, parse: () => ({ messages: [], statuses: [] }) };
    expect(issuesOf(() => createBot({ transport: transport as never }))).toEqual(['transport.send']);
    expect(issuesOf(() => createBot({ queue: 'redis' as never }))).toEqual(['queue']);
    const stores = createBot().adapters.stores;
    expect(issuesOf(() => createBot({ repositories: stores.repositories }))).toEqual(['unitOfWork']);
    expect(issuesOf(() => createBot({ stores, outbox: stores.outbox }))).toEqual(['stores']);
  });

  it('uses the organization settings, falling back to the defaults', async () => {
    const bot = createBot({
      defaults: { currency: 'inr', locale: 'en-IN' },
      organizations: { org_eu: { currency: 'EUR', locale: 'de-DE' } },
    });
    const india = await bot.commands.createOrder({ organizationId: 'org_1', customerPhone: '+919812345678' });
    const europe = await bot.commands.createOrder({
      organizationId: 'org_eu',
      customerPhone: '+4915112345678',
    });
    expect([india.currency, europe.currency]).toEqual(['INR', 'EUR']);
    await bot.stop();
  });

  it('gives disabled features no handlers, no routes, and commands that say why they refuse', async () => {
    const processed: string[] = [];
    const queue = new (class extends MemoryJobQueue {
      override process(...args: Parameters<JobQueue['process']>): Promise<void> {
        processed.push(args[0]);
        return super.process(...args);
      }
    })();
    const bot = createBot({ queue, features: { campaigns: false, reminders: false } });
    await bot.start();
    expect(processed).toEqual(['order-processing', 'invoice-processing']);
    await expect(
      bot.commands.createCampaign({
        organizationId: 'org_1',
        name: 'x',
        type: 'PROMOTIONAL',
        messageTemplate: 'x',
      }),
    ).rejects.toThrow(FeatureDisabledError);
    await expect(
      bot.commands.startCampaign({ organizationId: 'org_1', campaignId: 'cmp_1' }),
    ).rejects.toMatchObject({
      code: 'FEATURE_DISABLED',
      feature: 'campaigns',
    });
    await expect(
      bot.reminders.scheduleReminder({
        organizationId: 'org_1',
        customerId: 'cus_1',
        customerPhone: '+14155550100',
        type: 'CUSTOM',
        message: 'hi',
        scheduledFor: new Date('2030-01-01T00:00:00Z'),
      }),
    ).rejects.toThrow(/features\.reminders/);
    await bot.adapters.stores.unitOfWork.run((tx) =>
      tx.outbox.append({
        id: 'evt_1',
        organizationId: 'org_1',
        topic: 'campaign.started',
        payload: {},
        occurredAt: 0,
      }),
    );
    await bot.flush();
    expect(await queue.counts('campaigns')).toMatchObject({ waiting: 0, delayed: 0 });
    await bot.stop();
  });

  it('stops gracefully: the relay first, then running jobs finish before the queue closes', async () => {
    const scheduler = new ManualScheduler(new ManualClock(0));
    const bot = createBot({ scheduler });
    await bot.start();
    let finished = false;
    await bot.queue.process(
      'custom',
      async () => {
        await new Promise((resolve) => setTimeout(resolve, 20));
        finished = true;
      },
      { concurrency: 1 },
    );
    await bot.queue.enqueue('custom', 'slow', {});
    await new Promise((resolve) => setTimeout(resolve, 0));
    const result = await bot.stop();
    expect(result).toEqual({ abandoned: 0 });
    expect(finished).toBe(true);
    expect(bot.relay.running).toBe(false);
    expect(await bot.stop()).toBe(result);
    await expect(bot.start()).rejects.toThrow(/stopped/);
  });

  it('handles one message per customer at a time, in arrival order, and drops provider resends', async () => {
    const bot = createBot();
    const seen: string[] = [];
    bot.pipeline.use(async (ctx) => {
      seen.push(`start ${ctx.message.id}`);
      await new Promise((resolve) => setTimeout(resolve, 5));
      seen.push(`end ${ctx.message.id}`);
    });
    await Promise.all([
      bot.handle(message('wamid.1')),
      bot.handle(message('wamid.2')),
      bot.handle(message('wamid.1')),
    ]);
    expect(seen).toEqual(['start wamid.1', 'end wamid.1', 'start wamid.2', 'end wamid.2']);
    await bot.stop();
  });
});
