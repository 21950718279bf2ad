import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type {
  InboundMessage,
  MessagingTransport,
  OutboundMessage,
  WebhookRequest,
} from '../../ports/messaging-transport.js';

/** What the transport contract needs: the transport, and requests signed as its provider signs them. */
export interface TransportHarness {
  readonly transport: MessagingTransport;
  /** A webhook request signed exactly as the provider signs it, carrying `expectedMessages`. */
  signedRequest(): WebhookRequest | Promise<WebhookRequest>;
  /**
   * Requests that must fail verification, beyond the ones the contract makes itself (body extended after
   * signing, no headers at all): for example a wrong signature, or one signed with another secret.
   */
  tamperedRequests(): readonly WebhookRequest[] | Promise<readonly WebhookRequest[]>;
  /** What `parse` must find in `signedRequest()`, in order (compared with `toMatchObject`). */
  readonly expectedMessages: readonly Partial<InboundMessage>[];
  /** Who the send tests write to; point the adapter at a mock provider in its tests. */
  readonly recipient: { readonly organizationId: string; readonly to: string };
  /** More messages `send` must accept (media, templates), beyond the text the contract sends. */
  readonly extraOutbound?: readonly OutboundMessage[];
  /** Frees what the harness created; runs after every test. */
  cleanup?(): void | Promise<void>;
}

/**
 * Registers the behavioural tests every `MessagingTransport` must pass: it accepts only requests its
 * provider signed, finds the messages in them, and answers every send with the provider's message id.
 * Modest on purpose: provider-specific parsing (statuses, media, referrals) belongs in the adapter's tests.
 *
 * @example
 * ```ts
 * describeTransportContract('TwilioTransport', () => ({
 *   transport, recipient: { organizationId: 'org_1', to: '+15551234567' },
 *   signedRequest: () => signedTwilioRequest(authToken, form), tamperedRequests: () => [signedTwilioRequest('wrong', form)],
 *   expectedMessages: [{ id: form.MessageSid, text: form.Body }],
 * }));
 * ```
 */
export function describeTransportContract(
  name: string,
  createHarness: () => TransportHarness | Promise<TransportHarness>,
): void {
  describe(`${name} (MessagingTransport contract)`, () => {
    let harness: TransportHarness;

    beforeEach(async () => {
      harness = await createHarness();
    });

    afterEach(async () => {
      await harness.cleanup?.();
    });

    it('has a name for logs and health checks', () => {
      expect(harness.transport.name).toMatch(/\S/);
    });

    it('accepts a request its provider signed', async () => {
      expect(await harness.transport.verify(await harness.signedRequest())).toBe(true);
    });

    it('refuses a signed request whose body was extended after signing', async () => {
      const signed = await harness.signedRequest();
      const tampered = { ...signed, rawBody: `${signed.rawBody}&tampered=1` };
      expect(await harness.transport.verify(tampered)).toBe(false);
    });

    it('refuses a request with no headers at all, without throwing', async () => {
      const signed = await harness.signedRequest();
      expect(await harness.transport.verify({ ...signed, headers: {} })).toBe(false);
    });

    it('refuses every tampered request the harness provides', async () => {
      const tampered = await harness.tamperedRequests();
      expect(tampered.length).toBeGreaterThan(0);
      for (const request of tampered) expect(await harness.transport.verify(request)).toBe(false);
    });

    it('finds the messages a signed request carries', async () => {
      const parsed = await harness.transport.parse(await harness.signedRequest());
      expect(parsed.messages).toHaveLength(harness.expectedMessages.length);
      harness.expectedMessages.forEach((expected, index) => {
        expect(parsed.messages[index]).toMatchObject(expected);
      });
      for (const message of parsed.messages) {
        expect(message.id).toMatch(/\S/);
        expect(message.organizationId).toMatch(/\S/);
      }
      expect(Array.isArray(parsed.statuses)).toBe(true);
    });

    it('answers every send with a non-empty provider message id of its own', async () => {
      const { organizationId, to } = harness.recipient;
      const outbound: OutboundMessage[] = [
        { kind: 'text', to, body: 'Your order ord_1 is confirmed ✓' },
        { kind: 'text', to, body: 'Second message' },
        ...(harness.extraOutbound ?? []),
      ];
      const ids: string[] = [];
      for (const message of outbound) {
        const result = await harness.transport.send(organizationId, message);
        expect(typeof result.providerMessageId).toBe('string');
        expect(result.providerMessageId.trim()).not.toBe('');
        ids.push(result.providerMessageId);
      }
      expect(new Set(ids).size).toBe(ids.length);
    });
  });
}
