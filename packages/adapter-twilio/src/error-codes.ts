import {
  CustomerServiceWindowClosedError,
  InvalidRecipientError,
  RecipientOptedOutError,
  TwilioApiError,
  TwilioAuthenticationError,
  type TwilioErrorKind,
  TwilioRateLimitError,
} from './errors.js';

/** Twilio error codes a bot can act on, with what each one means. Everything else is `other`. */
const KNOWN_CODES: ReadonlyMap<number, { readonly kind: TwilioErrorKind; readonly reason: string }> = new Map(
  [
    [63016, { kind: 'window-closed', reason: 'outside the 24-hour customer-service window' }],
    [21610, { kind: 'opted-out', reason: 'the recipient unsubscribed from this sender' }],
    [21211, { kind: 'invalid-recipient', reason: "the 'To' number is not a valid phone number" }],
    [21614, { kind: 'invalid-recipient', reason: "the 'To' number is not a valid mobile number" }],
    [63003, { kind: 'invalid-recipient', reason: 'the channel could not find the recipient' }],
    [63024, { kind: 'invalid-recipient', reason: 'the recipient cannot receive WhatsApp messages' }],
    [20429, { kind: 'rate-limited', reason: 'too many requests' }],
    [63018, { kind: 'rate-limited', reason: 'the WhatsApp sender exceeded its messaging limit' }],
    [20003, { kind: 'authentication', reason: 'authentication failed' }],
  ],
);

/**
 * What a Twilio error code stands for, for codes that arrive in status callbacks (`ErrorCode`) as well as
 * in REST answers. `other` for codes a bot cannot act on by itself.
 *
 * @example
 * ```ts
 * if (event.status === 'failed' && classifyTwilioErrorCode(event.errorCode) === 'window-closed') {
 *   await resendAsTemplate(event.messageId);
 * }
 * ```
 */
export function classifyTwilioErrorCode(code: string | number | undefined): TwilioErrorKind {
  if (code === undefined || code === '') return 'other';
  return KNOWN_CODES.get(Number(code))?.kind ?? 'other';
}

/** A short description of a Twilio error code this package knows, for status events without a message. */
export function describeTwilioErrorCode(code: string | number): string | undefined {
  return KNOWN_CODES.get(Number(code))?.reason;
}

/** Twilio's JSON error body: `{ code, message, more_info, status }`. */
export interface TwilioErrorBody {
  readonly code?: number;
  readonly message?: string;
  readonly more_info?: string;
}

/**
 * Turns a non-2xx answer of the Messages API into the typed error a caller can act on. `to` is the
 * recipient of the refused message (redacted in the message).
 */
export function twilioErrorFromResponse(
  status: number,
  body: TwilioErrorBody | undefined,
  to: string,
  retryAfterMs?: number,
): TwilioApiError {
  const twilioCode = typeof body?.code === 'number' ? body.code : undefined;
  const facts = { status, twilioCode, moreInfo: body?.more_info, retryAfterMs };
  if (status === 401) return new TwilioAuthenticationError(facts);
  const known = twilioCode === undefined ? undefined : KNOWN_CODES.get(twilioCode);
  if (status === 429 || known?.kind === 'rate-limited') {
    return new TwilioRateLimitError(facts);
  }
  switch (known?.kind) {
    case 'window-closed':
      return new CustomerServiceWindowClosedError(to, undefined, facts);
    case 'opted-out':
      return new RecipientOptedOutError(to, facts);
    case 'invalid-recipient':
      return new InvalidRecipientError(to, known.reason, facts);
    case 'authentication':
      return new TwilioAuthenticationError(facts);
    default: {
      const what = body?.message ? `: ${body.message}` : '';
      const code = twilioCode === undefined ? '' : ` (Twilio error ${twilioCode})`;
      const hint =
        status >= 500
          ? ' Twilio had a problem; the send may be retried.'
          : ' Fix the request before sending again.';
      return new TwilioApiError(`Twilio answered ${status}${code}${what}.${hint}`, facts);
    }
  }
}
