import { CallTimeoutError, CircuitOpenError, ValidationError } from '@chatcart/core';
import { afterEach, describe, expect, it } from 'vitest';
import {
  CustomerServiceWindowClosedError,
  InvalidRecipientError,
  RecipientOptedOutError,
  TwilioApiError,
  TwilioAuthenticationError,
  TwilioRateLimitError,
  TwilioUnreachableError,
} from '../src/errors.js';
import { signTwilioRequest } from '../src/signature.js';
import { twilioError } from './support/fake-twilio-api.js';
import {
  ACCOUNT_SID,
  API_KEY_SECRET,
  API_KEY_SID,
  AUTH_TOKEN,
  CONTENT_SID,
  CUSTOMER,
  inboundForm,
  MESSAGING_SERVICE_SID,
  SHOP_NUMBER,
  WEBHOOK_URL,
} from './support/fixtures.js';
import { setUpTransport, type TransportSetup } from './support/transport-setup.js';

let setup: TransportSetup;

async function start(overrides: Parameters<typeof setUpTransport>[0] = {}): Promise<TransportSetup> {
  setup = await setUpTransport(overrides);
  await setup.transport.window.recordInbound('org_sf', CUSTOMER, setup.clock.now());
  await setup.transport.window.recordInbound('org_berlin', CUSTOMER, setup.clock.now());
  return setup;
}

const text = { kind: 'text', to: CUSTOMER, body: 'Your order ord_1 is confirmed ✓' } as const;
const fieldsOf = (index: number) =>
  Object.fromEntries(
    [...(setup.api.requests[index]?.fields ?? new Map())].map(([name, values]) => [
      name,
      values.length === 1 ? values[0] : values,
    ]),
  );

afterEach(async () => {
  await setup?.close();
});

describe('TwilioTransport.send: what Twilio receives', () => {
  it('posts a text message to the account Messages resource with Basic auth and a status callback', async () => {
    await start({ statusCallbackUrl: 'https://shop.example/whatsapp/webhook' });
    const result = await setup.transport.send('org_sf', text);
    expect(result.providerMessageId).toMatch(/^SM[0-9a-f]{32}$/);
    expect(setup.api.requests[0]).toMatchObject({
      method: 'POST',
      path: `/2010-04-01/Accounts/${ACCOUNT_SID}/Messages.json`,
      username: ACCOUNT_SID,
    });
    expect(fieldsOf(0)).toEqual({
      To: `whatsapp:${CUSTOMER}`,
      From: `whatsapp:${SHOP_NUMBER}`,
      Body: text.body,
      StatusCallback: 'https://shop.example/whatsapp/webhook',
    });
  });

  it('authenticates with an API key when one is configured', async () => {
    await start({ apiKey: { sid: API_KEY_SID, secret: API_KEY_SECRET } });
    await setup.transport.send('org_sf', text);
    expect(setup.api.requests[0]?.username).toBe(API_KEY_SID);
  });

  it('sends media with its caption, and templates with ContentSid and ContentVariables', async () => {
    await start();
    await setup.transport.send('org_sf', {
      kind: 'media',
      to: CUSTOMER,
      mediaUrl: 'https://shop.example/invoices/inv_1.pdf',
      caption: 'Invoice INV-1',
    });
    await setup.transport.send('org_sf', {
      kind: 'template',
      to: CUSTOMER,
      templateId: CONTENT_SID,
      variables: { 1: 'Ada', 2: '12,50 €' },
    });
    expect(fieldsOf(0)).toMatchObject({
      MediaUrl: 'https://shop.example/invoices/inv_1.pdf',
      Body: 'Invoice INV-1',
    });
    expect(fieldsOf(1)).toMatchObject({
      ContentSid: CONTENT_SID,
      ContentVariables: '{"1":"Ada","2":"12,50 €"}',
    });
    expect(fieldsOf(1).Body).toBeUndefined();
  });

  it('sends through the Messaging Service of an organization that has one', async () => {
    await start();
    await setup.transport.send('org_berlin', text);
    expect(fieldsOf(0)).toMatchObject({ MessagingServiceSid: MESSAGING_SERVICE_SID });
    expect(fieldsOf(0).From).toBeUndefined();
  });

  it('reuses keep-alive connections instead of connecting per message', async () => {
    await start();
    for (let i = 0; i < 10; i++) await setup.transport.send('org_sf', text);
    expect(setup.api.requests).toHaveLength(10);
    // The pool may open a second connection while the first finishes its answer; never one per message.
    expect(setup.api.connections()).toBeLessThanOrEqual(2);
  });
});

describe('TwilioTransport.send: refusals before calling Twilio', () => {
  it('refuses a free-form message outside the 24-hour window, with the typed error', async () => {
    await start();
    setup.clock.advance(24 * 60 * 60 * 1000);
    const error = await setup.transport.send('org_sf', text).catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(CustomerServiceWindowClosedError);
    expect(error).toMatchObject({
      code: 'WHATSAPP_WINDOW_CLOSED',
      lastInboundAt: setup.clock.now() - 86_400_000,
    });
    await expect(
      setup.transport.send('org_sf', { kind: 'media', to: CUSTOMER, mediaUrl: 'https://shop.example/a.png' }),
    ).rejects.toBeInstanceOf(CustomerServiceWindowClosedError);
    expect(setup.api.requests).toHaveLength(0);
    // Templates are what the window allows.
    await setup.transport.send('org_sf', {
      kind: 'template',
      to: CUSTOMER,
      templateId: CONTENT_SID,
      variables: {},
    });
    expect(setup.api.requests).toHaveLength(1);
  });

  it('sends the configured template instead, when there is one', async () => {
    await start({
      window: {
        fallbackTemplate: {
          templateId: CONTENT_SID,
          variables: (message) => ({ 1: message.kind === 'text' ? message.body : 'attachment' }),
        },
      },
    });
    setup.clock.advance(25 * 60 * 60 * 1000);
    await setup.transport.send('org_sf', text);
    expect(fieldsOf(0)).toMatchObject({
      ContentSid: CONTENT_SID,
      ContentVariables: JSON.stringify({ 1: text.body }),
    });
    expect(fieldsOf(0).Body).toBeUndefined();
  });

  it('opens the window from a parsed inbound message', async () => {
    setup = await setUpTransport();
    await expect(setup.transport.send('org_sf', text)).rejects.toBeInstanceOf(
      CustomerServiceWindowClosedError,
    );
    await setup.transport.parse(
      signTwilioRequest({ authToken: AUTH_TOKEN, url: WEBHOOK_URL, body: { form: inboundForm() } }),
    );
    await expect(setup.transport.send('org_sf', text)).resolves.toMatchObject({
      providerMessageId: expect.any(String),
    });
  });

  it('refuses a number that is not E.164, an empty text, or an unknown organization', async () => {
    await start();
    await expect(setup.transport.send('org_sf', { ...text, to: '015112345678' })).rejects.toBeInstanceOf(
      InvalidRecipientError,
    );
    await expect(setup.transport.send('org_sf', { ...text, body: '  ' })).rejects.toBeInstanceOf(
      ValidationError,
    );
    await expect(
      setup.transport.send('org_sf', {
        kind: 'template',
        to: CUSTOMER,
        templateId: 'welcome',
        variables: {},
      }),
    ).rejects.toMatchObject({ issues: [{ path: 'templateId' }] });
    await expect(setup.transport.send('org_nowhere', text)).rejects.toMatchObject({ code: 'NOT_FOUND' });
    expect(setup.api.requests).toHaveLength(0);
  });
});

describe("TwilioTransport.send: Twilio's errors and retries", () => {
  it('retries a 429 after the wait Retry-After asks for', async () => {
    await start();
    setup.api.script({
      status: 429,
      body: { code: 20429, message: 'Too Many Requests', status: 429 },
      headers: { 'retry-after': '2' },
    });
    await expect(setup.transport.send('org_sf', text)).resolves.toMatchObject({
      providerMessageId: expect.any(String),
    });
    expect(setup.api.requests).toHaveLength(2);
    expect(setup.retryWaits).toEqual([2_000]);
  });

  it('retries a 500 with backoff, then succeeds', async () => {
    await start();
    setup.api.script(
      twilioError(500, 20500, 'Internal Server Error'),
      twilioError(503, 20503, 'Service Unavailable'),
    );
    await setup.transport.send('org_sf', text);
    expect(setup.api.requests).toHaveLength(3);
    expect(setup.retryWaits).toEqual([375, 750]);
  });

  it('gives up on a lasting 429 with a typed rate-limit error', async () => {
    await start({ retry: { retries: 1, sleep: async () => undefined } });
    const limited = {
      status: 429,
      body: { code: 20429, message: 'Too Many Requests' },
      headers: { 'retry-after': '1' },
    };
    setup.api.script(limited, limited);
    const error = await setup.transport.send('org_sf', text).catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(TwilioRateLimitError);
    expect(error).toMatchObject({ retryAfterMs: 1_000, code: 'PROVIDER_RATE_LIMITED' });
    expect(setup.api.requests).toHaveLength(2);
  });

  it.each([
    [twilioError(400, 21610, 'Attempt to send to unsubscribed recipient'), RecipientOptedOutError],
    [twilioError(400, 21211, "Invalid 'To' Phone Number"), InvalidRecipientError],
    [twilioError(400, 63016, 'Outside the allowed window'), CustomerServiceWindowClosedError],
    [twilioError(401, 20003, 'Authenticate'), TwilioAuthenticationError],
    [twilioError(400, 21656, 'The ContentVariables Parameter is invalid'), TwilioApiError],
  ])('maps %o to its typed error and never retries it', async (answer, type) => {
    await start();
    setup.api.script(answer);
    await expect(setup.transport.send('org_sf', text)).rejects.toBeInstanceOf(type);
    expect(setup.api.requests).toHaveLength(1);
  });

  it('refuses wrong credentials the way Twilio does', async () => {
    await start({ authToken: 'not-the-token' });
    await expect(setup.transport.send('org_sf', text)).rejects.toBeInstanceOf(TwilioAuthenticationError);
  });

  it('does not retry a request Twilio did not answer in time, since it may have been sent', async () => {
    await start({ breaker: { timeout: 200, timeoutResolution: 10 } });
    setup.api.script({ hang: true });
    await expect(setup.transport.send('org_sf', text)).rejects.toBeInstanceOf(CallTimeoutError);
    expect(setup.api.requests).toHaveLength(1);
    await expect(setup.transport.send('org_sf', text)).resolves.toMatchObject({
      providerMessageId: expect.any(String),
    });
  });

  it('reports a missed answer timeout as unreachable with the request possibly sent, and does not retry', async () => {
    await start({ http: { timeoutMs: 100 }, breaker: { timeout: false } });
    setup.api.script({ hang: true });
    const error = await setup.transport.send('org_sf', text).catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(TwilioUnreachableError);
    expect(error).toMatchObject({ requestSent: true, retryable: false, notSent: false });
    expect(setup.api.requests).toHaveLength(1);
  });

  it('retries when Twilio cannot be reached at all, then reports it unreachable', async () => {
    await start();
    await setup.api.close();
    const error = await setup.transport.send('org_sf', text).catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(TwilioUnreachableError);
    expect(error).toMatchObject({ requestSent: false, notSent: true, code: 'PROVIDER_UNREACHABLE' });
    // The default three retries, each after a backoff.
    expect(setup.retryWaits).toEqual([375, 750, 1_500]);
  });
});

describe('TwilioTransport.send: circuit breaker', () => {
  it('opens after consecutive outages, fails fast while open, and closes again after a good probe', async () => {
    await start({
      retry: { retries: 0 },
      breaker: { failureThreshold: 2, resetTimeout: 60_000, successThreshold: 1 },
    });
    setup.api.script(twilioError(500, 20500, 'down'), twilioError(502, 20502, 'down'));
    await expect(setup.transport.send('org_sf', text)).rejects.toMatchObject({ status: 500 });
    await expect(setup.transport.send('org_sf', text)).rejects.toMatchObject({ status: 502 });
    expect(setup.transport.breaker.state).toBe('OPEN');

    await expect(setup.transport.send('org_sf', text)).rejects.toBeInstanceOf(CircuitOpenError);
    expect(setup.api.requests).toHaveLength(2);

    setup.clock.advance(60_000);
    await expect(setup.transport.send('org_sf', text)).resolves.toMatchObject({
      providerMessageId: expect.any(String),
    });
    expect(setup.transport.breaker.state).toBe('CLOSED');
  });

  it("is not opened by refusals that are the caller's fault", async () => {
    await start({ breaker: { failureThreshold: 2 } });
    for (let i = 0; i < 5; i++) setup.api.script(twilioError(400, 21610, 'unsubscribed'));
    for (let i = 0; i < 5; i++) await setup.transport.send('org_sf', text).catch(() => undefined);
    setup.api.script({ status: 429, body: { code: 20429 }, headers: { 'retry-after': '0' } });
    await setup.transport.send('org_sf', text);
    expect(setup.transport.breaker.state).toBe('CLOSED');
  });
});
