export { campaignHandler } from './campaign-jobs.js';
export { campaignSendKey, onDeliveryStatus, syncCampaignProgress } from './campaign-progress.js';
export { DueReminderSweeper, type DueReminderSweeperOptions } from './due-reminder-sweeper.js';
export {
  ENGLISH_INVOICE_LABELS,
  formatInvoiceMessage,
  type InvoiceMessageLabels,
  type InvoiceMessageOptions,
  WHATSAPP_TEXT_LIMIT,
} from './invoice-message.js';
export { invoiceProcessingHandler, invoiceSendKey } from './invoice-processing.js';
export {
  type EventJobPayload,
  followUpJob,
  isLastAttempt,
  type JobContext,
  type JobSettings,
  type OrganizationSettings,
  type PaymentDueMessageInput,
  readEvent,
  readPayload,
  UnknownJobError,
} from './job-context.js';
export {
  DEFAULT_OUTBOX_ROUTES,
  JOB_NAMES,
  jobIdOf,
  type OutboxRoute,
  type OutboxRoutes,
} from './job-names.js';
export {
  DEFAULT_ORGANIZATION_SETTINGS,
  defaultPaymentDueMessage,
  resolveJobSettings,
} from './job-settings.js';
export { MemorySendLedger } from './memory-send-ledger.js';
export { MessageNotSentError, provesNotSent } from './message-not-sent-error.js';
export { orderProcessingHandler } from './order-processing.js';
export { OutboxRelay, type OutboxRelayOptions, type RelayResult } from './outbox-relay.js';
export {
  type PersonalizationValues,
  type PersonalizeOptions,
  personalize,
  TEMPLATE_PLACEHOLDERS,
  unknownPlaceholders,
} from './personalize.js';
export {
  createJobHandlers,
  DEFAULT_JOB_CONCURRENCY,
  type JobConcurrency,
  type JobFeatures,
  type JobHandlers,
  type RegisterJobHandlersDeps,
  registerJobHandlers,
} from './register-job-handlers.js';
export { reminderHandler, reminderSendKey } from './reminder-firing.js';
export {
  type CartAbandonedInput,
  cartAbandonedReminderId,
  type OrderFollowupInput,
  orderFollowupReminderId,
  paymentReminderId,
  scheduleCartAbandonedReminder,
  scheduleOrderFollowup,
  schedulePaymentReminders,
} from './reminder-scheduling.js';
export {
  progressAdvances,
  type SendClaim,
  type SendCounts,
  type SendLedger,
  type SendRecord,
  type SendState,
} from './send-ledger.js';
export { type SendOnceDeps, type SendOnceRequest, type SendOnceResult, sendOnce } from './send-once.js';
