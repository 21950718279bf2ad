import { describe, expect, it } from 'vitest';
import { createMessages } from '../conversation/messages.js';
import { DomainError, NotFoundError } from '../domain/errors.js';
import { defaultErrorReplies, errorRepliesFrom } from './error-replies.js';

describe('error replies', () => {
  it('reads the default texts from the English message catalog', () => {
    const english = createMessages();
    expect(defaultErrorReplies.rateLimited(4)).toBe(english.render('rateLimited', { seconds: 4 }));
    expect(defaultErrorReplies.unknown()).toBe(english.render('genericError'));
    expect(defaultErrorReplies.conflict()).toBe(english.render('conflict'));
    expect(defaultErrorReplies.unavailable()).toBe(english.render('serviceUnavailable'));
  });

  it('keeps the wording of every default reply', () => {
    expect(defaultErrorReplies.rateLimited(2)).toBe(
      "You're sending messages too fast. Please try again in 2 s.",
    );
    expect(
      defaultErrorReplies.invalidInput([{ path: 'items.0.quantity', message: 'must be at least 1' }]),
    ).toBe(
      "Sorry, I couldn't use that (items.0.quantity: must be at least 1). Please check it and send it again.",
    );
    expect(defaultErrorReplies.invalidInput([])).toBe(
      "Sorry, I couldn't understand that. Please check it and send it again.",
    );
    expect(
      defaultErrorReplies.domain(new DomainError('ORDER_EMPTY', 'An empty order cannot be confirmed.')),
    ).toBe("Sorry, that can't be done: An empty order cannot be confirmed.");
    expect(defaultErrorReplies.notFound(new NotFoundError('Order', 'ord_1'))).toBe(
      "Sorry, I couldn't find that order. Please check and try again.",
    );
    expect(defaultErrorReplies.byCode).toEqual({});
  });

  it('follows a reworded or translated catalog', () => {
    const replies = errorRepliesFrom(
      createMessages(
        {
          rateLimited: 'Doucement ! Réessayez dans {seconds} s.',
          notFound: ({ what }) => `Introuvable${what ? ` : ${what}` : ''}.`,
        },
        { locale: 'fr' },
      ),
    );
    expect(replies.rateLimited(3)).toBe('Doucement ! Réessayez dans 3 s.');
    expect(replies.notFound(new NotFoundError('Order', 'ord_1'))).toBe('Introuvable : order.');
    expect(replies.unknown()).toBe('Sorry, something went wrong on our side. Please try again in a moment.');
  });
});
