import { ChatcartError, redactPhone as redact } from '@chatcart/core';

/** What kind of failure a Twilio error code stands for; see {@link classifyTwilioErrorCode}. */
export type TwilioErrorKind =
  | 'window-closed'
  | 'opted-out'
  | 'invalid-recipient'
  | 'rate-limited'
  | 'authentication'
  | 'other';

/** What Twilio answered, as far as it is safe to keep in logs (no credentials, no message text). */
export interface TwilioErrorFacts {
  /** The HTTP status of Twilio's answer; absent when the refusal happened before any request. */
  readonly status?: number;
  /** Twilio's numeric error code (`21610`, `63016`…), when it gave one. */
  readonly twilioCode?: number;
  /** Twilio's link to the documentation of the code. */
  readonly moreInfo?: string;
  /** How long Twilio asked to wait (its `Retry-After` header), in ms. */
  readonly retryAfterMs?: number;
  /** Overrides the default: a 429 or a 5xx may be retried, nothing else. */
  readonly retryable?: boolean;
  /** Overrides the default (`true`: Twilio answered with an error, or was never asked). */
  readonly notSent?: boolean;
  readonly cause?: unknown;
}

/**
 * Twilio refused or failed a request. `retryable` says whether the same request may succeed later
 * unchanged (a 429 or a 5xx); the subclasses name the failures a caller can act on.
 *
 * @example
 * ```ts
 * try {
 *   await transport.send('org_1', { kind: 'text', to, body });
 * } catch (error) {
 *   if (error instanceof CustomerServiceWindowClosedError) await sendTemplateInstead();
 *   else if (error instanceof RecipientOptedOutError) await markOptedOut(to);
 *   else throw error;
 * }
 * ```
 */
export class TwilioApiError extends ChatcartError {
  readonly status: number | undefined;
  readonly twilioCode: number | undefined;
  readonly moreInfo: string | undefined;
  /** How long Twilio asked to wait before trying again, from its `Retry-After` header. */
  readonly retryAfterMs: number | undefined;
  /** True when sending the same request again later may succeed (rate limits, Twilio outages). */
  readonly retryable: boolean;
  /**
   * True when the error proves the message did not go out, so a job may send it again without risking a
   * duplicate. False only when Twilio may have received the request but its answer was lost.
   */
  readonly notSent: boolean;

  constructor(message: string, facts: TwilioErrorFacts = {}, code = 'TWILIO_API_ERROR') {
    super(code, message, {
      cause: facts.cause,
      details: {
        status: facts.status,
        twilioCode: facts.twilioCode,
        moreInfo: facts.moreInfo,
        retryAfterMs: facts.retryAfterMs,
        notSent: facts.notSent ?? true,
      },
    });
    this.status = facts.status;
    this.twilioCode = facts.twilioCode;
    this.moreInfo = facts.moreInfo;
    this.retryAfterMs = facts.retryAfterMs;
    this.retryable =
      facts.retryable ?? (facts.status === 429 || (facts.status !== undefined && facts.status >= 500));
    this.notSent = facts.notSent ?? true;
  }
}

/**
 * The customer last wrote more than 24 hours ago (or never), so WhatsApp accepts only an approved template
 * (Twilio error 63016). Send a `template` message instead.
 */
export class CustomerServiceWindowClosedError extends TwilioApiError {
  /** When the customer last wrote, in epoch ms; absent when no inbound message is on record. */
  readonly lastInboundAt: number | undefined;

  constructor(to: string, lastInboundAt: number | undefined, facts: TwilioErrorFacts = {}) {
    super(
      `WhatsApp refuses free-form messages to ${redact(to)} outside the 24-hour customer-service window ${
        lastInboundAt === undefined
          ? '(no message from this customer is on record)'
          : `(they last wrote at ${new Date(lastInboundAt).toISOString()})`
      }; send an approved template (kind 'template' with a Content SID) instead.`,
      { twilioCode: 63016, ...facts },
      'WHATSAPP_WINDOW_CLOSED',
    );
    this.lastInboundAt = lastInboundAt;
  }
}

/** The recipient unsubscribed from this sender (Twilio error 21610); they must opt in again first. */
export class RecipientOptedOutError extends TwilioApiError {
  constructor(to: string, facts: TwilioErrorFacts = {}) {
    super(
      `${redact(to)} has unsubscribed from this sender; do not message them until they opt in again (for example by writing START).`,
      facts,
      'RECIPIENT_OPTED_OUT',
    );
  }
}

/** The number is not a valid WhatsApp recipient (Twilio errors 21211, 21614, 63003, 63024). */
export class InvalidRecipientError extends TwilioApiError {
  constructor(to: string, reason: string, facts: TwilioErrorFacts = {}) {
    super(
      `${redact(to)} is not a valid WhatsApp recipient: ${reason}. Check that the number is in E.164 form (+14155550100) and uses WhatsApp.`,
      facts,
      'INVALID_RECIPIENT',
    );
  }
}

/**
 * Twilio or WhatsApp is throttling this account or sender (HTTP 429, Twilio errors 20429, 63018), and the
 * bounded retries did not get through. Wait `retryAfterMs` (when known) and send again.
 */
export class TwilioRateLimitError extends TwilioApiError {
  constructor(facts: TwilioErrorFacts = {}) {
    super(
      `Twilio is rate limiting this account or WhatsApp sender${
        facts.retryAfterMs === undefined ? '' : `; retry in ${Math.ceil(facts.retryAfterMs)} ms`
      }. Slow the send rate down, or spread campaigns over more time.`,
      facts,
      'PROVIDER_RATE_LIMITED',
    );
  }
}

/** Twilio refused the credentials (HTTP 401, Twilio error 20003). Check the Account SID, token or API key. */
export class TwilioAuthenticationError extends TwilioApiError {
  constructor(facts: TwilioErrorFacts = {}) {
    super(
      'Twilio refused the credentials: check TWILIO_ACCOUNT_SID with TWILIO_AUTH_TOKEN, or the API key SID and secret (the key must belong to that account).',
      facts,
      'PROVIDER_AUTH_FAILED',
    );
  }
}

/**
 * Twilio could not be reached, or did not answer in time. `requestSent` says whether the request may have
 * reached Twilio: only a request that surely did not (connection refused, DNS failure) is safe to retry,
 * because a message Twilio received and answered too late would otherwise go out twice.
 */
export class TwilioUnreachableError extends TwilioApiError {
  readonly requestSent: boolean;

  constructor(requestSent: boolean, cause: unknown) {
    const reason = cause instanceof Error ? cause.message : String(cause);
    super(
      requestSent
        ? `Twilio did not answer (${reason}); the message may or may not have been sent, so it was not retried. Check its status callback or the Twilio console before sending again.`
        : `Twilio could not be reached (${reason}); check the network and the API base URL.`,
      { cause, retryable: !requestSent, notSent: !requestSent },
      'PROVIDER_UNREACHABLE',
    );
    this.requestSent = requestSent;
  }
}

/**
 * A webhook was addressed to (or a status reported from) a WhatsApp number that no organization is
 * configured for. Add the number to the transport's `senders`, or teach your `SenderDirectory` about it.
 */
export class UnknownShopNumberError extends ChatcartError {
  readonly number: string;

  constructor(number: string) {
    super(
      'UNKNOWN_SHOP_NUMBER',
      `No organization is configured for the WhatsApp number ${number}; add it to the Twilio transport's senders.`,
      { details: { number } },
    );
    this.number = number;
  }
}
