import type { WebhookRequest } from '@chatcart/core';
import { describe, expect, it } from 'vitest';
import { publicUrlOf, signedUrlForms } from './signed-url.js';

const request = (url: string): WebhookRequest => ({
  method: 'POST',
  url,
  headers: {},
  query: {},
  rawBody: '',
});

describe('publicUrlOf', () => {
  it('uses the request URL as is when no public URL is configured', () => {
    expect(publicUrlOf(request('https://shop.example/whatsapp/webhook?x=1'), undefined)).toBe(
      'https://shop.example/whatsapp/webhook?x=1',
    );
  });

  it("puts the request's path and query on the public base URL, behind a proxy", () => {
    const local = request('http://10.0.0.7:3000/whatsapp/webhook?tenant=berlin');
    expect(publicUrlOf(local, 'https://shop.example')).toBe(
      'https://shop.example/whatsapp/webhook?tenant=berlin',
    );
    expect(publicUrlOf(local, 'https://shop.example/api/')).toBe(
      'https://shop.example/api/whatsapp/webhook?tenant=berlin',
    );
    expect(publicUrlOf(request('/whatsapp/webhook'), 'https://shop.example:8443')).toBe(
      'https://shop.example:8443/whatsapp/webhook',
    );
  });

  it('lets a function decide', () => {
    expect(publicUrlOf(request('/x'), (r) => `https://hooks.example${r.url}`)).toBe(
      'https://hooks.example/x',
    );
  });
});

describe('signedUrlForms', () => {
  it('lists the URL with and without its default port', () => {
    expect(signedUrlForms('https://shop.example/hook')).toEqual(
      expect.arrayContaining(['https://shop.example/hook', 'https://shop.example:443/hook']),
    );
    expect(signedUrlForms('http://shop.example:80/hook')).toEqual(
      expect.arrayContaining(['http://shop.example/hook', 'http://shop.example:80/hook']),
    );
  });

  it('keeps an unparseable URL as its only form', () => {
    expect(signedUrlForms('not a url')).toEqual(['not a url']);
  });
});
