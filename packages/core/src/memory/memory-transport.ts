import { z } from 'zod';
import { ValidationError } from '../domain/errors.js';
import type {
  DeliveryStatusEvent,
  InboundMessage,
  MessagingTransport,
  OutboundMessage,
  ParsedWebhook,
  SendResult,
  WebhookRequest,
} from '../ports/messaging-transport.js';

/** One message a {@link MemoryTransport} accepted. */
export interface RecordedMessage {
  readonly organizationId: string;
  readonly message: OutboundMessage;
  readonly providerMessageId: string;
}

/** Options of {@link MemoryTransport}. */
export interface MemoryTransportOptions {
  /** The secret webhook requests are signed with (HMAC-SHA256 of url + body). Default `memory-transport`. */
  readonly secret?: string;
  /** The header carrying the signature. Default `x-chatcart-signature`. */
  readonly signatureHeader?: string;
}

const inboundSchema = z.object({
  id: z.string().min(1),
  organizationId: z.string().min(1),
  from: z.string().min(1),
  to: z.string().min(1),
  text: z.string(),
  receivedAt: z.number(),
  profileName: z.string().optional(),
});

const statusSchema = z.object({
  messageId: z.string().min(1),
  organizationId: z.string().min(1),
  to: z.string().min(1),
  status: z.enum(['queued', 'sent', 'delivered', 'read', 'failed', 'undelivered']),
  occurredAt: z.number(),
  errorCode: z.string().optional(),
  errorMessage: z.string().optional(),
});

const webhookSchema = z.object({
  messages: z.array(inboundSchema).default([]),
  statuses: z.array(statusSchema).default([]),
});

/**
 * A transport that keeps what it sends in memory: the default when `createBot` is given none, and the one
 * tests read to see what a customer would have received. Its webhooks are JSON bodies
 * (`{ messages, statuses }`) signed with HMAC-SHA256 over `url + rawBody`; {@link MemoryTransport.signedRequest}
 * builds them. Signing uses the Web Crypto API, so it runs wherever core runs.
 *
 * @example
 * ```ts
 * const transport = new MemoryTransport();
 * const bot = createBot({ transport });
 * // …
 * expect(transport.sentTo('+14155550100').map((m) => m.body)).toEqual(['Your invoice…']);
 * ```
 */
export class MemoryTransport implements MessagingTransport {
  readonly name = 'memory';
  readonly #secret: string;
  readonly #header: string;
  readonly #sent: RecordedMessage[] = [];

  constructor(options: MemoryTransportOptions = {}) {
    this.#secret = options.secret ?? 'memory-transport';
    this.#header = (options.signatureHeader ?? 'x-chatcart-signature').toLowerCase();
  }

  /** Every message accepted so far, oldest first. */
  get sent(): readonly RecordedMessage[] {
    return [...this.#sent];
  }

  /** The text bodies (and media captions) sent to `phone`, oldest first. */
  sentTo(phone: string): string[] {
    return this.#sent
      .filter((entry) => entry.message.to === phone)
      .map(({ message }) =>
        message.kind === 'text'
          ? message.body
          : message.kind === 'media'
            ? (message.caption ?? '')
            : message.templateId,
      );
  }

  /** Forgets what was sent. */
  clear(): void {
    this.#sent.length = 0;
  }

  async send(organizationId: string, message: OutboundMessage): Promise<SendResult> {
    if (!organizationId || !message?.to) {
      throw new ValidationError('Cannot send the message', [
        { path: organizationId ? 'message.to' : 'organizationId', message: 'must be a non-empty string' },
      ]);
    }
    const providerMessageId = `mem_${this.#sent.length + 1}`;
    this.#sent.push({ organizationId, message: structuredClone(message), providerMessageId });
    return { providerMessageId };
  }

  async verify(request: WebhookRequest): Promise<boolean> {
    const given = request.headers[this.#header];
    if (!given) return false;
    const expected = await this.#sign(request.url, request.rawBody);
    return constantTimeEqual(given, expected);
  }

  parse(request: WebhookRequest): ParsedWebhook {
    let json: unknown;
    try {
      json = JSON.parse(request.rawBody);
    } catch {
      throw new ValidationError('The webhook body is not JSON', [
        { path: 'rawBody', message: 'must be JSON' },
      ]);
    }
    const parsed = webhookSchema.safeParse(json);
    if (!parsed.success) {
      throw new ValidationError(
        'The webhook body is not a memory transport payload',
        parsed.error.issues.map((issue) => ({ path: issue.path.join('.'), message: issue.message })),
      );
    }
    return {
      messages: parsed.data.messages as InboundMessage[],
      statuses: parsed.data.statuses as DeliveryStatusEvent[],
    };
  }

  /** A webhook request carrying `payload`, signed as this transport expects. */
  async signedRequest(
    url: string,
    payload: { messages?: readonly InboundMessage[]; statuses?: readonly DeliveryStatusEvent[] },
  ): Promise<WebhookRequest> {
    const rawBody = JSON.stringify({ messages: payload.messages ?? [], statuses: payload.statuses ?? [] });
    return {
      method: 'POST',
      url,
      headers: { 'content-type': 'application/json', [this.#header]: await this.#sign(url, rawBody) },
      query: {},
      rawBody,
    };
  }

  async #sign(url: string, rawBody: string): Promise<string> {
    const encoder = new TextEncoder();
    const key = await globalThis.crypto.subtle.importKey(
      'raw',
      encoder.encode(this.#secret),
      { name: 'HMAC', hash: 'SHA-256' },
      false,
      ['sign'],
    );
    const signature = await globalThis.crypto.subtle.sign('HMAC', key, encoder.encode(url + rawBody));
    return [...new Uint8Array(signature)].map((byte) => byte.toString(16).padStart(2, '0')).join('');
  }
}

/** Compares without stopping at the first difference, so timing does not reveal how much of a guess was right. */
function constantTimeEqual(a: string, b: string): boolean {
  let difference = a.length ^ b.length;
  for (let i = 0; i < b.length; i += 1) difference |= (a.charCodeAt(i) || 0) ^ b.charCodeAt(i);
  return difference === 0;
}
