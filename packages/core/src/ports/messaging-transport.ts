/** A webhook request as the transport sees it: the raw body is kept because signatures cover its bytes. */
export interface WebhookRequest {
  readonly method: string;
  /** The full public URL the provider called (behind a proxy, the configured public URL, not the local one). */
  readonly url: string;
  /** Header names in lower case. */
  readonly headers: Readonly<Record<string, string | undefined>>;
  readonly query: Readonly<Record<string, string | undefined>>;
  readonly rawBody: string;
}

/** Media attached to an inbound message. */
export interface InboundMedia {
  readonly url: string;
  readonly contentType: string;
}

/** A shared location. */
export interface InboundLocation {
  readonly latitude: number;
  readonly longitude: number;
  readonly label?: string;
  readonly address?: string;
}

/** One message a customer sent, normalised across providers. */
export interface InboundMessage {
  /** The provider's message id; providers resend webhooks, so this is the de-duplication key. */
  readonly id: string;
  /** The organization (shop) the message was sent to, resolved from the number it was sent to. */
  readonly organizationId: string;
  /** The customer's phone number in E.164 (`+14155550100`). */
  readonly from: string;
  /** The shop's number in E.164. */
  readonly to: string;
  /** The text of the message; empty for media-only messages. */
  readonly text: string;
  /** When the message was received, in epoch milliseconds. */
  readonly receivedAt: number;
  /** The customer's WhatsApp profile name, when the provider sends it. */
  readonly profileName?: string;
  readonly media?: readonly InboundMedia[];
  readonly location?: InboundLocation;
  /** The payload of a tapped button or quick reply. */
  readonly buttonPayload?: string;
  /** Click-to-WhatsApp ad referral fields, when present. */
  readonly referral?: Readonly<Record<string, string>>;
}

/** Where an outbound message is on its way to the customer. */
export type DeliveryStatus = 'queued' | 'sent' | 'delivered' | 'read' | 'failed' | 'undelivered';

/** A provider's report on an outbound message. They arrive out of order and more than once. */
export interface DeliveryStatusEvent {
  /** The provider message id returned by `send`. */
  readonly messageId: string;
  readonly organizationId: string;
  /** The customer's number in E.164. */
  readonly to: string;
  readonly status: DeliveryStatus;
  readonly occurredAt: number;
  readonly errorCode?: string;
  readonly errorMessage?: string;
}

/** What one webhook request carried. */
export interface ParsedWebhook {
  readonly messages: readonly InboundMessage[];
  readonly statuses: readonly DeliveryStatusEvent[];
}

/** A message to send. Free-form text and media need an open 24-hour window; templates do not. */
export type OutboundMessage =
  | { readonly kind: 'text'; readonly to: string; readonly body: string }
  | { readonly kind: 'media'; readonly to: string; readonly mediaUrl: string; readonly caption?: string }
  | {
      readonly kind: 'template';
      readonly to: string;
      /** The provider's template id (Twilio: a Content SID). */
      readonly templateId: string;
      readonly variables: Readonly<Record<string, string>>;
    };

/** What the provider answered to a send. */
export interface SendResult {
  /** The provider's id for the message; delivery-status events refer to it. */
  readonly providerMessageId: string;
}

/** The answer to a provider's webhook subscription check (GET on the webhook URL). */
export interface SubscriptionAnswer {
  readonly status: number;
  readonly body: string;
}

/**
 * The messaging provider: checks and parses its webhooks, and sends messages. The Twilio adapter
 * implements it; core ships a console transport for development and an in-memory one for tests.
 */
export interface MessagingTransport {
  /** A short name for logs and health checks, for example `twilio`. */
  readonly name: string;
  /** True when the request really comes from the provider (its signature checks out). */
  verify(request: WebhookRequest): boolean | Promise<boolean>;
  /** Turns a verified webhook into inbound messages and delivery-status events. */
  parse(request: WebhookRequest): ParsedWebhook | Promise<ParsedWebhook>;
  /** Sends one message on behalf of an organization. */
  send(organizationId: string, message: OutboundMessage): Promise<SendResult>;
  /** Answers the provider's GET verification of the webhook URL, where the provider has one. */
  answerSubscription?(request: WebhookRequest): SubscriptionAnswer;
}
