import { ChatcartError, ConflictError } from '../../domain/errors.js';
import type { SessionStore } from '../../ports/session-store.js';
import type { MessageContext } from '../message-context.js';
import { defineMiddleware, MiddlewareOrder, type OrderedMiddleware } from '../middleware.js';
import { Session, type SessionData } from '../session.js';

const DAY_MS = 24 * 60 * 60 * 1000;

/** Options of {@link session}. */
export interface SessionOptions {
  readonly store: SessionStore;
  /** How long a session lives after the last message that wrote it. Default 24 h. */
  readonly ttlMs?: number;
  /**
   * An unchanged session is written again (to push its expiry back) only when its last write is older
   * than this. Default 60 s; `0` writes after every message, for an exact sliding expiry.
   */
  readonly touchAfterMs?: number;
  /** The data of a new session. Default `{}`. */
  readonly initial?: () => SessionData;
}

/**
 * Loads the customer's conversation session into `ctx.session` (by organization and phone number), runs
 * the rest of the chain, then saves it.
 *
 * **Sliding expiry with bounded writes.** A session expires `ttlMs` after it was last written. It is
 * written when it changed; an unchanged one is written again only when its last write is older than
 * `touchAfterMs` (as connect-mongo's `touchAfter`), so a session expires at most `touchAfterMs` earlier
 * than an exact sliding expiry would, and a chatty customer does not cost a write per message. The store
 * port has no separate "touch", so a touch is a full compare-and-set write. A new session nobody changed
 * is not stored at all.
 *
 * **Compare-and-set.** The save expects the version that was loaded. If another instance saved this
 * customer's session in between, the save fails with a `ChatcartError` `SESSION_CONFLICT` (cause: the
 * store's `ConflictError`), which the error handler answers with "please send that again". We do not retry
 * the rest of the chain: it may already have done things that must not happen twice (an order placed),
 * and merging two versions of arbitrary data is not possible generically. The per-customer serialization
 * that comes with the engine makes this rare.
 *
 * **Failure.** When the rest of the chain throws, nothing is saved: the session stays as it was before the
 * message.
 *
 * `session.destroy()` deletes the stored session instead (without compare-and-set: the port has none for
 * deletes).
 *
 * Default order: {@link MiddlewareOrder.session}.
 *
 * @example
 * ```ts
 * pipeline.use(session({ store: new MemorySessionStore(), ttlMs: 12 * 60 * 60 * 1000 }));
 * ```
 */
export function session(options: SessionOptions): OrderedMiddleware<MessageContext<object>> {
  const { store, initial } = options;
  const ttlMs = options.ttlMs ?? DAY_MS;
  const touchAfterMs = options.touchAfterMs ?? 60_000;
  if (!(ttlMs > 0)) throw new RangeError(`session: ttlMs must be positive, got ${ttlMs}`);
  if (!(touchAfterMs >= 0)) throw new RangeError(`session: touchAfterMs must be ≥ 0, got ${touchAfterMs}`);

  return defineMiddleware<MessageContext<object>>(
    async (ctx, next) => {
      const { organizationId, phone } = ctx;
      const loaded = new Session(await store.get(organizationId, phone), initial);
      ctx.session = loaded;
      await next();

      if (loaded.destroyed) {
        if (!loaded.isNew) await store.delete(organizationId, phone);
        return;
      }
      if (!loaded.changed) {
        if (loaded.isNew) return;
        // expiresAt − ttl is when it was last written (assuming the same ttl), so this asks "is the last
        // write older than touchAfterMs?" without storing a second timestamp.
        const lastWrittenAt = (loaded.expiresAt ?? 0) - ttlMs;
        if (ctx.clock.now() - lastWrittenAt < touchAfterMs) return;
      }
      try {
        await store.set(organizationId, phone, loaded.toJSON(), { ttlMs, expectedVersion: loaded.version });
      } catch (error) {
        if (!(error instanceof ConflictError)) throw error;
        throw new ChatcartError(
          'SESSION_CONFLICT',
          'The session was saved by another handler of the same customer while this message was handled; its changes were not saved.',
          { cause: error, details: { organizationId, expectedVersion: loaded.version } },
        );
      }
    },
    { order: MiddlewareOrder.session, name: 'session' },
  );
}
