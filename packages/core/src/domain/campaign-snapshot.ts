import { type AudienceSegmentSnapshot, MAX_SEGMENT_TAGS, segmentFromSnapshot } from './audience-segment.js';
import { type CampaignMetricsSnapshot, checkCampaignMetrics } from './campaign-metrics.js';
import { ChatcartError } from './errors.js';
import { SnapshotReader } from './snapshot-reader.js';

/** Every kind of campaign. */
export const CAMPAIGN_TYPES = [
  'PROMOTIONAL',
  'TRANSACTIONAL',
  'ANNOUNCEMENT',
  'FEEDBACK',
  'REENGAGEMENT',
] as const;
/** What a campaign is for. */
export type CampaignType = (typeof CAMPAIGN_TYPES)[number];

/** Every status a campaign can be in. */
export const CAMPAIGN_STATUSES = [
  'DRAFT',
  'SCHEDULED',
  'RUNNING',
  'PAUSED',
  'COMPLETED',
  'CANCELLED',
] as const;
/** DRAFT → SCHEDULED → RUNNING ⇄ PAUSED → COMPLETED, or CANCELLED before completion. */
export type CampaignStatus = (typeof CAMPAIGN_STATUSES)[number];

/** The longest campaign name, in characters. */
export const MAX_CAMPAIGN_NAME_LENGTH = 200;
/** The longest message template, in characters (WhatsApp's body limit). */
export const MAX_CAMPAIGN_TEMPLATE_LENGTH = 4096;
/** The most recipients one campaign may target. */
export const MAX_CAMPAIGN_RECIPIENTS = 10_000_000;

/** The JSON shape of a campaign, the only way in and out of a store. */
export interface CampaignSnapshot {
  readonly id: string;
  readonly organizationId: string;
  readonly version: number;
  readonly name: string;
  readonly type: CampaignType;
  /** The message body with placeholders (`Hi {{name}}!`); personalization lives in messaging. */
  readonly messageTemplate: string;
  readonly audience: AudienceSegmentSnapshot;
  readonly status: CampaignStatus;
  readonly metrics: CampaignMetricsSnapshot;
  readonly scheduledAt: number | null;
  readonly startedAt: number | null;
  readonly pausedAt: number | null;
  readonly completedAt: number | null;
  readonly cancelledAt: number | null;
  readonly cancellationReason: string | null;
  readonly createdAt: number;
  readonly updatedAt: number;
}

/**
 * Validates an untrusted campaign snapshot, fields and invariants, and returns a clean copy (internal; use
 * `Campaign.fromSnapshot`).
 *
 * @throws {ValidationError} listing every problem.
 */
export function readCampaignSnapshot(input: unknown): CampaignSnapshot {
  const r = SnapshotReader.of(input);
  const tag = { max: 50 };
  const audience = r.object('audience', (a) => ({
    lastOrderFrom: a.timestampOrNull('lastOrderFrom'),
    lastOrderTo: a.timestampOrNull('lastOrderTo'),
    totalSpentMin: a.moneyOrNull('totalSpentMin')?.toJSON() ?? null,
    totalSpentMax: a.moneyOrNull('totalSpentMax')?.toJSON() ?? null,
    tagsAny: a.stringArray('tagsAny', MAX_SEGMENT_TAGS, tag),
    tagsAll: a.stringArray('tagsAll', MAX_SEGMENT_TAGS, tag),
  }));
  const metrics = r.object('metrics', (m) => ({
    targeted: m.integer('targeted', 0, MAX_CAMPAIGN_RECIPIENTS),
    sent: m.integer('sent', 0),
    delivered: m.integer('delivered', 0),
    read: m.integer('read', 0),
    failed: m.integer('failed', 0),
    replied: m.integer('replied', 0),
    optedOut: m.integer('optedOut', 0),
  }));
  const s: CampaignSnapshot = {
    id: r.string('id'),
    organizationId: r.string('organizationId'),
    version: r.integer('version', 0),
    name: r.string('name', { max: MAX_CAMPAIGN_NAME_LENGTH }),
    type: r.oneOf('type', CAMPAIGN_TYPES),
    messageTemplate: r.string('messageTemplate', { max: MAX_CAMPAIGN_TEMPLATE_LENGTH }),
    audience,
    status: r.oneOf('status', CAMPAIGN_STATUSES),
    metrics,
    scheduledAt: r.timestampOrNull('scheduledAt'),
    startedAt: r.timestampOrNull('startedAt'),
    pausedAt: r.timestampOrNull('pausedAt'),
    completedAt: r.timestampOrNull('completedAt'),
    cancelledAt: r.timestampOrNull('cancelledAt'),
    cancellationReason: r.stringOrNull('cancellationReason', { max: 500 }),
    createdAt: r.timestamp('createdAt'),
    updatedAt: r.timestamp('updatedAt'),
  };
  r.finish('campaign');
  try {
    segmentFromSnapshot(audience);
  } catch (error) {
    r.issue('audience', error instanceof ChatcartError ? error.message : 'is invalid');
  }
  const problem = checkCampaignMetrics(metrics);
  if (problem) r.issue('metrics', problem);
  const { status } = s;
  const started = s.startedAt !== null;
  if (status === 'SCHEDULED' && s.scheduledAt === null)
    r.issue('scheduledAt', 'a SCHEDULED campaign needs a time');
  const mustBeStarted = status === 'RUNNING' || status === 'PAUSED' || status === 'COMPLETED';
  const mustNotBeStarted = status === 'DRAFT' || status === 'SCHEDULED';
  if ((mustBeStarted && !started) || (mustNotBeStarted && started)) {
    r.issue('startedAt', `does not match status ${status}`);
  }
  if (!started && metrics.targeted !== 0) r.issue('metrics.targeted', 'must be 0 before the campaign starts');
  if ((s.pausedAt !== null) !== (status === 'PAUSED')) r.issue('pausedAt', 'must be set exactly when PAUSED');
  if ((s.completedAt !== null) !== (status === 'COMPLETED'))
    r.issue('completedAt', 'must be set exactly when COMPLETED');
  const cancelled = status === 'CANCELLED';
  if ((s.cancelledAt !== null) !== cancelled) r.issue('cancelledAt', 'must be set exactly when CANCELLED');
  if (!cancelled && s.cancellationReason !== null)
    r.issue('cancellationReason', 'is set on a campaign not cancelled');
  r.finish('campaign');
  return s;
}
