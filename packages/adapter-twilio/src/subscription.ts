import type { SubscriptionAnswer, WebhookRequest } from '@chatcart/core';
import { constantTimeEquals } from './constant-time.js';

/** Longer challenges are refused: the answer echoes it, so it is kept short and plain. */
const MAX_CHALLENGE_LENGTH = 256;

/**
 * Answers the GET check of the webhook URL: `?hub.mode=subscribe&hub.verify_token=…&hub.challenge=…`
 * gets `200` with the challenge when the token equals the configured verify token
 * (`WHATSAPP_VERIFY_TOKEN`), `403` when it does not or none is configured, `400` when the query is
 * incomplete. The token is compared in constant time.
 */
export function answerVerifyTokenCheck(
  request: WebhookRequest,
  verifyToken: string | undefined,
): SubscriptionAnswer {
  const mode = request.query['hub.mode'];
  const token = request.query['hub.verify_token'];
  const challenge = request.query['hub.challenge'];
  if (mode !== 'subscribe' || token === undefined || challenge === undefined) {
    return { status: 400, body: 'Expected hub.mode=subscribe, hub.verify_token and hub.challenge.' };
  }
  if (verifyToken === undefined || verifyToken === '' || !constantTimeEquals(token, verifyToken)) {
    return { status: 403, body: 'Forbidden' };
  }
  if (challenge.length > MAX_CHALLENGE_LENGTH || !/^[\w.~-]+$/.test(challenge)) {
    return { status: 400, body: 'hub.challenge must be at most 256 letters, digits, or . _ ~ -' };
  }
  return { status: 200, body: challenge };
}
