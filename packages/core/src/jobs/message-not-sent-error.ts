import { ChatcartError } from '../domain/errors.js';

/**
 * Thrown by a transport when it knows the message did **not** go out (the provider answered with an error,
 * the request never left). Jobs release their send claim and retry such a send. Any other error from
 * `send` is ambiguous (a timeout after the request was written may still have delivered), so the message is
 * treated as possibly sent and never sent again.
 *
 * @example
 * ```ts
 * if (response.statusCode >= 400) throw new MessageNotSentError('twilio', `HTTP ${response.statusCode}`);
 * ```
 */
export class MessageNotSentError extends ChatcartError {
  constructor(transport: string, reason: string, options: { cause?: unknown } = {}) {
    super('MESSAGE_NOT_SENT', `The ${transport} transport did not send the message: ${reason}.`, {
      ...options,
      details: { transport, reason },
    });
  }
}

/** Codes of errors that prove a send was not attempted or refused before anything went out. */
const NOT_SENT_CODES = new Set(['MESSAGE_NOT_SENT', 'CIRCUIT_OPEN', 'RATE_LIMITED', 'VALIDATION_FAILED']);

/**
 * True when `error` proves the message did not go out: a {@link MessageNotSentError}, an open circuit
 * breaker, a rate limit, or invalid input. Checked by code, so it holds across copies of the package.
 */
export function provesNotSent(error: unknown): boolean {
  return error instanceof ChatcartError && NOT_SENT_CODES.has(error.code);
}
