import { createHash, createHmac } from 'node:crypto';
import type { WebhookRequest } from '@chatcart/core';
import { constantTimeEquals } from './constant-time.js';
import { encodeFormParams, type FormParams, readFormParams, toFormParams } from './form-params.js';
import { signedUrlForms } from './signed-url.js';

/** The header Twilio puts its signature in (lower case, as `WebhookRequest.headers` holds names). */
export const TWILIO_SIGNATURE_HEADER = 'x-twilio-signature';

/** The query parameter Twilio adds to the URL of a JSON webhook: the hex SHA-256 of the body. */
const BODY_HASH_PARAM = 'bodySHA256';

/**
 * Twilio's signature of a request: HMAC-SHA1, keyed with the auth token, over the URL followed by every
 * POST parameter as name then value, names in code-unit order (a repeated name contributes each distinct
 * value, sorted), base64-encoded. JSON webhooks are signed over the URL alone (`params` empty).
 *
 * @example
 * ```ts
 * computeTwilioSignature('12345', 'https://mycompany.com/myapp.php?foo=1&bar=2', { Digits: '1234', To: '+18005551212' });
 * ```
 */
export function computeTwilioSignature(
  authToken: string,
  url: string,
  params: FormParams | Readonly<Record<string, string | readonly string[]>> = new Map(),
): string {
  const map =
    params instanceof Map
      ? params
      : toFormParams(params as Readonly<Record<string, string | readonly string[]>>);
  const hmac = createHmac('sha1', authToken).update(url, 'utf8');
  for (const name of [...map.keys()].sort()) {
    for (const value of [...new Set(map.get(name))].sort()) hmac.update(name + value, 'utf8');
  }
  return hmac.digest('base64');
}

/** Hex SHA-256 of a JSON body, as Twilio puts it in the `bodySHA256` query parameter. */
export function computeBodyHash(rawBody: string): string {
  return createHash('sha256').update(rawBody, 'utf8').digest('hex');
}

/** What {@link verifyTwilioSignature} checks. */
export interface SignatureCheck {
  readonly authToken: string;
  /** The value of the `X-Twilio-Signature` header. */
  readonly signature: string | undefined;
  /** The full public URL Twilio requested, query string included. */
  readonly url: string;
  readonly rawBody: string;
  /** The request's `content-type`; JSON bodies are checked against `bodySHA256` instead of as parameters. */
  readonly contentType?: string;
}

/**
 * True when `signature` is Twilio's signature of the request, in any URL form Twilio may have signed (with
 * or without the default port, legacy query encoding). JSON bodies must also match the `bodySHA256` in
 * the URL. Comparisons take constant time; a malformed input yields `false`, never an exception.
 */
export function verifyTwilioSignature(check: SignatureCheck): boolean {
  try {
    const given = check.signature?.trim();
    if (!given || !check.authToken) return false;
    const url = new URL(check.url);
    const bodyHash = url.searchParams.get(BODY_HASH_PARAM);
    const isJson = /^application\/json\b/i.test(check.contentType ?? '');
    let params: FormParams;
    if (bodyHash !== null) {
      if (!constantTimeEquals(bodyHash.toLowerCase(), computeBodyHash(check.rawBody))) return false;
      params = new Map();
    } else if (isJson) {
      // Twilio always adds bodySHA256 to JSON webhooks; without it the body would be unsigned.
      return false;
    } else {
      params = readFormParams(check.rawBody);
    }
    let valid = false;
    for (const form of signedUrlForms(check.url)) {
      // Every form is checked, so the time taken does not depend on which one matched.
      if (constantTimeEquals(given, computeTwilioSignature(check.authToken, form, params))) valid = true;
    }
    return valid;
  } catch {
    return false;
  }
}

/** What {@link signTwilioRequest} signs: form parameters, or a JSON body. */
export type SignableBody =
  | { readonly form: Readonly<Record<string, string | readonly string[]>> }
  | { readonly json: string };

/**
 * A webhook request signed exactly as Twilio signs it, for tests and demos: a form body with its
 * `X-Twilio-Signature`, or a JSON body with `bodySHA256` added to the URL.
 *
 * @example
 * ```ts
 * const request = signTwilioRequest({
 *   authToken: 'test-token',
 *   url: 'https://shop.example/whatsapp/webhook',
 *   body: { form: { MessageSid: 'SM1', From: 'whatsapp:+4915112345678', To: 'whatsapp:+14155238886', Body: 'hi' } },
 * });
 * expect(await transport.verify(request)).toBe(true);
 * ```
 */
export function signTwilioRequest(input: {
  readonly authToken: string;
  readonly url: string;
  readonly body: SignableBody;
}): WebhookRequest {
  if ('json' in input.body) {
    const url = new URL(input.url);
    url.searchParams.set(BODY_HASH_PARAM, computeBodyHash(input.body.json));
    return webhookRequest(
      url.href,
      input.body.json,
      'application/json',
      computeTwilioSignature(input.authToken, url.href),
    );
  }
  const params = toFormParams(input.body.form);
  const signature = computeTwilioSignature(input.authToken, input.url, params);
  return webhookRequest(input.url, encodeFormParams(params), 'application/x-www-form-urlencoded', signature);
}

function webhookRequest(
  url: string,
  rawBody: string,
  contentType: string,
  signature: string,
): WebhookRequest {
  const query = Object.fromEntries(new URL(url).searchParams);
  return {
    method: 'POST',
    url,
    headers: { 'content-type': contentType, [TWILIO_SIGNATURE_HEADER]: signature },
    query,
    rawBody,
  };
}
