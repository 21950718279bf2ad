import type {
  CircuitBreaker,
  CircuitBreakerOptions,
  Clock,
  Logger,
  OutboundMessage,
  ValidationIssue,
} from '@chatcart/core';
import type { CustomerServiceWindowStore } from './customer-service-window.js';
import { isHttpUrl } from './http-url.js';
import type { RetryOptions } from './send-retry.js';
import type { SenderDirectory, TwilioSender } from './sender-directory.js';
import type { PublicUrl } from './signed-url.js';

/** A free-form message (text or media), the kind the 24-hour window applies to. */
export type FreeFormMessage = Extract<OutboundMessage, { kind: 'text' | 'media' }>;

/** What happens to a free-form message outside the customer-service window. */
export interface WindowOptions {
  /** Where last-inbound times are kept. Default one `MemoryCustomerServiceWindowStore` (one process). */
  readonly store?: CustomerServiceWindowStore;
  /** Default 24 hours, WhatsApp's rule. */
  readonly windowMs?: number;
  /**
   * Refuse free-form messages outside the window before calling Twilio. Default `true`; turn it off only
   * when something else tracks the window (Twilio would accept the message and report 63016 later).
   */
  readonly enforce?: boolean;
  /**
   * Send this approved template instead of refusing: `templateId` is its Content SID, `variables` fills
   * it from the message that could not be sent as is.
   */
  readonly fallbackTemplate?: {
    readonly templateId: string;
    readonly variables?: (message: FreeFormMessage) => Readonly<Record<string, string>>;
  };
}

/** How a {@link TwilioTransport} is built. Only the account, the token and the senders are required. */
export interface TwilioTransportOptions {
  /** The Account SID (`AC…`). */
  readonly accountSid: string;
  /** The account's auth token: Twilio signs webhooks with it, and it authenticates API calls unless `apiKey` is set. */
  readonly authToken: string;
  /** An API key (`SK…`) and its secret for API calls, so the auth token can be rotated separately. */
  readonly apiKey?: { readonly sid: string; readonly secret: string };
  /** The shops' WhatsApp numbers; give this or `directory`. */
  readonly senders?: readonly TwilioSender[];
  /** A lookup of numbers and senders of your own (for example in your database); give this or `senders`. */
  readonly directory?: SenderDirectory;
  /**
   * The public URL Twilio calls, when the app sits behind a proxy: a base URL (`https://shop.example`, or
   * with a path prefix the proxy strips) or a function of the request. Default: the request's own URL.
   */
  readonly publicUrl?: PublicUrl;
  /** Where Twilio posts status callbacks (queued, sent, delivered, read, failed); usually the webhook URL. */
  readonly statusCallbackUrl?: string;
  /** The token the GET check of the webhook URL must present (`WHATSAPP_VERIFY_TOKEN`). */
  readonly verifyToken?: string;
  readonly window?: WindowOptions;
  /**
   * The breaker around API calls: an instance to share, or options for the transport's own (name
   * `twilio`; only outages count, see `isTwilioOutage`).
   */
  readonly breaker?: CircuitBreaker | CircuitBreakerOptions;
  readonly retry?: RetryOptions;
  /** The API connection: base URL (default `https://api.twilio.com`), pool size, and answer timeout. */
  readonly http?: { readonly baseUrl?: string; readonly connections?: number; readonly timeoutMs?: number };
  readonly clock?: Clock;
  readonly logger?: Logger;
}

const ACCOUNT_SID = /^AC[0-9a-fA-F]{32}$/;
const API_KEY_SID = /^SK[0-9a-fA-F]{32}$/;

/** Every problem with the options, each naming its field; empty when they are usable. */
export function optionIssues(options: TwilioTransportOptions): ValidationIssue[] {
  const issues: ValidationIssue[] = [];
  if (typeof options.accountSid !== 'string' || !ACCOUNT_SID.test(options.accountSid)) {
    issues.push({ path: 'accountSid', message: 'must be an Account SID (AC + 32 hex digits)' });
  }
  if (typeof options.authToken !== 'string' || options.authToken.trim() === '') {
    issues.push({ path: 'authToken', message: 'is required: Twilio signs every webhook with it' });
  }
  if (options.apiKey !== undefined) {
    if (!API_KEY_SID.test(options.apiKey.sid)) {
      issues.push({ path: 'apiKey.sid', message: 'must be an API key SID (SK + 32 hex digits)' });
    }
    if (!options.apiKey.secret)
      issues.push({ path: 'apiKey.secret', message: 'is required with apiKey.sid' });
  }
  if ((options.senders === undefined) === (options.directory === undefined)) {
    issues.push({ path: 'senders', message: 'give exactly one of senders and directory' });
  }
  if (typeof options.publicUrl === 'string' && !isHttpUrl(options.publicUrl)) {
    issues.push({
      path: 'publicUrl',
      message: 'must be an absolute http(s) URL such as https://shop.example',
    });
  }
  if (options.statusCallbackUrl !== undefined && !isHttpUrl(options.statusCallbackUrl)) {
    issues.push({ path: 'statusCallbackUrl', message: 'must be an absolute http(s) URL' });
  }
  if (options.http?.baseUrl !== undefined && !isHttpUrl(options.http.baseUrl)) {
    issues.push({ path: 'http.baseUrl', message: 'must be an absolute http(s) URL' });
  }
  return issues;
}
