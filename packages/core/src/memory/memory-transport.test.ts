import { describe, expect, it } from 'vitest';
import type { InboundMessage } from '../ports/messaging-transport.js';
import { describeTransportContract } from '../testing/contracts/transport.contract.js';
import { MemoryTransport } from './memory-transport.js';

const url = 'https://shop.example/whatsapp/webhook';
const inbound: InboundMessage = {
  id: 'wamid.1',
  organizationId: 'org_1',
  from: '+15550000001',
  to: '+15550000002',
  text: '2x Apfel ✓',
  receivedAt: 1_767_225_600_000,
};

describeTransportContract('MemoryTransport', () => {
  const transport = new MemoryTransport({ secret: 's3cret' });
  const other = new MemoryTransport({ secret: 'other' });
  return {
    transport,
    signedRequest: () => transport.signedRequest(url, { messages: [inbound] }),
    tamperedRequests: async () => {
      const signed = await transport.signedRequest(url, { messages: [inbound] });
      return [
        await other.signedRequest(url, { messages: [inbound] }),
        { ...signed, url: 'https://attacker.example/whatsapp/webhook' },
        { ...signed, rawBody: signed.rawBody.replace('2x', '9x') },
      ];
    },
    expectedMessages: [{ id: 'wamid.1', from: '+15550000001', text: '2x Apfel ✓' }],
    recipient: { organizationId: 'org_1', to: '+15550000001' },
    extraOutbound: [
      { kind: 'media', to: '+15550000001', mediaUrl: 'https://shop.example/a.jpg', caption: 'Apfel' },
    ],
  };
});

describe('MemoryTransport', () => {
  it('records what it sent, per recipient', async () => {
    const transport = new MemoryTransport();
    await transport.send('org_1', { kind: 'text', to: '+15550000001', body: 'Hello' });
    await transport.send('org_1', { kind: 'text', to: '+15550000002', body: 'Other' });
    expect(transport.sentTo('+15550000001')).toEqual(['Hello']);
    expect(transport.sent).toHaveLength(2);
    transport.clear();
    expect(transport.sent).toEqual([]);
  });

  it('parses delivery statuses and refuses bodies that are not its payload', async () => {
    const transport = new MemoryTransport();
    const request = await transport.signedRequest(url, {
      statuses: [
        { messageId: 'mem_1', organizationId: 'org_1', to: '+15550000001', status: 'read', occurredAt: 1 },
      ],
    });
    expect(transport.parse(request).statuses[0]?.status).toBe('read');
    expect(() => transport.parse({ ...request, rawBody: '{"messages":[{"id":1}]}' })).toThrow(
      /messages\.0\.id/,
    );
    expect(() => transport.parse({ ...request, rawBody: 'nope' })).toThrow(/not JSON/);
  });
});
