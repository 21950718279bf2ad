import { QUEUE_NAMES } from '../ports/job-queue.js';
import type { JsonValue } from '../ports/session-store.js';

/** The names of chatcart's own jobs, by queue. Handlers switch on them. */
export const JOB_NAMES = {
  /** order-processing: an order was confirmed; issue its invoice. */
  orderConfirmed: 'order-confirmed',
  /** order-processing: an order was delivered; schedule its follow-up reminder. */
  orderDelivered: 'order-delivered',
  /** invoice-processing: an invoice was issued; send it and schedule its payment reminders. */
  invoiceIssued: 'invoice-issued',
  /** reminders: a reminder's time has (probably) come. */
  fireReminder: 'fire-reminder',
  /** campaigns: a campaign started or resumed; resolve its audience. */
  fanOutCampaign: 'fan-out-campaign',
  /** campaigns: one page of a campaign's audience. */
  fanOutCampaignPage: 'fan-out-campaign-page',
  /** campaigns: one message to one recipient. */
  sendCampaignMessage: 'send-campaign-message',
} as const;

/** Where the outbox relay sends messages of one topic. */
export interface OutboxRoute {
  readonly queue: string;
  readonly jobName: string;
  /**
   * When the job should run, in epoch ms, read from the message payload (the domain event envelope);
   * `null` or a past time runs it at once.
   */
  readonly runAt?: (payload: JsonValue) => number | null;
}

/** The topics chatcart's jobs react to, and where each goes. Topics not listed are marked relayed and skipped. */
export type OutboxRoutes = Readonly<Record<string, OutboxRoute>>;

/**
 * The default routes: order.confirmed and order.delivered → order-processing; invoice.issued →
 * invoice-processing; reminder.scheduled and reminder.rescheduled → reminders, delayed until the reminder
 * is due; campaign.started and campaign.resumed → campaigns.
 */
export const DEFAULT_OUTBOX_ROUTES: OutboxRoutes = Object.freeze({
  'order.confirmed': { queue: QUEUE_NAMES.orderProcessing, jobName: JOB_NAMES.orderConfirmed },
  'order.delivered': { queue: QUEUE_NAMES.orderProcessing, jobName: JOB_NAMES.orderDelivered },
  'invoice.issued': { queue: QUEUE_NAMES.invoiceProcessing, jobName: JOB_NAMES.invoiceIssued },
  'reminder.scheduled': {
    queue: QUEUE_NAMES.reminders,
    jobName: JOB_NAMES.fireReminder,
    runAt: (payload) => eventField(payload, 'scheduledFor'),
  },
  'reminder.rescheduled': {
    queue: QUEUE_NAMES.reminders,
    jobName: JOB_NAMES.fireReminder,
    runAt: (payload) => eventField(payload, 'to'),
  },
  'campaign.started': { queue: QUEUE_NAMES.campaigns, jobName: JOB_NAMES.fanOutCampaign },
  'campaign.resumed': { queue: QUEUE_NAMES.campaigns, jobName: JOB_NAMES.fanOutCampaign },
});

/** A numeric field of the event payload inside an envelope, or `null`. */
function eventField(envelope: JsonValue, field: string): number | null {
  if (envelope === null || typeof envelope !== 'object' || Array.isArray(envelope)) return null;
  const payload = envelope.payload;
  if (payload === null || typeof payload !== 'object' || Array.isArray(payload)) return null;
  const value = payload[field];
  return typeof value === 'number' && Number.isFinite(value) ? value : null;
}

/**
 * A job id made of `parts`, safe for every queue: `:` (reserved by BullMQ) becomes `-`, and an id longer
 * than 200 characters is shortened to its head plus a hash of the whole, so it stays deterministic.
 *
 * @example
 * ```ts
 * jobIdOf('cmpsend', campaignId, customerId, round); // 'cmpsend_cmp_1_cus_2_evt_9'
 * ```
 */
export function jobIdOf(...parts: readonly string[]): string {
  const id = parts.join('_').replaceAll(':', '-');
  if (id.length <= 200) return id;
  return `${id.slice(0, 160)}_${fnv1a(id, 0x811c9dc5)}${fnv1a(id, 0x01000193)}`;
}

function fnv1a(text: string, seed: number): string {
  let hash = seed >>> 0;
  for (let i = 0; i < text.length; i += 1) {
    hash ^= text.charCodeAt(i);
    hash = Math.imul(hash, 0x01000193) >>> 0;
  }
  return hash.toString(16).padStart(8, '0');
}
