/**
 * `@chatcart/adapter-twilio`: chatcart's WhatsApp transport over Twilio. It checks `X-Twilio-Signature`,
 * parses inbound messages and status callbacks, tracks the 24-hour customer-service window, and sends
 * text, media and Content API templates through the Messages API.
 *
 * @example
 * ```ts
 * import { TwilioTransport } from '@chatcart/adapter-twilio';
 *
 * const transport = new TwilioTransport({
 *   accountSid: process.env.TWILIO_ACCOUNT_SID!,
 *   authToken: process.env.TWILIO_AUTH_TOKEN!,
 *   senders: [{ organizationId: 'org_1', number: '+14155238886' }],
 *   publicUrl: 'https://shop.example',
 * });
 * ```
 *
 * @packageDocumentation
 */
export {
  CUSTOMER_SERVICE_WINDOW_MS,
  CustomerServiceWindow,
  type CustomerServiceWindowOptions,
  type CustomerServiceWindowStore,
  type WindowState,
} from './customer-service-window.js';
export { classifyTwilioErrorCode, describeTwilioErrorCode } from './error-codes.js';
export {
  CustomerServiceWindowClosedError,
  InvalidRecipientError,
  RecipientOptedOutError,
  TwilioApiError,
  TwilioAuthenticationError,
  type TwilioErrorFacts,
  type TwilioErrorKind,
  TwilioRateLimitError,
  TwilioUnreachableError,
  UnknownShopNumberError,
} from './errors.js';
export type { FormParams } from './form-params.js';
export { MemoryCustomerServiceWindowStore, type MemoryWindowStoreOptions } from './memory-window-store.js';
export type { RetryOptions } from './send-retry.js';
export {
  type SenderDirectory,
  type SenderRoute,
  StaticSenderDirectory,
  type TwilioSender,
} from './sender-directory.js';
export { SessionWindowStore, type SessionWindowStoreOptions } from './session-window-store.js';
export {
  computeBodyHash,
  computeTwilioSignature,
  type SignableBody,
  type SignatureCheck,
  signTwilioRequest,
  TWILIO_SIGNATURE_HEADER,
  verifyTwilioSignature,
} from './signature.js';
export type { PublicUrl } from './signed-url.js';
export { answerVerifyTokenCheck } from './subscription.js';
export { type Environment, twilioOptionsFromEnv } from './twilio-env.js';
export { isTwilioOutage, TwilioTransport } from './twilio-transport.js';
export type { FreeFormMessage, TwilioTransportOptions, WindowOptions } from './twilio-transport-options.js';
export { parseTwilioWebhook, type WebhookParserContext } from './webhook-parser.js';
