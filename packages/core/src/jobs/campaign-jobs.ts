import { z } from 'zod';
import type { Job, JobHandler } from '../ports/job-queue.js';
import { QUEUE_NAMES } from '../ports/job-queue.js';
import type { JsonValue } from '../ports/session-store.js';
import { campaignSendKey, syncCampaignProgress } from './campaign-progress.js';
import {
  followUpJob,
  isLastAttempt,
  type JobContext,
  readEvent,
  readPayload,
  UnknownJobError,
} from './job-context.js';
import { JOB_NAMES, jobIdOf } from './job-names.js';
import { personalize } from './personalize.js';
import { sendOnce } from './send-once.js';

const pageSchema = z.object({
  organizationId: z.string().min(1),
  campaignId: z.string().min(1),
  page: z.number().int().min(0),
  after: z.string().nullable(),
  /** Recipients enqueued by the pages before this one. */
  enqueued: z.number().int().min(0),
  /** How many times this page waited for a paused campaign. */
  waits: z.number().int().min(0).default(0),
});

const sendSchema = z.object({
  organizationId: z.string().min(1),
  campaignId: z.string().min(1),
  customerId: z.string().min(1),
  /** How many times this send waited (paused campaign, throughput limit). */
  waits: z.number().int().min(0).default(0),
});

type PagePayload = z.infer<typeof pageSchema>;
type SendPayload = z.infer<typeof sendSchema>;

/**
 * The campaigns queue's handler:
 *
 * - `fan-out-campaign` (campaign started or resumed) and `fan-out-campaign-page`: read the audience one page
 *   at a time (`customers.findAudience`), enqueue one `send-campaign-message` job per recipient with the id
 *   `cmpsend_<campaign>_<customer>`, then the next page as its own job. At most `targeted` recipients are
 *   enqueued (the count the campaign started with). After the last page the total is recorded, so the
 *   campaign completes once every recipient is accounted for. A fan-out run again (a resume, a redelivered
 *   job) enqueues the same ids, and the send ledger keeps any recipient from getting a second message.
 * - `send-campaign-message`: at send time, skips recipients who opted out (counted as accounted for), waits
 *   while the campaign is paused, does nothing once it is cancelled or completed, keeps to the
 *   organization's send throughput, personalizes the template, sends at most once, and syncs the metrics.
 */
export function campaignHandler(context: JobContext): JobHandler {
  return async (job: Job) => {
    if (job.name === JOB_NAMES.fanOutCampaign) {
      const event = readEvent(job);
      await fanOutPage(context, {
        organizationId: event.organizationId,
        campaignId: event.aggregateId,
        page: 0,
        after: null,
        enqueued: 0,
        waits: 0,
      });
    } else if (job.name === JOB_NAMES.fanOutCampaignPage) {
      await fanOutPage(context, readPayload(job, pageSchema));
    } else if (job.name === JOB_NAMES.sendCampaignMessage) {
      await sendToRecipient(context, job, readPayload(job, sendSchema));
    } else {
      throw new UnknownJobError(job);
    }
  };
}

async function fanOutPage(context: JobContext, page: PagePayload): Promise<void> {
  const { organizationId, campaignId } = page;
  const campaign = await context.repositories.campaigns.findById(organizationId, campaignId);
  if (!campaign) return;
  if (campaign.status === 'PAUSED') {
    const jobId = jobIdOf('cmpfan', campaignId, String(page.page), `w${page.waits + 1}`);
    await later(context, JOB_NAMES.fanOutCampaignPage, { ...page, waits: page.waits + 1 }, jobId);
    return;
  }
  if (campaign.status !== 'RUNNING') return;
  const cap = campaign.metrics.targeted;
  const room = cap - page.enqueued;
  const { items, nextCursor } =
    room > 0
      ? await context.repositories.customers.findAudience(organizationId, campaign.audience, {
          limit: Math.min(context.settings.campaignPageSize, room),
          after: page.after,
        })
      : { items: [], nextCursor: null };
  await Promise.all(
    items.map((customer) =>
      context.queue.enqueue(
        QUEUE_NAMES.campaigns,
        JOB_NAMES.sendCampaignMessage,
        { organizationId, campaignId, customerId: customer.id },
        followUpJob(context, jobIdOf('cmpsend', campaignId, customer.id)),
      ),
    ),
  );
  const enqueued = page.enqueued + items.length;
  if (nextCursor !== null && enqueued < cap) {
    const next: PagePayload = {
      organizationId,
      campaignId,
      page: page.page + 1,
      after: nextCursor,
      enqueued,
      waits: 0,
    };
    const jobId = jobIdOf('cmpfan', campaignId, String(next.page));
    await context.queue.enqueue(
      QUEUE_NAMES.campaigns,
      JOB_NAMES.fanOutCampaignPage,
      next,
      followUpJob(context, jobId),
    );
    return;
  }
  // A later fan-out (after a resume) may find fewer customers (some opted out): keep the larger total, so
  // the campaign does not complete while a recipient of the first fan-out is still waiting.
  const known = await context.ledger.expected(organizationId, campaignId);
  await context.ledger.setExpected(organizationId, campaignId, Math.max(known ?? 0, enqueued));
  await syncCampaignProgress(context, organizationId, campaignId);
}

async function sendToRecipient(context: JobContext, job: Job, send: SendPayload): Promise<void> {
  const { organizationId, campaignId, customerId } = send;
  const { repositories, ledger } = context;
  const campaign = await repositories.campaigns.findById(organizationId, campaignId);
  if (!campaign || !(campaign.status === 'RUNNING' || campaign.status === 'PAUSED')) return;
  const key = campaignSendKey(campaignId, customerId);
  const settled = await ledger.get(organizationId, key);
  if (settled && settled.state !== 'sending') {
    await syncCampaignProgress(context, organizationId, campaignId);
    return;
  }
  if (campaign.status === 'PAUSED') {
    await wait(context, send, context.settings.campaignPauseRecheckMs);
    return;
  }
  const customer = await repositories.customers.findById(organizationId, customerId);
  if (!customer?.canReceiveBusinessMessages) {
    const reason = customer ? 'opted out' : 'customer not found';
    await ledger.skip(organizationId, key, { group: campaignId, reason });
    await syncCampaignProgress(context, organizationId, campaignId);
    return;
  }
  const throttledForMs = await throughputWait(context, organizationId);
  if (throttledForMs > 0) {
    await wait(context, send, throttledForMs);
    return;
  }
  const body = personalize(
    campaign.messageTemplate,
    { name: customer.name, phone: customer.phone },
    { nameFallback: context.settings.nameFallback },
  );
  const result = await sendOnce(context, {
    organizationId,
    key,
    group: campaignId,
    message: { kind: 'text', to: customer.phone, body },
  });
  if (result.outcome === 'refused') {
    if (!isLastAttempt(job)) throw result.error;
    // Nothing went out and nothing will: count the recipient as failed, so the campaign can still complete.
    const claim = await ledger.begin(organizationId, key, { group: campaignId });
    if (claim.claimed) await ledger.fail(organizationId, key, result.error.message);
  }
  await syncCampaignProgress(context, organizationId, campaignId);
}

/** How long until the organization may send another campaign message (0 = now); spends a token when 0. */
async function throughputWait(context: JobContext, organizationId: string): Promise<number> {
  const perSecond = context.settings.campaignSendsPerSecond;
  if (perSecond === null || !context.rateLimitStore) return 0;
  const decision = await context.rateLimitStore.consume([
    {
      scope: 'organization',
      key: `campaign-sends:${organizationId}`,
      limit: { capacity: perSecond, refillPerSecond: perSecond },
    },
  ]);
  return decision.allowed ? 0 : Math.max(1, decision.retryAfterMs);
}

/** Enqueues the send again after `delayMs`, under a new id (this job's id is still taken while it runs). */
async function wait(context: JobContext, send: SendPayload, delayMs: number): Promise<void> {
  const waits = send.waits + 1;
  const jobId = jobIdOf('cmpsend', send.campaignId, send.customerId, `w${waits}`);
  await later(context, JOB_NAMES.sendCampaignMessage, { ...send, waits }, jobId, delayMs);
}

async function later(
  context: JobContext,
  name: string,
  payload: JsonValue,
  jobId: string,
  delayMs = context.settings.campaignPauseRecheckMs,
): Promise<void> {
  await context.queue.enqueue(QUEUE_NAMES.campaigns, name, payload, followUpJob(context, jobId, delayMs));
}
