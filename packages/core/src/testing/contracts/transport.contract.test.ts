import { createHmac, timingSafeEqual } from 'node:crypto';
import type { InboundMessage, MessagingTransport, WebhookRequest } from '../../ports/messaging-transport.js';
import { describeTransportContract } from './transport.contract.js';

/**
 * A minimal provider for running the contract against: it signs `url + rawBody` with HMAC-SHA256 and
 * carries messages as JSON. Real adapters (Twilio) run the same contract with their provider's scheme.
 */
function signedTransport(secret: string): MessagingTransport {
  let sent = 0;
  return {
    name: 'hmac-fixture',
    verify(request) {
      const given = request.headers['x-signature'];
      if (!given) return false;
      const expected = createHmac('sha256', secret)
        .update(request.url + request.rawBody)
        .digest();
      const actual = Buffer.from(given, 'hex');
      return actual.length === expected.length && timingSafeEqual(actual, expected);
    },
    parse(request) {
      const body = JSON.parse(request.rawBody) as { messages: InboundMessage[] };
      return { messages: body.messages, statuses: [] };
    },
    async send() {
      sent += 1;
      return { providerMessageId: `fixture_${sent}` };
    },
  };
}

function sign(secret: string, url: string, rawBody: string): WebhookRequest {
  const signature = createHmac('sha256', secret)
    .update(url + rawBody)
    .digest('hex');
  return { method: 'POST', url, headers: { 'x-signature': signature }, query: {}, rawBody };
}

const message: InboundMessage = {
  id: 'wamid.1',
  organizationId: 'org_1',
  from: '+15550000001',
  to: '+15550000002',
  text: '2x Apfel ✓',
  receivedAt: 1_767_225_600_000,
};
const rawBody = JSON.stringify({ messages: [message] });
const url = 'https://shop.example/whatsapp/webhook';

describeTransportContract('HMAC fixture transport', () => ({
  transport: signedTransport('s3cret'),
  signedRequest: () => sign('s3cret', url, rawBody),
  tamperedRequests: () => [
    sign('wrong-secret', url, rawBody),
    { ...sign('s3cret', url, rawBody), url: 'https://attacker.example/whatsapp/webhook' },
    { ...sign('s3cret', url, rawBody), rawBody: rawBody.replace('2x', '9x') },
  ],
  expectedMessages: [{ id: 'wamid.1', from: '+15550000001', text: '2x Apfel ✓' }],
  recipient: { organizationId: 'org_1', to: '+15550000001' },
}));
