import { createMessages, type Messages } from '../conversation/messages.js';
import type { ChatcartError, DomainError, NotFoundError, ValidationIssue } from '../domain/errors.js';

/**
 * What the customer is told when handling their message failed, one entry per kind of failure. Pass a
 * partial object to `errorHandler({ messages })` to change some, or build all of them from a message
 * catalog with {@link errorRepliesFrom}. The default texts live in `englishMessages`.
 *
 * @example
 * ```ts
 * errorHandler({
 *   messages: {
 *     rateLimited: (s) => `Doucement ! Réessayez dans ${s} s.`,
 *     byCode: { ORDER_EMPTY: 'Your cart is empty: send a product list first.' },
 *   },
 * });
 * ```
 */
export interface ErrorReplies {
  /** Replies for specific error codes; checked before every other entry. */
  readonly byCode: Readonly<Record<string, string | ((error: ChatcartError) => string)>>;
  /** The customer sent too many messages; `retryAfterSeconds` is rounded up and at least 1. */
  rateLimited(retryAfterSeconds: number): string;
  /** What they sent could not be used; `issues` names each problem. */
  invalidInput(issues: readonly ValidationIssue[]): string;
  /** A business rule refused the request. The default shows the error's message, written for people. */
  domain(error: DomainError): string;
  /** Something they referred to does not exist. */
  notFound(error: NotFoundError): string;
  /** Two changes raced (for example two messages of theirs handled at once). */
  conflict(): string;
  /** A service we depend on is down or slow (circuit open, timeout). */
  unavailable(): string;
  /** Anything else: a bug or an outage. Says nothing about the cause. */
  unknown(): string;
}

/**
 * Error replies read from a message catalog (`rateLimited`, `validationGuidance`, `businessRuleRefused`,
 * `notFound`, `conflict`, `serviceUnavailable`, `genericError`), so a translated catalog also translates
 * what the error handler says.
 *
 * @example
 * ```ts
 * const messages = createMessages({ genericError: 'Oups, réessayez plus tard.' }, { locale: 'fr' });
 * errorHandler({ messages: errorRepliesFrom(messages) });
 * ```
 */
export function errorRepliesFrom(messages: Messages): ErrorReplies {
  return Object.freeze({
    byCode: Object.freeze({}),
    rateLimited: (seconds: number) => messages.render('rateLimited', { seconds }),
    invalidInput: (issues: readonly ValidationIssue[]) =>
      messages.render('validationGuidance', {
        problems: issues.map((issue) => (issue.path ? `${issue.path}: ${issue.message}` : issue.message)),
      }),
    domain: (error: DomainError) => messages.render('businessRuleRefused', { reason: error.message }),
    notFound: (error: NotFoundError) =>
      messages.render('notFound', {
        what: typeof error.details.what === 'string' ? error.details.what.toLowerCase() : null,
      }),
    conflict: () => messages.render('conflict'),
    unavailable: () => messages.render('serviceUnavailable'),
    unknown: () => messages.render('genericError'),
  });
}

/** The default English replies, from `englishMessages`. */
export const defaultErrorReplies: ErrorReplies = errorRepliesFrom(createMessages());
