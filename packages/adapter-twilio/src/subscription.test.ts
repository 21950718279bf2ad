import type { WebhookRequest } from '@chatcart/core';
import { describe, expect, it } from 'vitest';
import { answerVerifyTokenCheck } from './subscription.js';

const get = (query: Record<string, string>): WebhookRequest => ({
  method: 'GET',
  url: 'https://shop.example/whatsapp/webhook',
  headers: {},
  query,
  rawBody: '',
});
const subscribe = (token: string, challenge = '1158201444') =>
  get({ 'hub.mode': 'subscribe', 'hub.verify_token': token, 'hub.challenge': challenge });

describe('answerVerifyTokenCheck', () => {
  it('echoes the challenge when the verify token matches', () => {
    expect(answerVerifyTokenCheck(subscribe('s3cret-token'), 's3cret-token')).toEqual({
      status: 200,
      body: '1158201444',
    });
  });

  it('answers 403 to a wrong token, or when no token is configured', () => {
    expect(answerVerifyTokenCheck(subscribe('guess'), 's3cret-token').status).toBe(403);
    expect(answerVerifyTokenCheck(subscribe('s3cret-token-longer'), 's3cret-token').status).toBe(403);
    expect(answerVerifyTokenCheck(subscribe(''), undefined).status).toBe(403);
    expect(answerVerifyTokenCheck(subscribe(''), '').status).toBe(403);
  });

  it('answers 400 to an incomplete query or a challenge it will not echo', () => {
    expect(answerVerifyTokenCheck(get({}), 's3cret-token').status).toBe(400);
    expect(
      answerVerifyTokenCheck(
        get({ 'hub.mode': 'unsubscribe', 'hub.verify_token': 's3cret-token', 'hub.challenge': '1' }),
        's3cret-token',
      ).status,
    ).toBe(400);
    expect(answerVerifyTokenCheck(subscribe('s3cret-token', '<script>'), 's3cret-token').status).toBe(400);
    expect(answerVerifyTokenCheck(subscribe('s3cret-token', 'x'.repeat(257)), 's3cret-token').status).toBe(
      400,
    );
  });
});
