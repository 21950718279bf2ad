import { ManualClock } from '@chatcart/core/testing';
import { TwilioTransport } from '../../src/twilio-transport.js';
import type { TwilioTransportOptions } from '../../src/twilio-transport-options.js';
import { type FakeTwilioApi, startFakeTwilioApi } from './fake-twilio-api.js';
import {
  ACCOUNT_SID,
  API_KEY_SECRET,
  API_KEY_SID,
  AUTH_TOKEN,
  MESSAGING_SERVICE_SID,
  OTHER_SHOP_NUMBER,
  SHOP_NUMBER,
} from './fixtures.js';

/** A transport pointed at a fresh fake Twilio API, with a manual clock and instant retry waits. */
export interface TransportSetup {
  readonly api: FakeTwilioApi;
  readonly transport: TwilioTransport;
  readonly clock: ManualClock;
  /** The waits the retry loop asked for, in ms. */
  readonly retryWaits: number[];
  close(): Promise<void>;
}

export async function setUpTransport(
  overrides: Partial<TwilioTransportOptions> = {},
): Promise<TransportSetup> {
  const api = await startFakeTwilioApi({
    accountSid: ACCOUNT_SID,
    credentials: [
      [ACCOUNT_SID, AUTH_TOKEN],
      [API_KEY_SID, API_KEY_SECRET],
    ],
  });
  const clock = new ManualClock(Date.parse('2026-11-25T10:00:00Z'));
  const retryWaits: number[] = [];
  const transport = new TwilioTransport({
    accountSid: ACCOUNT_SID,
    authToken: AUTH_TOKEN,
    senders: [
      { organizationId: 'org_sf', number: SHOP_NUMBER },
      { organizationId: 'org_berlin', number: OTHER_SHOP_NUMBER, messagingServiceSid: MESSAGING_SERVICE_SID },
    ],
    clock,
    retry: {
      sleep: async (ms) => {
        retryWaits.push(ms);
      },
      random: () => 0.5,
    },
    ...overrides,
    http: { baseUrl: api.baseUrl, ...overrides.http },
  });
  return {
    api,
    transport,
    clock,
    retryWaits,
    close: async () => {
      await transport.close();
      await api.close();
    },
  };
}
