import type { MessageContext } from './message-context.js';

/** What an `error` event carries: the error nobody expected, and the message it happened on. */
export interface PipelineErrorEvent {
  readonly error: unknown;
  readonly ctx: MessageContext<object>;
}

/**
 * The events of the inbound pipeline, for an eventemitter3 `EventEmitter<MessagingEvents>`.
 *
 * - `error`: an error the error handler did not recognise (a bug or an outage, not a customer mistake)
 *   was turned into the generic reply. Hook alerting here.
 *
 * @example
 * ```ts
 * inbound.events.on('error', ({ error, ctx }) => sentry.captureException(error, { extra: { id: ctx.message.id } }));
 * ```
 */
export interface MessagingEvents {
  error: (event: PipelineErrorEvent) => void;
}
