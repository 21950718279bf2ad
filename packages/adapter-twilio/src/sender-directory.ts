import { ValidationError, type ValidationIssue } from '@chatcart/core';
import { isE164 } from './whatsapp-address.js';

/** How messages of one organization leave Twilio. */
export interface TwilioSender {
  readonly organizationId: string;
  /** The shop's WhatsApp number in E.164; inbound messages to it belong to `organizationId`. */
  readonly number: string;
  /**
   * A Messaging Service (`MG…`) to send through instead of the number itself; Twilio then picks the
   * sender from the service's pool and applies its features (scheduling, sticky sender).
   */
  readonly messagingServiceSid?: string;
}

/** Where a message is sent from: a WhatsApp number, or a Messaging Service. */
export type SenderRoute =
  | { readonly from: string; readonly messagingServiceSid?: undefined }
  | { readonly messagingServiceSid: string; readonly from?: undefined };

/**
 * Maps shop numbers to organizations and back, so one bot serves several shops' numbers. Implement it to
 * look numbers up in your own database; {@link StaticSenderDirectory} serves a fixed list.
 */
export interface SenderDirectory {
  /** The organization a shop number (E.164) belongs to, or `undefined` when none does. */
  organizationForNumber(number: string): string | undefined | Promise<string | undefined>;
  /** How to send for an organization, or `undefined` when it has no WhatsApp sender. */
  senderFor(organizationId: string): SenderRoute | undefined | Promise<SenderRoute | undefined>;
}

const MESSAGING_SERVICE_SID = /^MG[0-9a-fA-F]{32}$/;

/**
 * A {@link SenderDirectory} over a fixed list of senders, checked when it is built: numbers in E.164,
 * each number and each organization listed once.
 *
 * @example
 * ```ts
 * new StaticSenderDirectory([
 *   { organizationId: 'org_berlin', number: '+493012345678' },
 *   { organizationId: 'org_munich', number: '+498912345678', messagingServiceSid: 'MG…' },
 * ]);
 * ```
 * @throws {ValidationError} naming every malformed or repeated entry.
 */
export class StaticSenderDirectory implements SenderDirectory {
  readonly #byNumber = new Map<string, string>();
  readonly #byOrganization = new Map<string, SenderRoute>();

  constructor(senders: readonly TwilioSender[]) {
    const issues: ValidationIssue[] = [];
    if (senders.length === 0) issues.push({ path: 'senders', message: 'must list at least one sender' });
    senders.forEach((sender, index) => {
      const path = `senders.${index}`;
      if (typeof sender.organizationId !== 'string' || sender.organizationId.trim() === '') {
        issues.push({ path: `${path}.organizationId`, message: 'must be a non-empty string' });
      } else if (this.#byOrganization.has(sender.organizationId)) {
        issues.push({ path: `${path}.organizationId`, message: `${sender.organizationId} is listed twice` });
      }
      if (!isE164(sender.number)) {
        issues.push({
          path: `${path}.number`,
          message: `must be E.164 like +14155550100, got "${sender.number}"`,
        });
      } else if (this.#byNumber.has(sender.number)) {
        issues.push({ path: `${path}.number`, message: `${sender.number} is listed twice` });
      }
      const service = sender.messagingServiceSid;
      if (service !== undefined && !MESSAGING_SERVICE_SID.test(service)) {
        issues.push({
          path: `${path}.messagingServiceSid`,
          message: 'must be a Messaging Service SID (MG + 32 hex digits)',
        });
      }
      this.#byNumber.set(sender.number, sender.organizationId);
      this.#byOrganization.set(
        sender.organizationId,
        service === undefined ? { from: sender.number } : { messagingServiceSid: service },
      );
    });
    if (issues.length > 0) throw new ValidationError('The Twilio senders are invalid', issues);
  }

  organizationForNumber(number: string): string | undefined {
    return this.#byNumber.get(number);
  }

  senderFor(organizationId: string): SenderRoute | undefined {
    return this.#byOrganization.get(organizationId);
  }
}
