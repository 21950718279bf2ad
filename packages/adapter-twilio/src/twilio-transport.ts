import {
  CircuitBreaker,
  type Clock,
  type Logger,
  type MessagingTransport,
  NotFoundError,
  type OutboundMessage,
  type ParsedWebhook,
  type SendResult,
  type SubscriptionAnswer,
  systemClock,
  ValidationError,
  type WebhookRequest,
} from '@chatcart/core';
import { CUSTOMER_SERVICE_WINDOW_MS, CustomerServiceWindow } from './customer-service-window.js';
import {
  CustomerServiceWindowClosedError,
  InvalidRecipientError,
  TwilioApiError,
  TwilioUnreachableError,
} from './errors.js';
import { MemoryCustomerServiceWindowStore } from './memory-window-store.js';
import { messageFields } from './message-fields.js';
import { type ResolvedRetryOptions, resolveRetryOptions, withSendRetries } from './send-retry.js';
import { type SenderDirectory, StaticSenderDirectory } from './sender-directory.js';
import { TWILIO_SIGNATURE_HEADER, verifyTwilioSignature } from './signature.js';
import { type PublicUrl, publicUrlOf } from './signed-url.js';
import { answerVerifyTokenCheck } from './subscription.js';
import { TwilioRestClient } from './twilio-rest-client.js';
import { optionIssues, type TwilioTransportOptions, type WindowOptions } from './twilio-transport-options.js';
import { parseTwilioWebhook } from './webhook-parser.js';
import { isE164 } from './whatsapp-address.js';

/**
 * For the circuit breaker: true when an error says Twilio itself is in trouble (a 5xx, no answer, a
 * timeout). A 4xx, a 429 or a refusal made before calling Twilio says nothing about its health, and must
 * not open the breaker for every other customer's messages.
 */
export function isTwilioOutage(error: unknown): boolean {
  if (error instanceof TwilioUnreachableError) return true;
  if (error instanceof TwilioApiError) return error.status !== undefined && error.status >= 500;
  return true;
}

/**
 * chatcart's `MessagingTransport` for WhatsApp over Twilio: checks `X-Twilio-Signature`, parses inbound
 * messages and status callbacks, tracks each customer's 24-hour window, and sends text, media and
 * Content API templates through the Messages API over a keep-alive pool, behind a circuit breaker, with
 * retries only where a retry cannot send a message twice.
 *
 * @example
 * ```ts
 * const transport = new TwilioTransport({
 *   accountSid: process.env.TWILIO_ACCOUNT_SID!,
 *   authToken: process.env.TWILIO_AUTH_TOKEN!,
 *   senders: [{ organizationId: 'org_1', number: '+14155238886' }],
 *   publicUrl: 'https://shop.example',
 *   statusCallbackUrl: 'https://shop.example/whatsapp/webhook',
 * });
 * if (!(await transport.verify(request))) return { status: 403 };
 * const { messages, statuses } = await transport.parse(request);
 * await transport.send('org_1', { kind: 'text', to: messages[0].from, body: 'Thanks, got it!' });
 * ```
 */
export class TwilioTransport implements MessagingTransport {
  readonly name = 'twilio';
  /** The breaker around API calls; subscribe to its `open` event to alert on Twilio outages. */
  readonly breaker: CircuitBreaker;
  /** The 24-hour customer-service window, fed by every parsed inbound message. */
  readonly window: CustomerServiceWindow;
  readonly #authToken: string;
  readonly #directory: SenderDirectory;
  readonly #publicUrl: PublicUrl | undefined;
  readonly #statusCallbackUrl: string | undefined;
  readonly #verifyToken: string | undefined;
  readonly #windowOptions: WindowOptions;
  readonly #client: TwilioRestClient;
  readonly #retry: ResolvedRetryOptions;
  readonly #clock: Clock;
  readonly #logger: Logger | undefined;

  /** @throws {ValidationError} naming every option that is missing or malformed. */
  constructor(options: TwilioTransportOptions) {
    const issues = optionIssues(options);
    if (issues.length > 0) throw new ValidationError('The Twilio transport options are invalid', issues);
    this.#authToken = options.authToken;
    this.#directory = options.directory ?? new StaticSenderDirectory(options.senders ?? []);
    this.#publicUrl = options.publicUrl;
    this.#statusCallbackUrl = options.statusCallbackUrl;
    this.#verifyToken = options.verifyToken;
    this.#windowOptions = options.window ?? {};
    this.#clock = options.clock ?? systemClock;
    this.#logger = options.logger?.child({ transport: 'twilio' });
    this.#retry = resolveRetryOptions(options.retry);
    const windowMs = this.#windowOptions.windowMs ?? CUSTOMER_SERVICE_WINDOW_MS;
    this.window = new CustomerServiceWindow({
      store:
        this.#windowOptions.store ??
        new MemoryCustomerServiceWindowStore({ clock: this.#clock, retainMs: 2 * windowMs }),
      clock: this.#clock,
      windowMs,
    });
    this.breaker =
      options.breaker instanceof CircuitBreaker
        ? options.breaker
        : new CircuitBreaker({
            name: 'twilio',
            clock: this.#clock,
            isFailure: isTwilioOutage,
            ...options.breaker,
          });
    this.#client = new TwilioRestClient({
      accountSid: options.accountSid,
      username: options.apiKey?.sid ?? options.accountSid,
      password: options.apiKey?.secret ?? options.authToken,
      ...options.http,
    });
  }

  /** True when `X-Twilio-Signature` is Twilio's signature of the request at its public URL. Never throws. */
  verify(request: WebhookRequest): boolean {
    let url: string;
    try {
      url = publicUrlOf(request, this.#publicUrl);
    } catch {
      return false;
    }
    return verifyTwilioSignature({
      authToken: this.#authToken,
      signature: request.headers[TWILIO_SIGNATURE_HEADER],
      url,
      rawBody: request.rawBody,
      contentType: request.headers['content-type'],
    });
  }

  /**
   * The inbound messages and delivery-status events of a verified webhook. Every inbound message opens
   * (or extends) its customer's 24-hour window.
   *
   * @throws {ValidationError | UnknownShopNumberError} see {@link parseTwilioWebhook}.
   */
  async parse(request: WebhookRequest): Promise<ParsedWebhook> {
    const parsed = await parseTwilioWebhook(request, {
      organizationForNumber: (number) => this.#directory.organizationForNumber(number),
      clock: this.#clock,
    });
    for (const message of parsed.messages) {
      await this.window.recordInbound(message.organizationId, message.from, message.receivedAt);
    }
    return parsed;
  }

  /**
   * Sends one message for an organization and answers with Twilio's message SID. A free-form message
   * outside the customer's 24-hour window is refused before calling Twilio (or sent as the configured
   * fallback template).
   *
   * @throws {CustomerServiceWindowClosedError | RecipientOptedOutError | InvalidRecipientError |
   * TwilioRateLimitError | TwilioAuthenticationError | TwilioUnreachableError | TwilioApiError} from Twilio;
   * `CircuitOpenError` or `CallTimeoutError` from the breaker; `ValidationError` for a malformed message.
   */
  async send(organizationId: string, message: OutboundMessage): Promise<SendResult> {
    if (!isE164(message.to)) {
      throw new InvalidRecipientError(message.to, 'the number is not in E.164 form');
    }
    const sender = await this.#directory.senderFor(organizationId);
    if (sender === undefined) throw new NotFoundError('WhatsApp sender of organization', organizationId);
    const outgoing = await this.#withinWindow(organizationId, message);
    const fields = messageFields(outgoing, sender, this.#statusCallbackUrl);
    const created = await withSendRetries(
      () => this.breaker.executeWithSignal((signal) => this.#client.createMessage(fields, signal)),
      this.#retry,
      this.#logger,
    );
    return { providerMessageId: created.sid };
  }

  /** Answers the GET check of the webhook URL against `verifyToken`; see {@link answerVerifyTokenCheck}. */
  answerSubscription(request: WebhookRequest): SubscriptionAnswer {
    return answerVerifyTokenCheck(request, this.#verifyToken);
  }

  /** Closes the connection pool once sends in flight have finished. Call it on shutdown. */
  close(): Promise<void> {
    return this.#client.close();
  }

  async #withinWindow(organizationId: string, message: OutboundMessage): Promise<OutboundMessage> {
    if (message.kind === 'template' || this.#windowOptions.enforce === false) return message;
    const state = await this.window.state(organizationId, message.to);
    if (state.open) return message;
    const fallback = this.#windowOptions.fallbackTemplate;
    if (fallback === undefined) throw new CustomerServiceWindowClosedError(message.to, state.lastInboundAt);
    return {
      kind: 'template',
      to: message.to,
      templateId: fallback.templateId,
      variables: fallback.variables?.(message) ?? {},
    };
  }
}
