import { ValidationError } from '@chatcart/core';
import { ManualClock } from '@chatcart/core/testing';
import { describe, expect, it } from 'vitest';
import {
  AUTH_TOKEN,
  CUSTOMER,
  inboundForm,
  OTHER_SHOP_NUMBER,
  SHOP_NUMBER,
  statusForm,
  WEBHOOK_URL,
} from '../test/support/fixtures.js';
import { UnknownShopNumberError } from './errors.js';
import { signTwilioRequest } from './signature.js';
import { parseTwilioWebhook } from './webhook-parser.js';

const NOW = Date.parse('2026-11-25T10:00:00Z');
const organizations: Record<string, string> = { [SHOP_NUMBER]: 'org_sf', [OTHER_SHOP_NUMBER]: 'org_berlin' };
const context = {
  organizationForNumber: (number: string) => organizations[number],
  clock: new ManualClock(NOW),
};

const parseForm = (form: Record<string, string>) =>
  parseTwilioWebhook(signTwilioRequest({ authToken: AUTH_TOKEN, url: WEBHOOK_URL, body: { form } }), context);

describe('parseTwilioWebhook: inbound messages', () => {
  it('reads a text message with the sender, the shop number and its organization', async () => {
    const parsed = await parseForm(inboundForm());
    expect(parsed.statuses).toEqual([]);
    expect(parsed.messages).toEqual([
      {
        id: 'SM0123456789abcdef0123456789abcdef',
        organizationId: 'org_sf',
        from: CUSTOMER,
        to: SHOP_NUMBER,
        text: '2x Apfel ✓ & 1 Brot',
        receivedAt: NOW,
        profileName: 'Ada',
      },
    ]);
  });

  it('maps each shop number to its own organization', async () => {
    const parsed = await parseForm(inboundForm({ To: `whatsapp:${OTHER_SHOP_NUMBER}` }));
    expect(parsed.messages[0]).toMatchObject({ organizationId: 'org_berlin', to: OTHER_SHOP_NUMBER });
  });

  it('lists every media item with its content type', async () => {
    const parsed = await parseForm(
      inboundForm({
        Body: '',
        NumMedia: '2',
        MediaUrl0: 'https://api.twilio.com/2010-04-01/Accounts/AC1/Messages/MM1/Media/ME1',
        MediaContentType0: 'image/jpeg',
        MediaUrl1: 'https://api.twilio.com/2010-04-01/Accounts/AC1/Messages/MM1/Media/ME2',
        MediaContentType1: 'application/pdf',
      }),
    );
    expect(parsed.messages[0]?.text).toBe('');
    expect(parsed.messages[0]?.media).toEqual([
      {
        url: 'https://api.twilio.com/2010-04-01/Accounts/AC1/Messages/MM1/Media/ME1',
        contentType: 'image/jpeg',
      },
      {
        url: 'https://api.twilio.com/2010-04-01/Accounts/AC1/Messages/MM1/Media/ME2',
        contentType: 'application/pdf',
      },
    ]);
  });

  it('reads a shared location with its label and address', async () => {
    const parsed = await parseForm(
      inboundForm({
        Body: '',
        MessageType: 'location',
        Latitude: '52.520008',
        Longitude: '13.404954',
        Label: 'Shop',
        Address: 'Alexanderplatz 1, Berlin',
      }),
    );
    expect(parsed.messages[0]?.location).toEqual({
      latitude: 52.520008,
      longitude: 13.404954,
      label: 'Shop',
      address: 'Alexanderplatz 1, Berlin',
    });
  });

  it('ignores a location outside the globe', async () => {
    const parsed = await parseForm(inboundForm({ Latitude: '123', Longitude: '13.4' }));
    expect(parsed.messages[0]?.location).toBeUndefined();
  });

  it('reads the payload of a tapped quick-reply button, or of a list choice', async () => {
    const button = await parseForm(
      inboundForm({
        MessageType: 'button',
        Body: 'Confirm',
        ButtonText: 'Confirm',
        ButtonPayload: 'confirm_ord_1',
      }),
    );
    expect(button.messages[0]).toMatchObject({ text: 'Confirm', buttonPayload: 'confirm_ord_1' });
    const list = await parseForm(
      inboundForm({ MessageType: 'interactive', ListId: 'size_m', ListTitle: 'M' }),
    );
    expect(list.messages[0]?.buttonPayload).toBe('size_m');
  });

  it('reads the referral of a click-to-WhatsApp ad', async () => {
    const parsed = await parseForm(
      inboundForm({
        ReferralSourceUrl: 'https://fb.me/abc',
        ReferralSourceId: '120200000',
        ReferralSourceType: 'ad',
        ReferralHeadline: 'Winter sale',
        ReferralCtwaClid: 'ARAkLkA',
      }),
    );
    expect(parsed.messages[0]?.referral).toEqual({
      sourceUrl: 'https://fb.me/abc',
      sourceId: '120200000',
      sourceType: 'ad',
      headline: 'Winter sale',
      ctwaClid: 'ARAkLkA',
    });
    const withMedia = await parseForm(
      inboundForm({ ReferralNumMedia: '1', ReferralMediaUrl: 'https://x.example/m' }),
    );
    expect(withMedia.messages[0]?.referral).toEqual({ numMedia: '1', mediaUrl: 'https://x.example/m' });
  });

  it('refuses a message to a number no organization is configured for', async () => {
    await expect(parseForm(inboundForm({ To: 'whatsapp:+15005550006' }))).rejects.toBeInstanceOf(
      UnknownShopNumberError,
    );
  });

  it('refuses an SMS or a request without a message id, naming the field', async () => {
    await expect(parseForm(inboundForm({ From: CUSTOMER }))).rejects.toMatchObject({
      code: 'VALIDATION_FAILED',
      issues: [{ path: 'From', message: expect.stringContaining('whatsapp:') }],
    });
    const form = inboundForm();
    delete form.MessageSid;
    delete form.SmsMessageSid;
    await expect(parseForm(form)).rejects.toMatchObject({ issues: [{ path: 'MessageSid' }] });
  });

  it('reads a flat JSON body the same way as a form', async () => {
    const json = JSON.stringify({ ...inboundForm(), NumMedia: 0 });
    const parsed = await parseTwilioWebhook(
      signTwilioRequest({ authToken: AUTH_TOKEN, url: WEBHOOK_URL, body: { json } }),
      context,
    );
    expect(parsed.messages[0]).toMatchObject({ from: CUSTOMER, text: '2x Apfel ✓ & 1 Brot' });
    const broken = {
      ...signTwilioRequest({ authToken: AUTH_TOKEN, url: WEBHOOK_URL, body: { json } }),
      rawBody: '{',
    };
    await expect(parseTwilioWebhook(broken, context)).rejects.toBeInstanceOf(ValidationError);
  });
});

describe('parseTwilioWebhook: status callbacks', () => {
  it.each([
    ['queued', 'queued'],
    ['accepted', 'queued'],
    ['sending', 'queued'],
    ['sent', 'sent'],
    ['delivered', 'delivered'],
    ['read', 'read'],
  ] as const)(
    'reports Twilio status %s as %s, with the provider message id',
    async (twilioStatus, status) => {
      const parsed = await parseForm(statusForm(twilioStatus));
      expect(parsed.messages).toEqual([]);
      expect(parsed.statuses).toEqual([
        {
          messageId: 'SMfedcba9876543210fedcba9876543210',
          organizationId: 'org_sf',
          to: CUSTOMER,
          status,
          occurredAt: NOW,
        },
      ]);
    },
  );

  it('carries the error code of a failed or undelivered message, with a description', async () => {
    const failed = await parseForm(statusForm('failed', { ErrorCode: '63016' }));
    expect(failed.statuses[0]).toMatchObject({
      status: 'failed',
      errorCode: '63016',
      errorMessage: 'outside the 24-hour customer-service window',
    });
    const undelivered = await parseForm(
      statusForm('undelivered', { ErrorCode: '30008', ErrorMessage: 'Unknown error' }),
    );
    expect(undelivered.statuses[0]).toMatchObject({
      status: 'undelivered',
      errorCode: '30008',
      errorMessage: 'Unknown error',
    });
  });

  it('reports nothing for statuses that say nothing about delivery', async () => {
    for (const status of ['canceled', 'partially_delivered', 'some_future_status', 'constructor']) {
      expect(await parseForm(statusForm(status))).toEqual({ messages: [], statuses: [] });
    }
  });

  it('finds the organization from the shop number the message was sent from', async () => {
    const parsed = await parseForm(statusForm('delivered', { From: `whatsapp:${OTHER_SHOP_NUMBER}` }));
    expect(parsed.statuses[0]?.organizationId).toBe('org_berlin');
    await expect(parseForm(statusForm('sent', { From: 'whatsapp:+15005550006' }))).rejects.toBeInstanceOf(
      UnknownShopNumberError,
    );
  });

  it('parses a repeated callback to the same event, so consumers can de-duplicate by message and status', async () => {
    const first = await parseForm(statusForm('delivered'));
    const again = await parseForm(statusForm('delivered'));
    expect(again).toEqual(first);
  });
});
