import type { ChatcartError, DomainError, NotFoundError, ValidationIssue } from '../domain/errors.js';

/**
 * What the customer is told when handling their message failed, one entry per kind of failure. Pass a
 * partial object to `errorHandler({ messages })` to change some; a later release replaces this with the
 * full message catalog, keeping these keys.
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

/** The default English replies. */
export const defaultErrorReplies: ErrorReplies = Object.freeze({
  byCode: Object.freeze({}),
  rateLimited: (seconds: number) => `You're sending messages too fast. Please try again in ${seconds} s.`,
  invalidInput: (issues: readonly ValidationIssue[]) => {
    const listed = issues.map((issue) => (issue.path ? `${issue.path}: ${issue.message}` : issue.message));
    return listed.length > 0
      ? `Sorry, I couldn't use that (${listed.join('; ')}). Please check it and send it again.`
      : "Sorry, I couldn't understand that. Please check it and send it again.";
  },
  domain: (error: DomainError) => `Sorry, that can't be done: ${error.message}`,
  notFound: (error: NotFoundError) => {
    const what = typeof error.details.what === 'string' ? ` ${error.details.what.toLowerCase()}` : '';
    return `Sorry, I couldn't find that${what}. Please check and try again.`;
  },
  conflict: () => 'We were handling another message of yours at the same time. Please send that again.',
  unavailable: () => "We're having trouble reaching one of our services. Please try again in a few minutes.",
  unknown: () => 'Sorry, something went wrong on our side. Please try again in a moment.',
});
