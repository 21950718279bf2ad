import { describeTransportContract } from '@chatcart/core/testing';
import { signTwilioRequest } from '../src/signature.js';
import { AUTH_TOKEN, CONTENT_SID, CUSTOMER, inboundForm, WEBHOOK_URL } from './support/fixtures.js';
import { setUpTransport } from './support/transport-setup.js';

const form = inboundForm();
const sign = (authToken: string, url = WEBHOOK_URL, body = form) =>
  signTwilioRequest({ authToken, url, body: { form: body } });

describeTransportContract('TwilioTransport', async () => {
  const setup = await setUpTransport();
  // The customer wrote just now, so free-form replies are inside the 24-hour window.
  await setup.transport.window.recordInbound('org_sf', CUSTOMER, setup.clock.now());
  return {
    transport: setup.transport,
    signedRequest: () => sign(AUTH_TOKEN),
    tamperedRequests: () => {
      const signed = sign(AUTH_TOKEN);
      return [
        sign('another-accounts-token'),
        { ...signed, url: 'https://attacker.example/whatsapp/webhook' },
        { ...signed, rawBody: signed.rawBody.replace('Apfel', 'Birne') },
        { ...signed, headers: { ...signed.headers, 'x-twilio-signature': undefined } },
        { ...signed, headers: { ...signed.headers, 'x-twilio-signature': 'not-a-signature' } },
      ];
    },
    expectedMessages: [{ id: form.MessageSid, from: CUSTOMER, text: form.Body, organizationId: 'org_sf' }],
    recipient: { organizationId: 'org_sf', to: CUSTOMER },
    extraOutbound: [
      {
        kind: 'media',
        to: CUSTOMER,
        mediaUrl: 'https://shop.example/invoices/inv_1.pdf',
        caption: 'Your invoice',
      },
      { kind: 'template', to: CUSTOMER, templateId: CONTENT_SID, variables: { 1: 'Ada', 2: 'ord_1' } },
    ],
    cleanup: () => setup.close(),
  };
});
