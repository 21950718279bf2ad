/**
 * The pure domain of chatcart: money, the aggregates (order, invoice, reminder, campaign, customer,
 * product), their snapshots and events, and the error hierarchy. No I/O, no clock reads: time is passed in
 * as epoch milliseconds.
 *
 * @packageDocumentation
 */

// Shared
export { AggregateRoot } from './aggregate-root.js';
export {
  type AudienceSegment,
  type AudienceSegmentSnapshot,
  audienceSegment,
  MAX_SEGMENT_TAGS,
  normalizeTag,
  type SegmentCandidate,
  segmentFromSnapshot,
  segmentMatches,
  segmentToSnapshot,
} from './audience-segment.js';
// Campaign
export { Campaign, type CampaignDraftChanges, type CreateCampaignInput } from './campaign.js';
export {
  advanceMessageStatus,
  CAMPAIGN_MESSAGE_STATUSES,
  type CampaignMessageStatus,
  type CampaignMetricIncrements,
  CampaignMetricsError,
  type CampaignMetricsSnapshot,
  checkCampaignMetrics,
  EMPTY_CAMPAIGN_METRICS,
} from './campaign-metrics.js';
export {
  CAMPAIGN_STATUSES,
  CAMPAIGN_TYPES,
  type CampaignSnapshot,
  type CampaignStatus,
  type CampaignType,
  MAX_CAMPAIGN_NAME_LENGTH,
  MAX_CAMPAIGN_RECIPIENTS,
  MAX_CAMPAIGN_TEMPLATE_LENGTH,
} from './campaign-snapshot.js';
// Money
export {
  CURRENCY_MINOR_DIGITS,
  currencyMinorDigits,
  isKnownCurrency,
  normalizeCurrency,
} from './currency.js';
// Customer and product
export { type CreateCustomerInput, Customer } from './customer.js';
export {
  CONSENT_STATES,
  type ConsentState,
  type CustomerSnapshot,
  MAX_CUSTOMER_TAGS,
} from './customer-snapshot.js';
export type {
  CampaignEventName,
  CustomerEventName,
  DomainEvent,
  DomainEventEnvelope,
  DomainEventMap,
  DomainEventName,
  DomainEventOf,
  DomainEventPayloadMap,
  InvoiceEventName,
  OrderEventName,
  ProductEventName,
  ReminderEventName,
} from './domain-event.js';
export type { ValidationIssue } from './errors.js';
export {
  ChatcartError,
  ConflictError,
  DomainError,
  InvalidTransitionError,
  NotFoundError,
  ValidationError,
} from './errors.js';
// Invoice
export { Invoice } from './invoice.js';
export {
  InvoiceDiscountTooLargeError,
  InvoiceDueBeforeIssueError,
  InvoiceHasPaymentsError,
  InvoiceOverpaymentError,
  OrderNotInvoiceableError,
  PaymentReferenceConflictError,
} from './invoice-errors.js';
export {
  computeInvoiceLine,
  type InvoiceDiscount,
  type InvoiceDiscountSnapshot,
  type InvoiceLine,
  type InvoiceLineInput,
  type InvoiceLineSnapshot,
  MAX_TAX_RATE_BPS,
} from './invoice-line.js';
export {
  INVOICE_STATUSES,
  type InvoicePaymentSnapshot,
  type InvoiceSnapshot,
  type InvoiceStatus,
  MAX_INVOICE_PAYMENTS,
  MAX_PAYMENT_TERMS_DAYS,
} from './invoice-snapshot.js';
export {
  type CreateInvoiceInput,
  DEFAULT_PAYMENT_TERMS_DAYS,
  type InvoiceFromOrderOptions,
  type InvoicePayment,
  type RecordPaymentInput,
} from './invoice-types.js';
export { Money, type MoneySnapshot } from './money.js';
export { CurrencyMismatchError, InvalidAmountError, UnknownCurrencyError } from './money-errors.js';
// Order
export { type CreateOrderInput, Order } from './order.js';
export {
  InvalidQuantityError,
  OrderEmptyError,
  OrderItemNotFoundError,
  OrderItemPriceMismatchError,
  OrderNotEditableError,
  OrderTooManyItemsError,
} from './order-errors.js';
export {
  assertQuantity,
  MAX_ITEM_NAME_LENGTH,
  MAX_ITEM_QUANTITY,
  MAX_ORDER_ITEMS,
  type NewOrderItem,
  type OrderItem,
  type OrderItemSnapshot,
} from './order-item.js';
export {
  CANCELLABLE_ORDER_STATUSES,
  MAX_ORDER_NOTE_LENGTH,
  ORDER_STATUSES,
  type OrderSnapshot,
  type OrderStatus,
} from './order-snapshot.js';
export { InvalidPhoneNumberError, isE164PhoneNumber, normalizePhoneNumber } from './phone-number.js';
export {
  type CreateProductInput,
  InsufficientStockError,
  MAX_PRODUCT_ALIASES,
  MAX_PRODUCT_STOCK,
  Product,
  type ProductSnapshot,
} from './product.js';
// Reminder
export { Reminder, type ReminderFailureOptions, type ScheduleReminderInput } from './reminder.js';
export {
  DEFAULT_REMINDER_MAX_ATTEMPTS,
  MAX_REMINDER_ATTEMPTS,
  MAX_REMINDER_ERROR_LENGTH,
  MAX_REMINDER_MESSAGE_LENGTH,
  REMINDER_REFERENCE_KINDS,
  REMINDER_STATUSES,
  REMINDER_TYPES,
  type ReminderReference,
  type ReminderSnapshot,
  type ReminderStatus,
  ReminderType,
} from './reminder-snapshot.js';
export { divideRoundingHalfUp } from './rounding.js';
