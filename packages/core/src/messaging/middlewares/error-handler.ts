import { EventEmitter } from 'eventemitter3';
import { ChatcartError, DomainError, NotFoundError, ValidationError } from '../../domain/errors.js';
import type { LogFields } from '../../ports/logger.js';
import { CallTimeoutError, CircuitOpenError, RateLimitError } from '../../resilience/errors.js';
import { defaultErrorReplies, type ErrorReplies } from '../error-replies.js';
import type { MessageContext } from '../message-context.js';
import type { MessagingEvents } from '../messaging-events.js';
import { isPromiseLike } from '../middleware.js';
import { asErrorHandler, type ErrorHandlerMiddleware } from '../pipeline.js';

/** Options of {@link errorHandler}. */
export interface ErrorHandlerOptions {
  /** Replies to change; the rest keep their defaults. */
  readonly messages?: Partial<ErrorReplies>;
  /**
   * Where `error` events go (see {@link MessagingEvents}). `createInboundPipeline` passes its own
   * `events`; otherwise the handler makes one, exposed as its `events` property.
   */
  readonly events?: EventEmitter<MessagingEvents>;
}

/** The error handler middleware, with the emitter its `error` events go to. */
export type ErrorHandler = ErrorHandlerMiddleware<MessageContext<object>> & {
  readonly middlewareName: 'errorHandler';
  readonly events: EventEmitter<MessagingEvents>;
};

type Level = 'info' | 'warn' | 'error';

/**
 * Catches whatever the rest of the pipeline throws, replaces the replies collected so far with one
 * friendly reply, and logs a line. Always outermost: the pipeline gives it a slot of its own, whatever the
 * order numbers of the others.
 *
 * | error | reply (`messages` key) | log level |
 * |---|---|---|
 * | `byCode[error.code]` set | that entry | as below |
 * | `RateLimitError` | `rateLimited(ceil(retryAfterMs / 1000))` | info for the user's own limit, warn for organization/global |
 * | `ValidationError` | `invalidInput(issues)`, naming each problem | info |
 * | `DomainError` | `domain(error)` | info |
 * | `NotFoundError` | `notFound(error)` | info |
 * | `VERSION_CONFLICT`, `SESSION_CONFLICT` | `conflict()` | warn |
 * | `CircuitOpenError`, `CallTimeoutError` | `unavailable()` | warn |
 * | anything else | `unknown()`, and an `error` event | error |
 *
 * Replies queued before the error are dropped: they may announce work that then failed.
 *
 * @example
 * ```ts
 * const onError = errorHandler({ messages: { unknown: () => 'Oops! Try again later.' } });
 * onError.events.on('error', ({ error }) => alert(error));
 * pipeline.use(onError);
 * ```
 */
export function errorHandler(options: ErrorHandlerOptions = {}): ErrorHandler {
  const messages: ErrorReplies = { ...defaultErrorReplies, ...options.messages };
  const events = options.events ?? new EventEmitter<MessagingEvents>();

  const handle = (error: unknown, ctx: MessageContext<object>): void => {
    const { reply, level, fields, unexpected } = describe(error, messages);
    ctx.replies.length = 0;
    ctx.reply(reply);
    ctx.logger[level](fields, unexpected ? 'message handling failed' : 'message refused');
    if (unexpected) {
      try {
        events.emit('error', { error, ctx });
      } catch (listenerError) {
        // A failing listener must not turn a handled message into an unhandled one.
        ctx.logger.error({ err: listenerError }, 'an error event listener threw');
      }
    }
  };

  const middleware = (ctx: MessageContext<object>, next: () => unknown): unknown => {
    let result: unknown;
    try {
      result = next();
    } catch (error) {
      handle(error, ctx);
      return undefined;
    }
    if (!isPromiseLike(result)) return result;
    return Promise.resolve(result).then(undefined, (error: unknown) => handle(error, ctx));
  };

  return Object.assign(asErrorHandler(middleware), {
    middlewareName: 'errorHandler' as const,
    events,
  });
}

interface Described {
  readonly reply: string;
  readonly level: Level;
  readonly fields: LogFields;
  /** True for errors nobody planned for: logged with the stack and announced as an `error` event. */
  readonly unexpected: boolean;
}

function describe(error: unknown, messages: ErrorReplies): Described {
  try {
    return classify(error, messages);
  } catch (messageError) {
    // A custom message function threw: still answer, generically, and say why in the log.
    return {
      reply: defaultErrorReplies.unknown(),
      level: 'error',
      fields: { err: error, messageError },
      unexpected: true,
    };
  }
}

function classify(error: unknown, messages: ErrorReplies): Described {
  const code = error instanceof ChatcartError ? error.code : undefined;
  const custom = code === undefined ? undefined : messages.byCode[code];
  const customReply = (): string | undefined =>
    custom === undefined ? undefined : typeof custom === 'string' ? custom : custom(error as ChatcartError);

  if (error instanceof RateLimitError) {
    const seconds = Math.max(1, Math.ceil(error.retryAfterMs / 1000));
    return {
      reply: customReply() ?? messages.rateLimited(seconds),
      level: error.scope === 'user' ? 'info' : 'warn',
      fields: { code, scope: error.scope, retryAfterMs: error.retryAfterMs },
      unexpected: false,
    };
  }
  if (error instanceof ValidationError) {
    return {
      reply: customReply() ?? messages.invalidInput(error.issues),
      level: 'info',
      fields: { code, issues: error.issues },
      unexpected: false,
    };
  }
  if (error instanceof DomainError) {
    return expected(customReply() ?? messages.domain(error), 'info', error);
  }
  if (error instanceof NotFoundError) {
    return expected(customReply() ?? messages.notFound(error), 'info', error);
  }
  if (code === 'VERSION_CONFLICT' || code === 'SESSION_CONFLICT') {
    return expected(customReply() ?? messages.conflict(), 'warn', error as ChatcartError);
  }
  if (error instanceof CircuitOpenError || error instanceof CallTimeoutError) {
    return expected(customReply() ?? messages.unavailable(), 'warn', error);
  }
  const reply = customReply();
  if (reply !== undefined) return expected(reply, 'info', error as ChatcartError);
  return { reply: messages.unknown(), level: 'error', fields: { err: error, code }, unexpected: true };
}

function expected(reply: string, level: Level, error: ChatcartError): Described {
  return { reply, level, fields: { code: error.code, details: error.details }, unexpected: false };
}
