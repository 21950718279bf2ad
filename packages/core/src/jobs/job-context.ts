import { z } from 'zod';
import type { CommandRunner } from '../application/command-runner.js';
import type { CommandHandlers } from '../application/commands/command-handlers.js';
import type { Customer } from '../domain/customer.js';
import { ChatcartError, ValidationError } from '../domain/errors.js';
import type { Invoice } from '../domain/invoice.js';
import type { Clock } from '../ports/clock.js';
import type { BackoffOptions, EnqueueOptions, Job, JobQueue } from '../ports/job-queue.js';
import type { Logger } from '../ports/logger.js';
import type { MessagingTransport } from '../ports/messaging-transport.js';
import type { RateLimitStore } from '../ports/rate-limit-store.js';
import type { Repositories } from '../ports/repositories.js';
import type { SendLedger } from './send-ledger.js';

/** How one organization is invoiced and spoken to. */
export interface OrganizationSettings {
  /** BCP 47 locale amounts and dates are formatted in, e.g. `en-IN`. */
  readonly locale: string;
  /** ISO 4217 currency of new orders. */
  readonly currency: string;
  /** Days from issue to due date. */
  readonly paymentTermsDays: number;
  /** Tax rate applied to invoice lines, in basis points (1800 = 18 %). */
  readonly defaultTaxRateBps: number;
  /** IANA time zone dates are shown in. */
  readonly timeZone: string;
}

/** What a PAYMENT_DUE reminder message is made from. */
export interface PaymentDueMessageInput {
  readonly invoice: Invoice;
  readonly customer: Customer;
  readonly settings: OrganizationSettings;
}

/** What the job handlers may be tuned with; `createBot` fills it from its config. */
export interface JobSettings {
  /** The settings of an organization (its own, else the defaults). */
  organization(organizationId: string): OrganizationSettings;
  /** Whether reminders are on: off, invoices and deliveries schedule none and reminder jobs are not handled. */
  readonly reminders: boolean;
  /**
   * When PAYMENT_DUE reminders fire, relative to the invoice's due date in ms (0 = on the due date,
   * `-86_400_000` = a day before, `259_200_000` = three days late). One reminder per offset.
   */
  readonly paymentReminderOffsetsMs: readonly number[];
  /** The text of a PAYMENT_DUE reminder. */
  readonly paymentDueMessage: (input: PaymentDueMessageInput) => string;
  /** How long after delivery the ORDER_FOLLOWUP reminder fires, and what it says; `null` for none. */
  readonly orderFollowup: { readonly delayMs: number; readonly message: string } | null;
  /** Wait before a reminder whose send was refused is tried again. */
  readonly reminderRetryDelayMs: number;
  /** Audience rows read per campaign fan-out page. */
  readonly campaignPageSize: number;
  /** How often a paused campaign's waiting jobs look again whether it was resumed. */
  readonly campaignPauseRecheckMs: number;
  /** Campaign messages one organization may send per second (its provider throughput); `null` for no limit. */
  readonly campaignSendsPerSecond: number | null;
  /** What `{{name}}` and `{{firstName}}` become for customers without a name. */
  readonly nameFallback: string;
  /** Attempts of the jobs the handlers enqueue themselves. */
  readonly jobAttempts: number;
  /** Backoff between those attempts. */
  readonly jobBackoff: BackoffOptions;
}

/** Everything the job handlers work with. */
export interface JobContext {
  /** The application's commands (issue invoice, schedule and cancel reminders). */
  readonly commands: Pick<CommandHandlers, 'issueInvoice' | 'scheduleReminder' | 'cancelReminder'>;
  /** Runs the handlers' own aggregate changes (reminder sent, campaign metrics) like a command. */
  readonly runner: CommandRunner;
  readonly repositories: Repositories;
  readonly queue: JobQueue;
  readonly transport: MessagingTransport;
  readonly ledger: SendLedger;
  readonly clock: Clock;
  readonly logger: Logger;
  readonly settings: JobSettings;
  /** Buckets for the campaign send throughput; sends are not limited without one. */
  readonly rateLimitStore?: RateLimitStore;
}

/** The job payload the relay hands over: the domain event envelope, as JSON. */
export interface EventJobPayload {
  readonly type: string;
  readonly organizationId: string;
  readonly aggregateId: string;
  readonly occurredAt: number;
  readonly payload: Record<string, unknown>;
}

const envelopeSchema = z.object({
  type: z.string().min(1),
  organizationId: z.string().min(1),
  aggregateId: z.string().min(1),
  occurredAt: z.number(),
  payload: z.record(z.string(), z.unknown()),
});

/**
 * Reads a job payload with `schema`. A malformed payload can never succeed, so it throws a ValidationError
 * naming the job; it fails the job visibly instead of doing anything half-way.
 */
export function readPayload<T>(job: Job, schema: z.ZodType<T>): T {
  const parsed = schema.safeParse(job.payload);
  if (parsed.success) return parsed.data;
  throw new ValidationError(
    `Job ${job.id} (${job.queue}/${job.name}) has a malformed payload`,
    parsed.error.issues.map((issue) => ({ path: `payload.${issue.path.join('.')}`, message: issue.message })),
  );
}

/** Reads the domain event envelope a relayed job carries. */
export function readEvent(job: Job): EventJobPayload {
  return readPayload(job, envelopeSchema);
}

/** Thrown for a job whose name the queue's handler does not know (a job from a newer version, a typo). */
export class UnknownJobError extends ChatcartError {
  constructor(job: Job) {
    super(
      'UNKNOWN_JOB',
      `No handler for job "${job.name}" on queue "${job.queue}"; it was enqueued by a newer version or by mistake.`,
      { details: { jobId: job.id, queue: job.queue, name: job.name } },
    );
  }
}

/** True on the job's last allowed attempt: a failure now is final. */
export function isLastAttempt(job: Job): boolean {
  return job.attempt >= job.maxAttempts;
}

/** Enqueue options of a job a handler enqueues itself: its id, its delay, and the configured retries. */
export function followUpJob(
  context: Pick<JobContext, 'settings'>,
  jobId: string,
  delayMs = 0,
): EnqueueOptions {
  return { jobId, delayMs, attempts: context.settings.jobAttempts, backoff: context.settings.jobBackoff };
}
