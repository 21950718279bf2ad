import { createHmac } from 'node:crypto';
import twilio from 'twilio';
import { describe, expect, it } from 'vitest';
import { AUTH_TOKEN, inboundForm, WEBHOOK_URL } from '../test/support/fixtures.js';
import { readFormParams } from './form-params.js';
import {
  computeBodyHash,
  computeTwilioSignature,
  signTwilioRequest,
  verifyTwilioSignature,
} from './signature.js';

// The worked example of Twilio's webhook security documentation: URL, POST parameters and auth token in,
// the signature Twilio sends out.
const DOC_TOKEN = '12345';
const DOC_URL = 'https://mycompany.com/myapp.php?foo=1&bar=2';
const DOC_PARAMS = {
  CallSid: 'CA1234567890ABCDE',
  Caller: '+14158675309',
  Digits: '1234',
  From: '+14158675309',
  To: '+18005551212',
};
const DOC_SIGNATURE = 'RSOYDt4T1cUTdK1PDd93/VVr8B8=';

const formBody = (params: Record<string, string>) => new URLSearchParams(params).toString();

function check(overrides: Partial<Parameters<typeof verifyTwilioSignature>[0]> = {}) {
  return verifyTwilioSignature({
    authToken: DOC_TOKEN,
    signature: DOC_SIGNATURE,
    url: DOC_URL,
    rawBody: formBody(DOC_PARAMS),
    contentType: 'application/x-www-form-urlencoded',
    ...overrides,
  });
}

describe('computeTwilioSignature', () => {
  it("reproduces the signature of Twilio's documented example", () => {
    expect(computeTwilioSignature(DOC_TOKEN, DOC_URL, DOC_PARAMS)).toBe(DOC_SIGNATURE);
  });

  it("agrees with Twilio's own library on awkward parameters", () => {
    const cases: Array<[string, Record<string, string | string[]>]> = [
      [WEBHOOK_URL, inboundForm()],
      [WEBHOOK_URL, { Body: 'a+b c&d=e ✓ 🍎', Empty: '', Zeta: 'z', alpha: 'lower case sorts after upper' }],
      ['https://shop.example:8443/hook?x=%20y&y=1', { MediaUrl0: 'https://api.twilio.com/a?b=c' }],
      [WEBHOOK_URL, { Repeated: ['b', 'a', 'b'], Single: '1' }],
      [WEBHOOK_URL, {}],
    ];
    for (const [url, params] of cases) {
      expect(computeTwilioSignature(AUTH_TOKEN, url, params)).toBe(
        twilio.getExpectedTwilioSignature(AUTH_TOKEN, url, params),
      );
    }
  });
});

describe('verifyTwilioSignature', () => {
  it("accepts Twilio's documented example", () => {
    expect(check()).toBe(true);
  });

  it('accepts the URL with or without the default port, whichever form Twilio signed', () => {
    expect(check({ url: 'https://mycompany.com:443/myapp.php?foo=1&bar=2' })).toBe(true);
    const signedWithPort = computeTwilioSignature(
      DOC_TOKEN,
      'https://mycompany.com:443/myapp.php?foo=1&bar=2',
      DOC_PARAMS,
    );
    expect(check({ signature: signedWithPort })).toBe(true);
    const overHttp = computeTwilioSignature(
      DOC_TOKEN,
      'http://mycompany.com:80/myapp.php?foo=1&bar=2',
      DOC_PARAMS,
    );
    expect(check({ signature: overHttp, url: 'http://mycompany.com/myapp.php?foo=1&bar=2' })).toBe(true);
  });

  it("accepts every request Twilio's library signs, in every URL form", () => {
    const form = inboundForm();
    const urls = [
      WEBHOOK_URL,
      'https://shop.example:443/whatsapp/webhook',
      'https://shop.example:8443/whatsapp/webhook?tenant=berlin&x=a%20b',
      'http://localhost:3000/whatsapp/webhook',
    ];
    for (const url of urls) {
      const signature = twilio.getExpectedTwilioSignature(AUTH_TOKEN, url, form);
      for (const seenAt of [url, url.replace(':443/', '/')]) {
        expect(
          verifyTwilioSignature({ authToken: AUTH_TOKEN, signature, url: seenAt, rawBody: formBody(form) }),
        ).toBe(true);
      }
    }
  });

  it('accepts a query string signed in the legacy encoding', () => {
    const url = 'https://shop.example/hook?note=x+y&t=%7E';
    const legacy = 'https://shop.example/hook?note=x%20y&t=~';
    const signature = computeTwilioSignature(AUTH_TOKEN, legacy, DOC_PARAMS);
    expect(twilio.validateRequest(AUTH_TOKEN, signature, url, DOC_PARAMS)).toBe(true);
    expect(
      verifyTwilioSignature({ authToken: AUTH_TOKEN, signature, url, rawBody: formBody(DOC_PARAMS) }),
    ).toBe(true);
  });

  it('refuses a changed body, URL, token, or a missing signature', () => {
    expect(check({ rawBody: formBody({ ...DOC_PARAMS, Digits: '9999' }) })).toBe(false);
    expect(check({ rawBody: `${formBody(DOC_PARAMS)}&Extra=1` })).toBe(false);
    expect(check({ url: 'https://mycompany.com/myapp.php?foo=1&bar=3' })).toBe(false);
    expect(check({ url: 'https://attacker.example/myapp.php?foo=1&bar=2' })).toBe(false);
    expect(check({ url: 'http://mycompany.com/myapp.php?foo=1&bar=2' })).toBe(false);
    expect(check({ authToken: 'wrong' })).toBe(false);
    expect(check({ signature: undefined })).toBe(false);
    expect(check({ signature: '' })).toBe(false);
    expect(check({ signature: DOC_SIGNATURE.slice(0, -2) })).toBe(false);
  });

  it('refuses signatures that concatenate the parameters in any order but sorted by name', () => {
    const bodyOrder = [
      ['To', DOC_PARAMS.To],
      ...Object.entries(DOC_PARAMS).filter(([name]) => name !== 'To'),
    ];
    let inBodyOrder = DOC_URL;
    for (const [name, value] of bodyOrder) inBodyOrder += `${name}${value}`;
    const unsorted = createHmac('sha1', DOC_TOKEN).update(inBodyOrder).digest('base64');
    expect(check({ signature: unsorted })).toBe(false);
    // The same values under swapped names sign differently.
    expect(check({ rawBody: formBody({ ...DOC_PARAMS, From: DOC_PARAMS.To, To: DOC_PARAMS.From }) })).toBe(
      false,
    );
  });

  it('does not care in which order the body lists the parameters', () => {
    const reversed = Object.fromEntries(Object.entries(DOC_PARAMS).reverse());
    expect(check({ rawBody: formBody(reversed) })).toBe(true);
  });

  it('returns false, never throws, on malformed input', () => {
    expect(check({ url: 'not a url' })).toBe(false);
    expect(check({ rawBody: '%E0%A4%A' })).toBe(false);
    expect(check({ authToken: '' })).toBe(false);
  });

  describe('JSON bodies (bodySHA256)', () => {
    const json = JSON.stringify({ MessageSid: 'SM1', Body: 'hi ✓' });
    const url = `${WEBHOOK_URL}?bodySHA256=${computeBodyHash(json)}`;

    it("accepts a JSON body signed as Twilio's library signs it", () => {
      const signature = twilio.getExpectedTwilioSignature(AUTH_TOKEN, url, {});
      expect(twilio.validateRequestWithBody(AUTH_TOKEN, signature, url, json)).toBe(true);
      expect(
        verifyTwilioSignature({
          authToken: AUTH_TOKEN,
          signature,
          url,
          rawBody: json,
          contentType: 'application/json',
        }),
      ).toBe(true);
    });

    it('refuses a JSON body that does not match its bodySHA256, or that has none', () => {
      const signature = computeTwilioSignature(AUTH_TOKEN, url);
      const changed = json.replace('hi', 'ho');
      expect(verifyTwilioSignature({ authToken: AUTH_TOKEN, signature, url, rawBody: changed })).toBe(false);
      const unhashed = computeTwilioSignature(AUTH_TOKEN, WEBHOOK_URL);
      expect(
        verifyTwilioSignature({
          authToken: AUTH_TOKEN,
          signature: unhashed,
          url: WEBHOOK_URL,
          rawBody: json,
          contentType: 'application/json; charset=utf-8',
        }),
      ).toBe(false);
    });
  });
});

describe('signTwilioRequest', () => {
  it("signs a form exactly as Twilio's library would", () => {
    const form = inboundForm();
    const request = signTwilioRequest({ authToken: AUTH_TOKEN, url: WEBHOOK_URL, body: { form } });
    const params = Object.fromEntries(
      [...readFormParams(request.rawBody)].map(([name, [value]]) => [name, value]),
    );
    expect(params).toEqual(form);
    expect(request.headers['x-twilio-signature']).toBe(
      twilio.getExpectedTwilioSignature(AUTH_TOKEN, WEBHOOK_URL, form),
    );
    expect(
      twilio.validateRequest(AUTH_TOKEN, request.headers['x-twilio-signature'] ?? '', WEBHOOK_URL, form),
    ).toBe(true);
  });

  it("signs a JSON body with bodySHA256 as Twilio's library expects", () => {
    const json = '{"property": "value", "boolean": true}';
    const request = signTwilioRequest({ authToken: AUTH_TOKEN, url: WEBHOOK_URL, body: { json } });
    expect(request.query.bodySHA256).toBe(computeBodyHash(json));
    expect(
      twilio.validateRequestWithBody(
        AUTH_TOKEN,
        request.headers['x-twilio-signature'] ?? '',
        request.url,
        json,
      ),
    ).toBe(true);
  });
});
