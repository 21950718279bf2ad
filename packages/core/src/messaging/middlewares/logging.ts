import type { MessageContext } from '../message-context.js';
import { defineMiddleware, isPromiseLike, MiddlewareOrder, type OrderedMiddleware } from '../middleware.js';

/**
 * Logs every inbound message on `ctx.logger` (whose lines already carry the organization, the message id
 * and the phone redacted to its last four digits), then how handling ended.
 *
 * - info, before: `inbound message` with the text's length and whether it has media, a location or a
 *   button payload. Never the text itself: message bodies hold addresses, names and orders, and info logs
 *   are shipped and kept.
 * - debug, before: `inbound message body` with the text, the button payload and the media URLs.
 * - info, after: `message handled` with `durationMs`, `outcome` (`handled` or `failed`), the number of
 *   replies and, on failure, the error's `code` (the error handler, outside, logs the error itself).
 *
 * Default order: {@link MiddlewareOrder.logging}. Synchronous when the rest of the chain is.
 *
 * @example
 * ```ts
 * pipeline.use(logging());
 * ```
 */
export function logging(): OrderedMiddleware<MessageContext<object>> {
  return defineMiddleware<MessageContext<object>>(
    (ctx, next) => {
      const message = ctx.message;
      const logger = ctx.logger;
      logger.info(
        {
          chars: message.text.length,
          media: message.media?.length ?? 0,
          hasLocation: message.location !== undefined,
          hasButton: message.buttonPayload !== undefined,
        },
        'inbound message',
      );
      logger.debug(
        {
          text: message.text,
          buttonPayload: message.buttonPayload,
          mediaUrls: message.media?.map((media) => media.url),
        },
        'inbound message body',
      );
      const started = ctx.clock.now();
      let result: unknown;
      try {
        result = next();
      } catch (error) {
        finished(ctx, started, error);
        throw error;
      }
      if (!isPromiseLike(result)) {
        finished(ctx, started, undefined);
        return result;
      }
      return Promise.resolve(result).then(
        (value) => {
          finished(ctx, started, undefined);
          return value;
        },
        (error: unknown) => {
          finished(ctx, started, error);
          throw error;
        },
      );
    },
    { order: MiddlewareOrder.logging, name: 'logging' },
  );
}

function finished(ctx: MessageContext<object>, started: number, error: unknown): void {
  ctx.logger.info(
    {
      durationMs: ctx.clock.now() - started,
      outcome: error === undefined ? 'handled' : 'failed',
      replies: ctx.replies.length,
      code: codeOf(error),
    },
    'message handled',
  );
}

function codeOf(error: unknown): string | undefined {
  if (error === undefined) return undefined;
  const code = (error as { code?: unknown } | null)?.code;
  return typeof code === 'string' ? code : 'UNKNOWN';
}
