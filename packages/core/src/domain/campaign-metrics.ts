import { DomainError } from './errors.js';

/** The counters of a campaign. Every count is a whole number of messages (or recipients). */
export interface CampaignMetricsSnapshot {
  /** Recipients resolved from the audience when the campaign started. */
  readonly targeted: number;
  /** Messages handed to the provider. */
  readonly sent: number;
  /** Messages the provider reported delivered (including those later read). */
  readonly delivered: number;
  /** Messages the provider reported read. */
  readonly read: number;
  /** Sent messages the provider reported failed or undelivered. */
  readonly failed: number;
  /** Recipients who replied. */
  readonly replied: number;
  /** Recipients who opted out in answer to the campaign. */
  readonly optedOut: number;
}

/** The counters {@link Campaign.recordMetrics} may increase (`targeted` is fixed at start). */
export type CampaignMetricIncrements = Partial<Omit<CampaignMetricsSnapshot, 'targeted'>>;

/** Provider statuses of one campaign message, in funnel order (failed branches off sent). */
export const CAMPAIGN_MESSAGE_STATUSES = ['sent', 'delivered', 'read', 'failed'] as const;
/** A provider status of one campaign message. */
export type CampaignMessageStatus = (typeof CAMPAIGN_MESSAGE_STATUSES)[number];

/** Metrics of a campaign that has not started. */
export const EMPTY_CAMPAIGN_METRICS: CampaignMetricsSnapshot = Object.freeze({
  targeted: 0,
  sent: 0,
  delivered: 0,
  read: 0,
  failed: 0,
  replied: 0,
  optedOut: 0,
});

/** Counters that would describe something impossible (more read than delivered…). Code `CAMPAIGN_METRICS_INVALID`. */
export class CampaignMetricsError extends DomainError {
  constructor(problem: string, metrics: CampaignMetricsSnapshot) {
    super('CAMPAIGN_METRICS_INVALID', `Campaign metrics refused: ${problem}.`, { details: { ...metrics } });
  }
}

/**
 * Returns the first rule the counters break, or `undefined` when they are possible: all whole and ≥ 0,
 * sent ≤ targeted, delivered + failed ≤ sent, read ≤ delivered, replied ≤ sent, optedOut ≤ sent.
 */
export function checkCampaignMetrics(m: CampaignMetricsSnapshot): string | undefined {
  for (const [key, value] of Object.entries(m)) {
    if (!Number.isSafeInteger(value) || value < 0) return `${key} must be a whole number ≥ 0`;
  }
  if (m.sent > m.targeted) return `sent (${m.sent}) exceeds targeted (${m.targeted})`;
  if (m.delivered + m.failed > m.sent)
    return `delivered + failed (${m.delivered + m.failed}) exceeds sent (${m.sent})`;
  if (m.read > m.delivered) return `read (${m.read}) exceeds delivered (${m.delivered})`;
  if (m.replied > m.sent) return `replied (${m.replied}) exceeds sent (${m.sent})`;
  if (m.optedOut > m.sent) return `optedOut (${m.optedOut}) exceeds sent (${m.sent})`;
  return undefined;
}

const RANK: Record<CampaignMessageStatus, number> = { sent: 1, delivered: 2, read: 3, failed: 2 };

/**
 * The counters after one message moved from `from` (its highest status seen so far, `null` if none) to `to`,
 * or `null` when the update changes nothing: a status that arrives late (delivered after read) or that
 * cannot follow (failed after delivered) is ignored. Skipped steps are implied: read straight after sent
 * also counts the delivery.
 *
 * @example
 * ```ts
 * advanceMessageStatus(m, 'sent', 'read'); // delivered + 1, read + 1
 * advanceMessageStatus(m, 'read', 'delivered'); // null: late, ignored
 * ```
 */
export function advanceMessageStatus(
  metrics: CampaignMetricsSnapshot,
  from: CampaignMessageStatus | null,
  to: CampaignMessageStatus,
): CampaignMetricsSnapshot | null {
  const fromRank = from === null ? 0 : RANK[from];
  if (from === 'failed' || fromRank >= RANK[to] || (to === 'failed' && from !== null && from !== 'sent'))
    return null;
  const reached = (status: CampaignMessageStatus): number =>
    fromRank < RANK[status] && RANK[to] >= RANK[status] ? 1 : 0;
  if (to === 'failed')
    return { ...metrics, sent: metrics.sent + (from === null ? 1 : 0), failed: metrics.failed + 1 };
  return {
    ...metrics,
    sent: metrics.sent + reached('sent'),
    delivered: metrics.delivered + reached('delivered'),
    read: metrics.read + reached('read'),
  };
}
