import { z } from 'zod';
import { isKnownCurrency, normalizeCurrency } from '../domain/currency.js';
import { ValidationError } from '../domain/errors.js';
import { MAX_TAX_RATE_BPS } from '../domain/invoice-line.js';
import { MAX_PAYMENT_TERMS_DAYS } from '../domain/invoice-snapshot.js';
import type { OrganizationSettings } from '../jobs/job-context.js';
import { DEFAULT_ORGANIZATION_SETTINGS } from '../jobs/job-settings.js';
import { DEFAULT_JOB_CONCURRENCY } from '../jobs/register-job-handlers.js';
import { QUEUE_NAMES } from '../ports/job-queue.js';

const DAY_MS = 86_400_000;

const locale = z.string().refine(
  (tag) => {
    try {
      return Intl.getCanonicalLocales(tag).length === 1;
    } catch {
      return false;
    }
  },
  { error: 'must be a BCP 47 locale such as en-IN' },
);
const timeZone = z.string().refine(
  (zone) => {
    try {
      new Intl.DateTimeFormat('en', { timeZone: zone });
      return true;
    } catch {
      return false;
    }
  },
  { error: 'must be an IANA time zone such as Asia/Kolkata' },
);
const currency = z
  .string()
  .refine(isKnownCurrency, { error: 'must be an ISO 4217 currency code such as INR' })
  .transform(normalizeCurrency);
const wholeNumber = (min: number, max = Number.MAX_SAFE_INTEGER) =>
  z
    .number()
    .int({ error: 'must be a whole number' })
    .min(min, { error: `must be at least ${min}` })
    .max(max, {
      error: `must be at most ${max}`,
    });
const positive = z.number().positive({ error: 'must be a positive number' }).finite();
const bucket = z.strictObject({ capacity: positive, refillPerSecond: z.number().min(0).finite() });

const organizationShape = {
  locale,
  currency,
  paymentTermsDays: wholeNumber(0, MAX_PAYMENT_TERMS_DAYS),
  defaultTaxRateBps: wholeNumber(0, MAX_TAX_RATE_BPS),
  timeZone,
};
const organizationSchema = z.strictObject(organizationShape).partial();

const queueName = z.enum(Object.values(QUEUE_NAMES) as [string, ...string[]]);

/** The settings part of `createBot`'s options, as zod validates it. */
export const botConfigSchema = z.strictObject({
  /** Settings of every organization not listed in `organizations`, field by field. */
  defaults: organizationSchema.default({}),
  /** Settings per organization id; missing fields come from `defaults`. */
  organizations: z.record(z.string().min(1), organizationSchema).default({}),
  features: z
    .strictObject({ campaigns: z.boolean().default(true), reminders: z.boolean().default(true) })
    .default({ campaigns: true, reminders: true }),
  rateLimits: z
    .strictObject({
      /** Inbound messages per customer, organization and deployment (token buckets). */
      user: bucket.optional(),
      organization: bucket.optional(),
      global: bucket.optional(),
      /** Campaign messages an organization may send per second (its provider throughput); null for no limit. */
      campaignSendsPerSecond: positive.nullable().default(null),
    })
    .default({ campaignSendsPerSecond: null }),
  reminders: z
    .strictObject({
      /** When PAYMENT_DUE reminders fire relative to the due date, in ms; one reminder each. */
      paymentDueOffsetsMs: z.array(z.number().int().finite()).max(10).default([0]),
      /** The follow-up after delivery; null for none. */
      orderFollowup: z
        .strictObject({ delayMs: wholeNumber(0), message: z.string().trim().min(1).max(4096) })
        .nullable()
        .default({ delayMs: 3 * DAY_MS, message: 'How was your order? Reply to tell us.' }),
      /** Wait before a refused reminder is tried again. */
      retryDelayMs: wholeNumber(0).default(15 * 60_000),
      /** How often overdue reminders whose job was lost are enqueued again; null to never sweep. */
      sweepIntervalMs: wholeNumber(1)
        .nullable()
        .default(5 * 60_000),
    })
    .default({
      paymentDueOffsetsMs: [0],
      orderFollowup: { delayMs: 3 * DAY_MS, message: 'How was your order? Reply to tell us.' },
      retryDelayMs: 15 * 60_000,
      sweepIntervalMs: 5 * 60_000,
    }),
  campaigns: z
    .strictObject({
      pageSize: wholeNumber(1, 1000).default(500),
      pauseRecheckMs: wholeNumber(1).default(60_000),
      /** What `{{name}}` becomes for customers without a name. */
      nameFallback: z.string().max(100).default(''),
    })
    .default({ pageSize: 500, pauseRecheckMs: 60_000, nameFallback: '' }),
  jobs: z
    .strictObject({
      attempts: wholeNumber(1, 100).default(5),
      backoffMs: wholeNumber(0).default(1_000),
      concurrency: z.partialRecord(queueName, wholeNumber(1, 1000)).default({}),
    })
    .default({ attempts: 5, backoffMs: 1_000, concurrency: {} }),
  relay: z
    .strictObject({
      pollIntervalMs: wholeNumber(1).default(1_000),
      batchSize: wholeNumber(1, 1000).default(100),
      leaseMs: wholeNumber(1).default(30_000),
    })
    .default({ pollIntervalMs: 1_000, batchSize: 100, leaseMs: 30_000 }),
  /** How long `stop()` waits for running jobs. */
  shutdownDeadlineMs: wholeNumber(0).default(10_000),
});

/** The settings `createBot` accepts (every field optional). */
export type BotConfigInput = z.input<typeof botConfigSchema>;
/** The settings after validation, with every default filled in. */
export type BotConfig = z.output<typeof botConfigSchema>;

/** The keys of `createBot`'s options that are settings (the others are adapters). */
export const BOT_CONFIG_KEYS = Object.keys(botConfigSchema.shape) as (keyof BotConfigInput)[];

/**
 * Validates the settings part of `createBot`'s options and fills in the defaults.
 *
 * @throws {ValidationError} naming every bad field, e.g. `defaults.locale: must be a BCP 47 locale`.
 */
export function parseBotConfig(input: unknown): BotConfig {
  const parsed = botConfigSchema.safeParse(input);
  if (parsed.success) return parsed.data;
  throw new ValidationError(
    'Invalid createBot options',
    parsed.error.issues.map((issue) => ({ path: issue.path.map(String).join('.'), message: issue.message })),
  );
}

/** The settings of `organizationId`: its own fields, then the bot's defaults, then chatcart's. */
export function organizationSettings(config: BotConfig, organizationId: string): OrganizationSettings {
  return {
    ...DEFAULT_ORGANIZATION_SETTINGS,
    ...defined(config.defaults),
    ...defined(config.organizations[organizationId] ?? {}),
  };
}

/** The fields that are set: `{ locale: undefined }` must not hide the default locale. */
function defined<T extends object>(settings: T): Partial<T> {
  return Object.fromEntries(
    Object.entries(settings).filter(([, value]) => value !== undefined),
  ) as Partial<T>;
}

/** The concurrency of each queue after the config's overrides. */
export function jobConcurrency(config: BotConfig) {
  return { ...DEFAULT_JOB_CONCURRENCY, ...config.jobs.concurrency };
}
