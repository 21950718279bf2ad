import { describe, expect, it } from 'vitest';
import { advanceMessageStatus, checkCampaignMetrics, EMPTY_CAMPAIGN_METRICS } from './campaign-metrics.js';

const base = { ...EMPTY_CAMPAIGN_METRICS, targeted: 10, sent: 5, delivered: 2, read: 1 };

describe('campaign metrics', () => {
  it('accepts possible counters and names the first impossible one', () => {
    expect(checkCampaignMetrics(base)).toBeUndefined();
    expect(checkCampaignMetrics({ ...base, sent: 11 })).toMatch(/sent \(11\) exceeds targeted/);
    expect(checkCampaignMetrics({ ...base, read: 3 })).toMatch(/read \(3\) exceeds delivered/);
    expect(checkCampaignMetrics({ ...base, failed: 4 })).toMatch(/delivered \+ failed/);
    expect(checkCampaignMetrics({ ...base, replied: 6 })).toMatch(/replied/);
    expect(checkCampaignMetrics({ ...base, optedOut: -1 })).toMatch(/optedOut must be a whole number/);
  });

  it('counts the steps a message skipped', () => {
    expect(advanceMessageStatus(base, 'sent', 'read')).toMatchObject({ sent: 5, delivered: 3, read: 2 });
    expect(advanceMessageStatus(base, null, 'delivered')).toMatchObject({ sent: 6, delivered: 3, read: 1 });
    expect(advanceMessageStatus(base, null, 'failed')).toMatchObject({ sent: 6, failed: 1 });
    expect(advanceMessageStatus(base, 'sent', 'failed')).toMatchObject({ sent: 5, failed: 1 });
  });

  it('ignores a status that arrives late or cannot follow', () => {
    expect(advanceMessageStatus(base, 'read', 'delivered')).toBeNull();
    expect(advanceMessageStatus(base, 'delivered', 'delivered')).toBeNull();
    expect(advanceMessageStatus(base, 'delivered', 'failed')).toBeNull();
    expect(advanceMessageStatus(base, 'failed', 'read')).toBeNull();
    expect(advanceMessageStatus(base, 'sent', 'sent')).toBeNull();
  });
});
