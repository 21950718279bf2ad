import type {
  Clock,
  DeliveryStatus,
  DeliveryStatusEvent,
  InboundLocation,
  InboundMedia,
  InboundMessage,
  ParsedWebhook,
  WebhookRequest,
} from '@chatcart/core';
import { ValidationError } from '@chatcart/core';
import { describeTwilioErrorCode } from './error-codes.js';
import { UnknownShopNumberError } from './errors.js';
import { type FormParams, firstParam, readFormParams } from './form-params.js';
import { fromWhatsAppAddress } from './whatsapp-address.js';

/** What {@link parseTwilioWebhook} needs besides the request. */
export interface WebhookParserContext {
  /** The organization a shop number (E.164) belongs to. */
  organizationForNumber(number: string): string | undefined | Promise<string | undefined>;
  readonly clock: Clock;
}

/** Twilio message statuses and the delivery status each one reports; the others carry no news. */
const STATUS_MAP: ReadonlyMap<string, DeliveryStatus> = new Map([
  ['accepted', 'queued'],
  ['scheduled', 'queued'],
  ['queued', 'queued'],
  ['sending', 'queued'],
  ['sent', 'sent'],
  ['delivered', 'delivered'],
  ['read', 'read'],
  ['failed', 'failed'],
  ['undelivered', 'undelivered'],
]);

/** Twilio sends at most 10 media items per message; more would be a forged or broken request. */
const MAX_MEDIA = 10;

/**
 * Turns a Twilio WhatsApp webhook (an inbound message or a status callback, form-encoded; or a flat JSON
 * object when the webhook is configured for JSON) into chatcart's inbound messages and delivery-status
 * events. Parse only requests that passed signature verification.
 *
 * Status callbacks carry no timestamp of their own, so `occurredAt` is when the callback arrived; they
 * arrive out of order and more than once, so consumers order them by status (the campaign metrics do).
 *
 * @throws {ValidationError} when a field every Twilio WhatsApp webhook carries is missing or malformed.
 * @throws {UnknownShopNumberError} when the shop number belongs to no organization.
 */
export async function parseTwilioWebhook(
  request: WebhookRequest,
  context: WebhookParserContext,
): Promise<ParsedWebhook> {
  const params = readParams(request);
  const messageStatus = firstParam(params, 'MessageStatus');
  if (messageStatus !== undefined && messageStatus !== 'received' && messageStatus !== 'receiving') {
    const status = await parseStatus(params, messageStatus, context);
    return { messages: [], statuses: status ? [status] : [] };
  }
  return { messages: [await parseInbound(params, context)], statuses: [] };
}

async function parseInbound(params: FormParams, context: WebhookParserContext): Promise<InboundMessage> {
  const id = requireParam(params, 'MessageSid', firstParam(params, 'SmsMessageSid'));
  const from = requireAddress(params, 'From');
  const to = requireAddress(params, 'To');
  const organizationId = await organizationOf(to, context);
  const profileName = firstParam(params, 'ProfileName');
  const media = readMedia(params);
  const location = readLocation(params);
  const buttonPayload = firstParam(params, 'ButtonPayload') ?? firstParam(params, 'ListId');
  const referral = readReferral(params);
  return {
    id,
    organizationId,
    from,
    to,
    text: params.get('Body')?.[0] ?? '',
    receivedAt: context.clock.now(),
    ...(profileName === undefined ? {} : { profileName }),
    ...(media.length === 0 ? {} : { media }),
    ...(location === undefined ? {} : { location }),
    ...(buttonPayload === undefined ? {} : { buttonPayload }),
    ...(referral === undefined ? {} : { referral }),
  };
}

async function parseStatus(
  params: FormParams,
  twilioStatus: string,
  context: WebhookParserContext,
): Promise<DeliveryStatusEvent | undefined> {
  const status = STATUS_MAP.get(twilioStatus);
  // canceled, partially_delivered and statuses Twilio adds later say nothing about delivery to one customer.
  if (status === undefined) return undefined;
  const messageId = requireParam(params, 'MessageSid', firstParam(params, 'SmsSid'));
  // In a status callback From is the shop's number and To the customer's.
  const shop = requireAddress(params, 'From');
  const to = requireAddress(params, 'To');
  const errorCode = firstParam(params, 'ErrorCode');
  const errorMessage =
    firstParam(params, 'ErrorMessage') ??
    (errorCode === undefined ? undefined : describeTwilioErrorCode(errorCode));
  return {
    messageId,
    organizationId: await organizationOf(shop, context),
    to,
    status,
    occurredAt: context.clock.now(),
    ...(errorCode === undefined ? {} : { errorCode }),
    ...(errorMessage === undefined ? {} : { errorMessage }),
  };
}

function readParams(request: WebhookRequest): FormParams {
  const contentType = request.headers['content-type'] ?? '';
  if (!/^application\/json\b/i.test(contentType)) return readFormParams(request.rawBody);
  let body: unknown;
  try {
    body = JSON.parse(request.rawBody);
  } catch (cause) {
    throw new ValidationError('The Twilio webhook body is not valid JSON', [], { cause });
  }
  if (body === null || typeof body !== 'object' || Array.isArray(body)) {
    throw new ValidationError('The Twilio webhook body must be a JSON object of parameters');
  }
  const params = new Map<string, string[]>();
  for (const [name, value] of Object.entries(body)) {
    if (typeof value === 'string' || typeof value === 'number' || typeof value === 'boolean') {
      params.set(name, [String(value)]);
    }
  }
  return params;
}

function requireParam(params: FormParams, name: string, fallback?: string): string {
  const value = firstParam(params, name) ?? fallback;
  if (value === undefined) {
    throw new ValidationError('The Twilio webhook lacks a required field', [
      { path: name, message: 'is required' },
    ]);
  }
  return value;
}

function requireAddress(params: FormParams, name: string): string {
  const phone = fromWhatsAppAddress(firstParam(params, name));
  if (phone === undefined) {
    throw new ValidationError('The Twilio webhook is not a WhatsApp message', [
      { path: name, message: 'must be a WhatsApp address like whatsapp:+14155550100' },
    ]);
  }
  return phone;
}

async function organizationOf(number: string, context: WebhookParserContext): Promise<string> {
  const organizationId = await context.organizationForNumber(number);
  if (organizationId === undefined) throw new UnknownShopNumberError(number);
  return organizationId;
}

function readMedia(params: FormParams): InboundMedia[] {
  const count = Number(firstParam(params, 'NumMedia') ?? '0');
  const media: InboundMedia[] = [];
  if (!Number.isSafeInteger(count) || count <= 0) return media;
  for (let index = 0; index < Math.min(count, MAX_MEDIA); index++) {
    const url = firstParam(params, `MediaUrl${index}`);
    if (url === undefined) continue;
    media.push({
      url,
      contentType: firstParam(params, `MediaContentType${index}`) ?? 'application/octet-stream',
    });
  }
  return media;
}

function readLocation(params: FormParams): InboundLocation | undefined {
  const latitude = Number(firstParam(params, 'Latitude'));
  const longitude = Number(firstParam(params, 'Longitude'));
  const valid =
    Number.isFinite(latitude) &&
    Math.abs(latitude) <= 90 &&
    Number.isFinite(longitude) &&
    Math.abs(longitude) <= 180;
  // An absent field reads as NaN, so `valid` also covers messages without a location.
  if (!valid) return undefined;
  const label = firstParam(params, 'Label');
  const address = firstParam(params, 'Address');
  return {
    latitude,
    longitude,
    ...(label === undefined ? {} : { label }),
    ...(address === undefined ? {} : { address }),
  };
}

/** `ReferralSourceUrl` → `sourceUrl`, `ReferralCtwaClid` → `ctwaClid`: the Referral* fields Twilio sent. */
function readReferral(params: FormParams): Record<string, string> | undefined {
  const fields: [string, string][] = [];
  for (const name of params.keys()) {
    if (!name.startsWith('Referral') || name.length === 'Referral'.length) continue;
    const value = firstParam(params, name);
    // Twilio sends ReferralNumMedia=0 with every message; on its own it is no referral.
    if (value === undefined || (name === 'ReferralNumMedia' && value === '0')) continue;
    const rest = name.slice('Referral'.length);
    fields.push([rest.charAt(0).toLowerCase() + rest.slice(1), value]);
  }
  // fromEntries defines own properties, so no field name can reach the object's prototype.
  return fields.length === 0 ? undefined : Object.fromEntries(fields);
}
