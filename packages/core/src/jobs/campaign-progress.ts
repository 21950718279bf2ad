import type { CampaignMessageStatus } from '../domain/campaign-metrics.js';
import { CampaignMetricsError } from '../domain/campaign-metrics.js';
import type { DeliveryStatus, DeliveryStatusEvent } from '../ports/messaging-transport.js';
import type { JobContext } from './job-context.js';

/** The send-ledger key of one campaign recipient: one message per campaign and customer, ever. */
export function campaignSendKey(campaignId: string, customerId: string): string {
  return `campaign_${campaignId}_${customerId}`;
}

/**
 * Brings a campaign's metrics up to what the send ledger counts, and completes the campaign once every
 * recipient of its fan-out is accounted for (sent, failed or skipped).
 *
 * The metrics are synced, not incremented: the difference between the ledger's counts and the stored
 * metrics is added. Running it twice, or from two workers at once (the loser of the version race reloads
 * and finds less to add), therefore never counts a message twice, and a job that crashed after sending but
 * before counting is caught up by the next sync.
 */
export async function syncCampaignProgress(
  context: Pick<JobContext, 'runner' | 'ledger' | 'logger'>,
  organizationId: string,
  campaignId: string,
): Promise<void> {
  const { ledger, logger } = context;
  await context.runner.run('syncCampaignProgress', async (scope) => {
    const campaign = await scope.tx.campaigns.findById(organizationId, campaignId);
    if (!campaign || campaign.startedAt === null) return;
    const counts = await ledger.counts(organizationId, campaignId);
    const metrics = campaign.metrics;
    const delta = {
      sent: Math.max(0, counts.sent - metrics.sent),
      delivered: Math.max(0, counts.delivered - metrics.delivered),
      read: Math.max(0, counts.read - metrics.read),
      failed: Math.max(0, counts.failed - metrics.failed),
    };
    let changed = false;
    if (delta.sent + delta.delivered + delta.read + delta.failed > 0) {
      try {
        campaign.recordMetrics(scope.now, delta);
        changed = true;
      } catch (error) {
        // Counts the campaign cannot hold (more sent than targeted) would fail every retry the same way.
        if (!(error instanceof CampaignMetricsError)) throw error;
        logger.error(
          { err: error, organizationId, campaignId, counts },
          'campaign metrics could not be synced',
        );
      }
    }
    const expected = await ledger.expected(organizationId, campaignId);
    if (campaign.status === 'RUNNING' && expected !== null && counts.accounted >= expected) {
      campaign.complete(scope.now);
      changed = true;
    }
    if (changed) await scope.save(scope.tx.campaigns, campaign);
  });
}

const PROGRESS: Readonly<Record<DeliveryStatus, CampaignMessageStatus | null>> = {
  queued: null,
  sent: 'sent',
  delivered: 'delivered',
  read: 'read',
  failed: 'failed',
  undelivered: 'failed',
};

/**
 * Handles a delivery-status event from the transport: records how far the message got in the send ledger
 * and, for a campaign message, updates the campaign's delivered, read and failed counts. Statuses arrive
 * late, out of order and more than once; those that do not move the message forward change nothing.
 * Resolves `true` when the status moved a message forward.
 *
 * @example
 * ```ts
 * const { statuses } = await transport.parse(request);
 * for (const status of statuses) await onDeliveryStatus(context, status);
 * ```
 */
export async function onDeliveryStatus(
  context: Pick<JobContext, 'runner' | 'ledger' | 'logger'>,
  event: DeliveryStatusEvent,
): Promise<boolean> {
  const progress = PROGRESS[event.status];
  if (!progress) return false;
  const record = await context.ledger.recordProgress(event.organizationId, event.messageId, progress);
  if (!record) return false;
  if (record.group !== null) await syncCampaignProgress(context, event.organizationId, record.group);
  return true;
}
