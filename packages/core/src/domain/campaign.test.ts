import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { audienceSegment } from './audience-segment.js';
import { Campaign } from './campaign.js';
import { CAMPAIGN_MESSAGE_STATUSES, CampaignMetricsError } from './campaign-metrics.js';
import { applyAtomically, RUNS, timestamps } from './domain-test-helpers.js';
import { ChatcartError, InvalidTransitionError, ValidationError } from './errors.js';
import { Money } from './money.js';

const now = 1_700_000_000_000;
const create = () =>
  Campaign.create({
    id: 'cmp_1',
    organizationId: 'org_1',
    name: 'Diwali sale',
    type: 'PROMOTIONAL',
    messageTemplate: 'Hi {{name}}, 20% off today!',
    audience: audienceSegment({ tagsAny: ['vip'], totalSpentMin: Money.of(1000, 'INR') }),
    now,
  });

describe('Campaign', () => {
  it('is created as a DRAFT with empty metrics', () => {
    const campaign = create();
    expect(campaign.status).toBe('DRAFT');
    expect(campaign.metrics.targeted).toBe(0);
    expect(campaign.pullEvents().map((e) => e.type)).toEqual(['campaign.created']);
  });

  it('refuses a blank name or template and an unknown type', () => {
    const base = create().toSnapshot();
    const input = {
      id: 'c',
      organizationId: 'o',
      name: base.name,
      type: base.type,
      messageTemplate: 'x',
      now,
    };
    expect(() => Campaign.create({ ...input, name: '' })).toThrow(ValidationError);
    expect(() => Campaign.create({ ...input, messageTemplate: ' ' })).toThrow(ValidationError);
    expect(() => Campaign.create({ ...input, type: 'SPAM' as never })).toThrow(ValidationError);
  });

  it('schedules only in the future, and may be rescheduled', () => {
    const campaign = create();
    expect(() => campaign.schedule(now, now)).toThrow(/in the future/);
    campaign.schedule(now, now + 1000);
    campaign.schedule(now, now + 2000);
    expect(campaign.status).toBe('SCHEDULED');
    expect(campaign.scheduledAt).toBe(now + 2000);
  });

  it('runs SCHEDULED → RUNNING ⇄ PAUSED → COMPLETED with events', () => {
    const campaign = create();
    campaign.schedule(now, now + 1000);
    campaign.start(now + 1000, 3);
    campaign.pause(now + 1100);
    expect(campaign.isSending).toBe(false);
    campaign.resume(now + 1200);
    expect(campaign.isSending).toBe(true);
    campaign.complete(now + 1300);
    expect(campaign.status).toBe('COMPLETED');
    expect(campaign.pullEvents().map((e) => e.type)).toEqual([
      'campaign.created',
      'campaign.scheduled',
      'campaign.started',
      'campaign.paused',
      'campaign.resumed',
      'campaign.completed',
    ]);
  });

  it('may start straight from DRAFT, but not twice', () => {
    const campaign = create();
    campaign.start(now, 10);
    expect(campaign.metrics.targeted).toBe(10);
    expect(() => campaign.start(now, 10)).toThrow(InvalidTransitionError);
    expect(() => campaign.schedule(now, now + 1)).toThrow(InvalidTransitionError);
  });

  it('refuses invalid transitions', () => {
    const campaign = create();
    expect(() => campaign.pause(now)).toThrow(InvalidTransitionError);
    expect(() => campaign.resume(now)).toThrow(InvalidTransitionError);
    expect(() => campaign.complete(now)).toThrow(InvalidTransitionError);
    campaign.start(now, 1);
    campaign.pause(now);
    expect(() => campaign.complete(now)).toThrow(InvalidTransitionError);
  });

  it('cancels until completed, keeping the reason', () => {
    const campaign = create();
    campaign.start(now, 5);
    campaign.pause(now);
    campaign.cancel(now, 'wrong price in the text');
    expect(campaign.status).toBe('CANCELLED');
    expect(() => campaign.cancel(now)).toThrow(InvalidTransitionError);
    const done = create();
    done.start(now, 0);
    done.complete(now);
    expect(() => done.cancel(now)).toThrow(InvalidTransitionError);
  });

  it('edits only while DRAFT or SCHEDULED', () => {
    const campaign = create();
    campaign.updateDraft(now, { name: 'Diwali sale 2', audience: audienceSegment() });
    expect(campaign.name).toBe('Diwali sale 2');
    campaign.start(now, 1);
    expect(() => campaign.updateDraft(now, { name: 'x' })).toThrow(
      /CAMPAIGN_NOT_EDITABLE|only DRAFT or SCHEDULED/,
    );
  });

  it('counts messages and refuses impossible counters', () => {
    const campaign = create();
    expect(() => campaign.recordMetrics(now, { sent: 1 })).toThrow(/has not started/);
    campaign.start(now, 2);
    campaign.recordMetrics(now, { sent: 2 });
    campaign.recordMetrics(now, { delivered: 1, replied: 1 });
    expect(() => campaign.recordMetrics(now, { sent: 1 })).toThrow(CampaignMetricsError);
    expect(() => campaign.recordMetrics(now, { read: 2 })).toThrow(/read \(2\) exceeds delivered \(1\)/);
    expect(() => campaign.recordMetrics(now, { failed: -1 })).toThrow(CampaignMetricsError);
    expect(campaign.metrics).toMatchObject({ targeted: 2, sent: 2, delivered: 1, read: 0, replied: 1 });
  });

  it('handles provider statuses that arrive out of order', () => {
    const campaign = create();
    campaign.start(now, 1);
    expect(campaign.recordMessageStatus(now, null, 'sent')).toBe(true);
    expect(campaign.recordMessageStatus(now, 'sent', 'read')).toBe(true);
    expect(campaign.recordMessageStatus(now, 'read', 'delivered')).toBe(false);
    expect(campaign.metrics).toMatchObject({ sent: 1, delivered: 1, read: 1 });
    expect(() => campaign.recordMessageStatus(now, null, 'sent')).toThrow(CampaignMetricsError);
  });

  it('keeps counting receipts after it completed', () => {
    const campaign = create();
    campaign.start(now, 1);
    campaign.recordMessageStatus(now, null, 'sent');
    campaign.complete(now);
    campaign.recordMessageStatus(now + 60_000, 'sent', 'delivered');
    expect(campaign.metrics.delivered).toBe(1);
  });

  it('round-trips through a JSON snapshot and rejects impossible metrics', () => {
    const campaign = create();
    campaign.start(now, 4);
    campaign.recordMetrics(now, { sent: 3, delivered: 2, read: 1, failed: 1 });
    const snapshot = JSON.parse(JSON.stringify(campaign.toSnapshot()));
    expect(Campaign.fromSnapshot(snapshot).toSnapshot()).toEqual(campaign.toSnapshot());
    expect(() => Campaign.fromSnapshot({ ...snapshot, metrics: { ...snapshot.metrics, read: 3 } })).toThrow(
      /metrics/,
    );
    expect(() => Campaign.fromSnapshot({ ...snapshot, startedAt: null })).toThrow(ChatcartError);
  });

  it('stays valid under any sequence of operations; failures change nothing', () => {
    const status = fc.constantFrom(...CAMPAIGN_MESSAGE_STATUSES);
    const operation = fc.oneof(
      fc.tuple(timestamps(), timestamps()).map(
        ([t, at]) =>
          (c: Campaign) =>
            c.schedule(t, at),
      ),
      fc.tuple(timestamps(), fc.integer({ min: -1, max: 20 })).map(
        ([t, n]) =>
          (c: Campaign) =>
            c.start(t, n),
      ),
      timestamps().map((t) => (c: Campaign) => c.pause(t)),
      timestamps().map((t) => (c: Campaign) => c.resume(t)),
      timestamps().map((t) => (c: Campaign) => c.complete(t)),
      timestamps().map((t) => (c: Campaign) => c.cancel(t)),
      fc.tuple(fc.option(status), status).map(
        ([from, to]) =>
          (c: Campaign) =>
            c.recordMessageStatus(now, from, to),
      ),
      fc
        .record({
          sent: fc.integer({ min: -1, max: 5 }),
          read: fc.nat(3),
          replied: fc.nat(2),
          optedOut: fc.nat(1),
        })
        .map((increments) => (c: Campaign) => c.recordMetrics(now, increments)),
    );
    fc.assert(
      fc.property(fc.array(operation, { maxLength: 25 }), (ops) => {
        applyAtomically(create(), ops, (s) => Campaign.fromSnapshot(s));
      }),
      RUNS,
    );
  });
});
