import { ValidationError } from '@chatcart/core';
import { describe, expect, it } from 'vitest';
import { MESSAGING_SERVICE_SID, OTHER_SHOP_NUMBER, SHOP_NUMBER } from '../test/support/fixtures.js';
import { StaticSenderDirectory } from './sender-directory.js';

describe('StaticSenderDirectory', () => {
  it('maps numbers to organizations and organizations to their sender', () => {
    const directory = new StaticSenderDirectory([
      { organizationId: 'org_sf', number: SHOP_NUMBER },
      { organizationId: 'org_berlin', number: OTHER_SHOP_NUMBER, messagingServiceSid: MESSAGING_SERVICE_SID },
    ]);
    expect(directory.organizationForNumber(OTHER_SHOP_NUMBER)).toBe('org_berlin');
    expect(directory.organizationForNumber('+15005550006')).toBeUndefined();
    expect(directory.senderFor('org_sf')).toEqual({ from: SHOP_NUMBER });
    expect(directory.senderFor('org_berlin')).toEqual({ messagingServiceSid: MESSAGING_SERVICE_SID });
  });

  it('names every malformed or repeated entry', () => {
    let caught: unknown;
    try {
      new StaticSenderDirectory([
        { organizationId: 'org_1', number: SHOP_NUMBER },
        { organizationId: 'org_1', number: '4155238886' },
        { organizationId: 'org_2', number: SHOP_NUMBER, messagingServiceSid: 'MG1' },
      ]);
    } catch (error) {
      caught = error;
    }
    expect(caught).toBeInstanceOf(ValidationError);
    expect((caught as ValidationError).issues.map((issue) => issue.path)).toEqual([
      'senders.1.organizationId',
      'senders.1.number',
      'senders.2.number',
      'senders.2.messagingServiceSid',
    ]);
  });
});
