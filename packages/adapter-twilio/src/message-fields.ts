import { type OutboundMessage, ValidationError } from '@chatcart/core';
import type { FormParams } from './form-params.js';
import { isHttpUrl } from './http-url.js';
import type { SenderRoute } from './sender-directory.js';
import { toWhatsAppAddress } from './whatsapp-address.js';

const CONTENT_SID = /^HX[0-9a-fA-F]{32}$/;

/**
 * The form fields of Twilio's Create Message request for one outbound message: `To`, `From` or
 * `MessagingServiceSid`, then `Body` and `MediaUrl`, or `ContentSid` and `ContentVariables` for a
 * template, and `StatusCallback` when one is configured.
 *
 * @throws {ValidationError} naming the field when the message cannot be sent as it is.
 */
export function messageFields(
  message: OutboundMessage,
  sender: SenderRoute,
  statusCallbackUrl: string | undefined,
): FormParams {
  const fields = new Map<string, readonly string[]>([['To', [toWhatsAppAddress(message.to)]]]);
  if (sender.messagingServiceSid !== undefined)
    fields.set('MessagingServiceSid', [sender.messagingServiceSid]);
  else fields.set('From', [toWhatsAppAddress(sender.from)]);
  switch (message.kind) {
    case 'text':
      if (message.body.trim() === '') invalid('body', 'must not be empty');
      fields.set('Body', [message.body]);
      break;
    case 'media':
      if (!isHttpUrl(message.mediaUrl)) invalid('mediaUrl', 'must be a public http(s) URL Twilio can fetch');
      fields.set('MediaUrl', [message.mediaUrl]);
      if (message.caption !== undefined && message.caption !== '') fields.set('Body', [message.caption]);
      break;
    case 'template':
      if (!CONTENT_SID.test(message.templateId)) {
        invalid('templateId', 'must be a Twilio Content SID (HX + 32 hex digits) of an approved template');
      }
      fields.set('ContentSid', [message.templateId]);
      if (Object.keys(message.variables).length > 0) {
        fields.set('ContentVariables', [JSON.stringify(message.variables)]);
      }
      break;
  }
  if (statusCallbackUrl !== undefined) fields.set('StatusCallback', [statusCallbackUrl]);
  return fields;
}

function invalid(path: string, message: string): never {
  throw new ValidationError('The WhatsApp message cannot be sent', [{ path, message }]);
}
