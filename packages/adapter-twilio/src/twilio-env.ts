import { ValidationError, type ValidationIssue } from '@chatcart/core';
import type { TwilioTransportOptions } from './twilio-transport-options.js';

/** Environment variables as `process.env` holds them. */
export type Environment = Readonly<Record<string, string | undefined>>;

/**
 * Transport options from the environment, for a bot that serves one shop number:
 *
 * | variable | option |
 * |---|---|
 * | `TWILIO_ACCOUNT_SID` (or `TWILIO_SID`) | `accountSid` |
 * | `TWILIO_AUTH_TOKEN` | `authToken` |
 * | `TWILIO_API_KEY_SID` + `TWILIO_API_KEY_SECRET` | `apiKey` (optional) |
 * | `TWILIO_WHATSAPP_NUMBER` (`+14155238886` or `whatsapp:+14155238886`) | `senders[0].number` |
 * | `TWILIO_MESSAGING_SERVICE_SID` | `senders[0].messagingServiceSid` (optional) |
 * | `PUBLIC_URL` | `publicUrl` (optional) |
 * | `TWILIO_STATUS_CALLBACK_URL` | `statusCallbackUrl` (optional) |
 * | `WHATSAPP_VERIFY_TOKEN` | `verifyToken` (optional) |
 *
 * @example
 * ```ts
 * const transport = new TwilioTransport({ ...twilioOptionsFromEnv(process.env, { organizationId: 'org_1' }), logger });
 * ```
 * @throws {ValidationError} naming every required variable that is missing.
 */
export function twilioOptionsFromEnv(
  env: Environment,
  options: { readonly organizationId: string },
): TwilioTransportOptions {
  const read = (name: string): string | undefined => {
    const value = env[name]?.trim();
    return value === undefined || value === '' ? undefined : value;
  };
  const issues: ValidationIssue[] = [];
  const required = (name: string, value: string | undefined): string => {
    if (value === undefined) issues.push({ path: name, message: 'is not set' });
    return value ?? '';
  };
  const accountSid = required('TWILIO_ACCOUNT_SID', read('TWILIO_ACCOUNT_SID') ?? read('TWILIO_SID'));
  const authToken = required('TWILIO_AUTH_TOKEN', read('TWILIO_AUTH_TOKEN'));
  const number = required(
    'TWILIO_WHATSAPP_NUMBER',
    read('TWILIO_WHATSAPP_NUMBER')?.replace(/^whatsapp:/, ''),
  );
  const keySid = read('TWILIO_API_KEY_SID');
  const keySecret = read('TWILIO_API_KEY_SECRET');
  if ((keySid === undefined) !== (keySecret === undefined)) {
    issues.push({
      path: 'TWILIO_API_KEY_SECRET',
      message: 'set both TWILIO_API_KEY_SID and TWILIO_API_KEY_SECRET, or neither',
    });
  }
  if (issues.length > 0) throw new ValidationError('The Twilio environment variables are incomplete', issues);
  const messagingServiceSid = read('TWILIO_MESSAGING_SERVICE_SID');
  const publicUrl = read('PUBLIC_URL');
  const statusCallbackUrl = read('TWILIO_STATUS_CALLBACK_URL');
  const verifyToken = read('WHATSAPP_VERIFY_TOKEN');
  return {
    accountSid,
    authToken,
    senders: [
      {
        organizationId: options.organizationId,
        number,
        ...(messagingServiceSid === undefined ? {} : { messagingServiceSid }),
      },
    ],
    ...(keySid === undefined || keySecret === undefined
      ? {}
      : { apiKey: { sid: keySid, secret: keySecret } }),
    ...(publicUrl === undefined ? {} : { publicUrl }),
    ...(statusCallbackUrl === undefined ? {} : { statusCallbackUrl }),
    ...(verifyToken === undefined ? {} : { verifyToken }),
  };
}
