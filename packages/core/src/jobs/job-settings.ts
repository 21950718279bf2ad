import type { JobSettings, OrganizationSettings, PaymentDueMessageInput } from './job-context.js';

const DAY_MS = 86_400_000;

/** The organization settings used when neither the organization nor the bot says otherwise. */
export const DEFAULT_ORGANIZATION_SETTINGS: OrganizationSettings = Object.freeze({
  locale: 'en-US',
  currency: 'USD',
  paymentTermsDays: 7,
  defaultTaxRateBps: 0,
  timeZone: 'UTC',
});

/**
 * The default PAYMENT_DUE text: `Reminder: invoice INV-0007 of ₹955.80 is due on 15 Mar 2026.`, with the
 * amount and date formatted for the organization.
 */
export function defaultPaymentDueMessage({ invoice, settings }: PaymentDueMessageInput): string {
  const amount = invoice.amountDue.format(settings.locale);
  if (invoice.dueAt === null) return `Reminder: invoice ${invoice.invoiceNumber} of ${amount} is due.`;
  const date = new Intl.DateTimeFormat(settings.locale, { dateStyle: 'medium', timeZone: settings.timeZone });
  return `Reminder: invoice ${invoice.invoiceNumber} of ${amount} is due on ${date.format(invoice.dueAt)}.`;
}

/**
 * Job settings with defaults filled in: reminders on, one PAYMENT_DUE reminder on the due date, a follow-up
 * three days after delivery, refused reminders retried after 15 minutes, campaign pages of 500, paused
 * campaigns checked every minute, no campaign throughput limit, five attempts per job with exponential
 * backoff from 1 s.
 *
 * @example
 * ```ts
 * const settings = resolveJobSettings({ paymentReminderOffsetsMs: [-86_400_000, 0] });
 * ```
 */
export function resolveJobSettings(overrides: Partial<JobSettings> = {}): JobSettings {
  return {
    organization: () => DEFAULT_ORGANIZATION_SETTINGS,
    reminders: true,
    paymentReminderOffsetsMs: [0],
    paymentDueMessage: defaultPaymentDueMessage,
    orderFollowup: { delayMs: 3 * DAY_MS, message: 'How was your order? Reply to tell us.' },
    reminderRetryDelayMs: 15 * 60_000,
    campaignPageSize: 500,
    campaignPauseRecheckMs: 60_000,
    campaignSendsPerSecond: null,
    nameFallback: '',
    jobAttempts: 5,
    jobBackoff: { type: 'exponential', delayMs: 1_000 },
    ...overrides,
  };
}
