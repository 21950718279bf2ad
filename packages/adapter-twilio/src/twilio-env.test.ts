import { describe, expect, it } from 'vitest';
import {
  ACCOUNT_SID,
  API_KEY_SECRET,
  API_KEY_SID,
  AUTH_TOKEN,
  SHOP_NUMBER,
} from '../test/support/fixtures.js';
import { twilioOptionsFromEnv } from './twilio-env.js';

describe('twilioOptionsFromEnv', () => {
  it('reads the seed variables, accepting a whatsapp: prefix on the number', () => {
    const options = twilioOptionsFromEnv(
      {
        TWILIO_SID: ACCOUNT_SID,
        TWILIO_AUTH_TOKEN: AUTH_TOKEN,
        TWILIO_WHATSAPP_NUMBER: `whatsapp:${SHOP_NUMBER}`,
        WHATSAPP_VERIFY_TOKEN: 'verify-me',
        PUBLIC_URL: 'https://shop.example',
      },
      { organizationId: 'org_1' },
    );
    expect(options).toEqual({
      accountSid: ACCOUNT_SID,
      authToken: AUTH_TOKEN,
      senders: [{ organizationId: 'org_1', number: SHOP_NUMBER }],
      verifyToken: 'verify-me',
      publicUrl: 'https://shop.example',
    });
  });

  it('reads an API key, a Messaging Service and a status callback URL', () => {
    const options = twilioOptionsFromEnv(
      {
        TWILIO_ACCOUNT_SID: ACCOUNT_SID,
        TWILIO_AUTH_TOKEN: AUTH_TOKEN,
        TWILIO_API_KEY_SID: API_KEY_SID,
        TWILIO_API_KEY_SECRET: API_KEY_SECRET,
        TWILIO_WHATSAPP_NUMBER: SHOP_NUMBER,
        TWILIO_MESSAGING_SERVICE_SID: 'MG0123',
        TWILIO_STATUS_CALLBACK_URL: 'https://shop.example/whatsapp/webhook',
      },
      { organizationId: 'org_1' },
    );
    expect(options).toMatchObject({
      apiKey: { sid: API_KEY_SID, secret: API_KEY_SECRET },
      senders: [{ messagingServiceSid: 'MG0123' }],
      statusCallbackUrl: 'https://shop.example/whatsapp/webhook',
    });
  });

  it('names every missing variable', () => {
    expect(() =>
      twilioOptionsFromEnv({ TWILIO_API_KEY_SID: API_KEY_SID }, { organizationId: 'org_1' }),
    ).toThrow(
      expect.objectContaining({
        issues: [
          { path: 'TWILIO_ACCOUNT_SID', message: 'is not set' },
          { path: 'TWILIO_AUTH_TOKEN', message: 'is not set' },
          { path: 'TWILIO_WHATSAPP_NUMBER', message: 'is not set' },
          { path: 'TWILIO_API_KEY_SECRET', message: expect.stringContaining('both') },
        ],
      }),
    );
  });
});
