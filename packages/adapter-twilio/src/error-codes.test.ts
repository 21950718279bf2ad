import { describe, expect, it } from 'vitest';
import { classifyTwilioErrorCode, describeTwilioErrorCode, twilioErrorFromResponse } from './error-codes.js';
import {
  CustomerServiceWindowClosedError,
  InvalidRecipientError,
  RecipientOptedOutError,
  TwilioApiError,
  TwilioAuthenticationError,
  TwilioRateLimitError,
} from './errors.js';

const TO = '+4915112345678';
const body = (code: number, message = 'refused') => ({
  code,
  message,
  more_info: `https://www.twilio.com/docs/errors/${code}`,
});

describe('twilioErrorFromResponse', () => {
  it.each([
    [400, 63016, CustomerServiceWindowClosedError, 'WHATSAPP_WINDOW_CLOSED'],
    [400, 21610, RecipientOptedOutError, 'RECIPIENT_OPTED_OUT'],
    [400, 21211, InvalidRecipientError, 'INVALID_RECIPIENT'],
    [400, 21614, InvalidRecipientError, 'INVALID_RECIPIENT'],
    [400, 63003, InvalidRecipientError, 'INVALID_RECIPIENT'],
    [429, 20429, TwilioRateLimitError, 'PROVIDER_RATE_LIMITED'],
    [400, 63018, TwilioRateLimitError, 'PROVIDER_RATE_LIMITED'],
    [401, 20003, TwilioAuthenticationError, 'PROVIDER_AUTH_FAILED'],
  ])('maps HTTP %i with Twilio error %i to %O', (status, code, type, errorCode) => {
    const error = twilioErrorFromResponse(status, body(code), TO);
    expect(error).toBeInstanceOf(type);
    expect(error).toMatchObject({ code: errorCode, status, twilioCode: code, notSent: true });
    expect(error.moreInfo).toBe(`https://www.twilio.com/docs/errors/${code}`);
  });

  it('marks only 429 and 5xx answers as retryable', () => {
    expect(twilioErrorFromResponse(429, body(20429), TO, 1_000)).toMatchObject({
      retryable: true,
      retryAfterMs: 1_000,
    });
    expect(twilioErrorFromResponse(503, undefined, TO).retryable).toBe(true);
    // WhatsApp's messaging-limit tier does not lift within a retry.
    expect(twilioErrorFromResponse(400, body(63018), TO).retryable).toBe(false);
    expect(twilioErrorFromResponse(400, body(21610), TO).retryable).toBe(false);
  });

  it("keeps Twilio's message for codes it does not know, and never the full number", () => {
    const error = twilioErrorFromResponse(400, body(21656, 'The ContentVariables Parameter is invalid'), TO);
    expect(error.constructor).toBe(TwilioApiError);
    expect(error.message).toContain('The ContentVariables Parameter is invalid');
    expect(error.message).toContain('21656');
    const optedOut = twilioErrorFromResponse(400, body(21610), TO);
    expect(optedOut.message).not.toContain(TO);
  });

  it('treats a 401 as an authentication failure whatever the body says', () => {
    expect(twilioErrorFromResponse(401, undefined, TO)).toBeInstanceOf(TwilioAuthenticationError);
  });
});

describe('classifyTwilioErrorCode', () => {
  it('classifies the codes of status callbacks', () => {
    expect(classifyTwilioErrorCode('63016')).toBe('window-closed');
    expect(classifyTwilioErrorCode(21610)).toBe('opted-out');
    expect(classifyTwilioErrorCode('63024')).toBe('invalid-recipient');
    expect(classifyTwilioErrorCode('30008')).toBe('other');
    expect(classifyTwilioErrorCode(undefined)).toBe('other');
    expect(describeTwilioErrorCode('63018')).toMatch(/messaging limit/);
  });
});
