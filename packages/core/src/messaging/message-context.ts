import { ChatcartError } from '../domain/errors.js';
import { type Clock, systemClock } from '../ports/clock.js';
import { type Logger, silentLogger } from '../ports/logger.js';
import type { InboundMessage, OutboundMessage } from '../ports/messaging-transport.js';
import { redactPhone } from './redact-phone.js';
import type { Session } from './session.js';

/** What a {@link MessageContext} is made from. */
export interface MessageContextInit<TState extends object> {
  readonly message: InboundMessage;
  /** The bot's logger; the context's own is a child of it. Defaults to a silent one. */
  readonly logger?: Logger;
  readonly clock?: Clock;
  /** The initial state bag; defaults to an empty object. */
  readonly state?: TState;
}

/**
 * Everything a middleware needs about one inbound message, created once per message and passed down the
 * pipeline (grammY's `Context`). It never does I/O: replies are collected in `replies` and the caller
 * sends them after the pipeline has run, so a test can run a message through a bot and read the answers.
 *
 * Cheap to create: a class with no closures; the child logger and its redacted phone are made on first
 * use.
 *
 * @typeParam TState - the shape of `state`, where middlewares leave things for the ones after them.
 *
 * @example
 * ```ts
 * const ctx = new MessageContext({ message, logger, clock });
 * await pipeline.handle(ctx);
 * for (const reply of ctx.replies) await transport.send(ctx.organizationId, reply);
 * ```
 */
export class MessageContext<TState extends object = Record<string, unknown>> {
  /** The message being handled. */
  readonly message: InboundMessage;
  /** The organization (shop) the message was sent to. */
  readonly organizationId: string;
  /** The customer's phone number in E.164: who replies go to. Log `redactPhone(phone)`, never this. */
  readonly phone: string;
  /** The clock; use it for durations. */
  readonly clock: Clock;
  /** When handling started, from the clock: one consistent "now" for every middleware. */
  readonly now: number;
  /** A bag where middlewares leave things for the ones after them. */
  readonly state: TState;
  /** Replies collected so far, in order; the caller sends them after the pipeline has run. */
  readonly replies: OutboundMessage[] = [];
  readonly #baseLogger: Logger;
  #logger: Logger | undefined;
  #session: Session | undefined;

  constructor(init: MessageContextInit<TState>) {
    this.message = init.message;
    this.organizationId = init.message.organizationId;
    this.phone = init.message.from;
    this.clock = init.clock ?? systemClock;
    this.now = this.clock.now();
    this.state = init.state ?? ({} as TState);
    this.#baseLogger = init.logger ?? silentLogger;
  }

  /** A logger whose lines carry the organization, the message id and the redacted phone. */
  get logger(): Logger {
    this.#logger ??= this.#baseLogger.child({
      organizationId: this.organizationId,
      messageId: this.message.id,
      phone: redactPhone(this.phone),
    });
    return this.#logger;
  }

  /**
   * The customer's conversation session, loaded by the session middleware.
   *
   * @throws ChatcartError `SESSION_NOT_LOADED` when read before the session middleware ran (or without it).
   */
  get session(): Session {
    if (this.#session === undefined) {
      throw new ChatcartError(
        'SESSION_NOT_LOADED',
        'ctx.session was read before the session middleware loaded it; add session() to the pipeline and give this middleware a higher order.',
      );
    }
    return this.#session;
  }

  set session(session: Session) {
    this.#session = session;
  }

  /** True once the session middleware has loaded the session. */
  get hasSession(): boolean {
    return this.#session !== undefined;
  }

  /** Queues a text reply to the customer. */
  reply(text: string): void {
    this.replies.push({ kind: 'text', to: this.phone, body: text });
  }

  /** Queues any outbound message (media, template, or text to someone else). */
  replyWith(message: OutboundMessage): void {
    this.replies.push(message);
  }
}
