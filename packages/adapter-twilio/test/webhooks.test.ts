import {
  Campaign,
  type CampaignMessageStatus,
  type DeliveryStatus,
  type WebhookRequest,
} from '@chatcart/core';
import twilio from 'twilio';
import { afterEach, describe, expect, it } from 'vitest';
import { signTwilioRequest } from '../src/signature.js';
import { TwilioTransport } from '../src/twilio-transport.js';
import {
  AUTH_TOKEN,
  CUSTOMER,
  inboundForm,
  SHOP_NUMBER,
  statusForm,
  WEBHOOK_URL,
} from './support/fixtures.js';
import { setUpTransport, type TransportSetup } from './support/transport-setup.js';

let setup: TransportSetup;
afterEach(async () => {
  await setup?.close();
});

const encode = (form: Record<string, string>) => new URLSearchParams(form).toString();

/** The request as the app sees it behind a TLS-terminating proxy: local scheme, host and port. */
function behindProxy(signedFor: string, localUrl: string, form = inboundForm()): WebhookRequest {
  return {
    method: 'POST',
    url: localUrl,
    headers: {
      'content-type': 'application/x-www-form-urlencoded',
      'x-twilio-signature': twilio.getExpectedTwilioSignature(AUTH_TOKEN, signedFor, form),
    },
    query: {},
    rawBody: encode(form),
  };
}

describe('TwilioTransport.verify', () => {
  it('checks the signature against the configured public URL, not the local one', async () => {
    setup = await setUpTransport({ publicUrl: 'https://shop.example' });
    const request = behindProxy(WEBHOOK_URL, 'http://10.0.0.7:3000/whatsapp/webhook');
    expect(setup.transport.verify(request)).toBe(true);
    await setup.close();

    setup = await setUpTransport();
    expect(setup.transport.verify(request)).toBe(false);
  });

  it('accepts what Twilio signed with the default port written out', async () => {
    setup = await setUpTransport({ publicUrl: 'https://shop.example' });
    expect(
      setup.transport.verify(
        behindProxy('https://shop.example:443/whatsapp/webhook', 'http://127.0.0.1:3000/whatsapp/webhook'),
      ),
    ).toBe(true);
  });

  it('refuses, without throwing, a request whose public URL cannot be worked out', async () => {
    setup = await setUpTransport({
      publicUrl: () => {
        throw new Error('no host header');
      },
    });
    expect(setup.transport.verify(behindProxy(WEBHOOK_URL, '/whatsapp/webhook'))).toBe(false);
  });

  it('leaves nothing behind for a request it refuses', async () => {
    setup = await setUpTransport();
    const forged = { ...behindProxy(WEBHOOK_URL, WEBHOOK_URL), headers: { 'x-twilio-signature': 'forged' } };
    expect(setup.transport.verify(forged)).toBe(false);
    expect((await setup.transport.window.state('org_sf', CUSTOMER)).open).toBe(false);
  });
});

describe('TwilioTransport.parse: status callbacks', () => {
  const callback = (status: string, extra: Record<string, string> = {}) =>
    signTwilioRequest({ authToken: AUTH_TOKEN, url: WEBHOOK_URL, body: { form: statusForm(status, extra) } });

  it('turns a callback into a delivery-status event, and does not open the window', async () => {
    setup = await setUpTransport();
    const parsed = await setup.transport.parse(callback('failed', { ErrorCode: '63016' }));
    expect(parsed).toEqual({
      messages: [],
      statuses: [
        {
          messageId: 'SMfedcba9876543210fedcba9876543210',
          organizationId: 'org_sf',
          to: CUSTOMER,
          status: 'failed',
          errorCode: '63016',
          errorMessage: 'outside the 24-hour customer-service window',
          occurredAt: setup.clock.now(),
        },
      ],
    });
    expect((await setup.transport.window.state('org_sf', CUSTOMER)).open).toBe(false);
  });

  it('gives campaign metrics what they need to stay right under late and repeated callbacks', async () => {
    setup = await setUpTransport();
    const now = setup.clock.now();
    const campaign = Campaign.create({
      id: 'cmp_1',
      organizationId: 'org_sf',
      name: 'Winter sale',
      type: 'PROMOTIONAL',
      messageTemplate: 'Hi {{name}}',
      now,
    });
    campaign.start(now, 2);
    const toCampaignStatus: Record<DeliveryStatus, CampaignMessageStatus | null> = {
      queued: null,
      sent: 'sent',
      delivered: 'delivered',
      read: 'read',
      failed: 'failed',
      undelivered: 'failed',
    };
    // What a send ledger keeps: the furthest status seen per provider message id.
    const furthest = new Map<string, CampaignMessageStatus>();
    const second = {
      MessageSid: 'SM22222222222222222222222222222222',
      SmsSid: 'SM22222222222222222222222222222222',
    };
    const arrivals = [
      callback('read'),
      callback('sent'),
      callback('queued'),
      callback('delivered'),
      callback('read'),
      callback('sent', second),
      callback('undelivered', { ...second, ErrorCode: '63024' }),
      callback('delivered', second),
    ];
    for (const request of arrivals) {
      for (const event of (await setup.transport.parse(request)).statuses) {
        const to = toCampaignStatus[event.status];
        if (to === null) continue;
        if (campaign.recordMessageStatus(event.occurredAt, furthest.get(event.messageId) ?? null, to)) {
          furthest.set(event.messageId, to);
        }
      }
    }
    expect(campaign.metrics).toMatchObject({ targeted: 2, sent: 2, delivered: 1, read: 1, failed: 1 });
  });
});

describe('TwilioTransport.parse: inbound messages', () => {
  it('finds the message and opens the customer-service window from it', async () => {
    setup = await setUpTransport();
    const parsed = await setup.transport.parse(
      signTwilioRequest({ authToken: AUTH_TOKEN, url: WEBHOOK_URL, body: { form: inboundForm() } }),
    );
    expect(parsed.messages[0]).toMatchObject({ from: CUSTOMER, to: SHOP_NUMBER, organizationId: 'org_sf' });
    expect(await setup.transport.window.state('org_sf', CUSTOMER)).toMatchObject({
      open: true,
      lastInboundAt: setup.clock.now(),
    });
  });
});

describe('TwilioTransport.answerSubscription', () => {
  it('answers the GET check with the configured verify token', async () => {
    setup = await setUpTransport({ verifyToken: 'verify-me' });
    const request: WebhookRequest = {
      method: 'GET',
      url: WEBHOOK_URL,
      headers: {},
      query: { 'hub.mode': 'subscribe', 'hub.verify_token': 'verify-me', 'hub.challenge': 'abc123' },
      rawBody: '',
    };
    expect(setup.transport.answerSubscription(request)).toEqual({ status: 200, body: 'abc123' });
    expect(
      setup.transport.answerSubscription({
        ...request,
        query: { ...request.query, 'hub.verify_token': 'nope' },
      }).status,
    ).toBe(403);
  });
});

describe('TwilioTransport options', () => {
  it('names every invalid option', () => {
    expect(
      () =>
        new TwilioTransport({
          accountSid: 'AC123',
          authToken: '',
          apiKey: { sid: 'key', secret: '' },
          publicUrl: 'shop.example',
        }),
    ).toThrow(
      expect.objectContaining({
        code: 'VALIDATION_FAILED',
        issues: [
          expect.objectContaining({ path: 'accountSid' }),
          expect.objectContaining({ path: 'authToken' }),
          expect.objectContaining({ path: 'apiKey.sid' }),
          expect.objectContaining({ path: 'apiKey.secret' }),
          expect.objectContaining({ path: 'senders' }),
          expect.objectContaining({ path: 'publicUrl' }),
        ],
      }),
    );
  });

  it('keeps credentials out of errors and their details', async () => {
    setup = await setUpTransport({ authToken: 'super-secret-token-value' });
    const error = await setup.transport
      .send('org_sf', { kind: 'template', to: CUSTOMER, templateId: `HX${'4d'.repeat(16)}`, variables: {} })
      .catch((caught: unknown) => caught);
    expect(JSON.stringify(error)).not.toContain('super-secret');
    expect(String((error as Error).message)).not.toContain('super-secret');
    expect(JSON.stringify((error as { details: unknown }).details)).not.toContain('super-secret');
  });
});
