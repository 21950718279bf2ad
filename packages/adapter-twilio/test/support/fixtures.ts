/** Credentials and numbers the tests share; none of them is real. */
export const ACCOUNT_SID = `AC${'1a'.repeat(16)}`;
export const AUTH_TOKEN = 'test-auth-token-0123456789abcdef';
export const API_KEY_SID = `SK${'2b'.repeat(16)}`;
export const API_KEY_SECRET = 'test-api-key-secret';
export const MESSAGING_SERVICE_SID = `MG${'3c'.repeat(16)}`;
export const CONTENT_SID = `HX${'4d'.repeat(16)}`;
export const SHOP_NUMBER = '+14155238886';
export const OTHER_SHOP_NUMBER = '+493012345678';
export const CUSTOMER = '+4915112345678';
export const WEBHOOK_URL = 'https://shop.example/whatsapp/webhook';

/** The form Twilio posts for an inbound WhatsApp text message. */
export function inboundForm(overrides: Readonly<Record<string, string>> = {}): Record<string, string> {
  return {
    SmsMessageSid: 'SM0123456789abcdef0123456789abcdef',
    NumMedia: '0',
    ProfileName: 'Ada',
    MessageType: 'text',
    SmsSid: 'SM0123456789abcdef0123456789abcdef',
    WaId: CUSTOMER.slice(1),
    SmsStatus: 'received',
    Body: '2x Apfel ✓ & 1 Brot',
    To: `whatsapp:${SHOP_NUMBER}`,
    NumSegments: '1',
    ReferralNumMedia: '0',
    MessageSid: 'SM0123456789abcdef0123456789abcdef',
    AccountSid: ACCOUNT_SID,
    From: `whatsapp:${CUSTOMER}`,
    ApiVersion: '2010-04-01',
    ...overrides,
  };
}

/** The form Twilio posts as a status callback of an outbound WhatsApp message. */
export function statusForm(
  status: string,
  overrides: Readonly<Record<string, string>> = {},
): Record<string, string> {
  return {
    ChannelPrefix: 'whatsapp',
    ApiVersion: '2010-04-01',
    MessageStatus: status,
    SmsSid: 'SMfedcba9876543210fedcba9876543210',
    SmsStatus: status,
    ChannelInstallSid: 'XE0123456789abcdef0123456789abcdef',
    To: `whatsapp:${CUSTOMER}`,
    From: `whatsapp:${SHOP_NUMBER}`,
    MessageSid: 'SMfedcba9876543210fedcba9876543210',
    StructuredMessage: 'false',
    AccountSid: ACCOUNT_SID,
    ChannelToAddress: `+${CUSTOMER.slice(3, 6)}XXXXX${CUSTOMER.slice(-3)}`,
    ...overrides,
  };
}
