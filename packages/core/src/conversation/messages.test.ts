import { describe, expect, it } from 'vitest';
import { Money } from '../domain/money.js';
import { Order } from '../domain/order.js';
import { englishMessages } from './english-messages.js';
import type { MessageCatalog, OrderSummary } from './message-catalog.js';
import { createMessages } from './messages.js';

const usd = (amountMinor: number) => ({ amountMinor, currency: 'USD' });

const summary: OrderSummary = {
  lines: [
    { name: 'Coca Cola 500ml', quantity: 2, unitPrice: usd(150), lineTotal: usd(300) },
    { name: 'Bread', quantity: 1, unitPrice: usd(1234), lineTotal: usd(1234) },
  ],
  total: usd(1534),
};

describe('createMessages', () => {
  it('renders the English defaults', () => {
    const messages = createMessages();
    expect(messages.render('rateLimited', { seconds: 3 })).toBe(
      "You're sending messages too fast. Please try again in 3 s.",
    );
    expect(messages.render('notUnderstood')).toContain("didn't understand");
    expect(messages.render('greeting', { shopName: 'Corner Shop', customerName: 'Ana' })).toMatch(
      /^Hi Ana! Welcome to Corner Shop\./,
    );
    expect(messages.render('greeting', { shopName: 'Corner Shop', customerName: null })).toMatch(
      /^Hi! Welcome/,
    );
  });

  it('has a text for every key', () => {
    const messages = createMessages();
    for (const key of Object.keys(englishMessages)) {
      expect(typeof messages.catalog[key as keyof MessageCatalog]).toMatch(/string|function/);
    }
  });

  it('fills named placeholders of string templates, formatting numbers and money', () => {
    const messages = createMessages();
    expect(messages.render('itemAdded', { name: 'Bread', quantity: 2 })).toBe('Added 2 × Bread.');
    expect(messages.render('confirmPrompt', { total: usd(1534) })).toBe(
      'Your total is $15.34. Reply YES to place your order, or NO to keep editing it.',
    );
    expect(messages.render('orderConfirmed', { reference: 'ORD-7', total: Money.of(1500, 'JPY') })).toBe(
      'Thank you! Your order ORD-7 is confirmed. Total: ¥1,500.',
    );
  });

  it('merges partial overrides and keeps the other texts', () => {
    const messages = createMessages({
      itemAdded: 'Adicionado: {quantity} × {name}.',
      outOfStock: ({ name, available }) => `Só temos ${available} × ${name}.`,
    });
    expect(messages.render('itemAdded', { name: 'Pão', quantity: 3 })).toBe('Adicionado: 3 × Pão.');
    expect(messages.render('outOfStock', { name: 'Pão', available: 1 })).toBe('Só temos 1 × Pão.');
    expect(messages.render('itemRemoved', { name: 'Pão' })).toBe('Removed Pão from your order.');
  });

  it('leaves an unknown placeholder visible', () => {
    const messages = createMessages({ itemRemoved: 'Removed {product}.' });
    expect(messages.render('itemRemoved', { name: 'Bread' })).toBe('Removed {product}.');
  });

  it('formats numbers, money and lists for the locale', () => {
    const messages = createMessages({ confirmPrompt: 'Total: {total}' }, { locale: 'pt-BR' });
    expect(messages.render('confirmPrompt', { total: { amountMinor: 123456, currency: 'BRL' } })).toBe(
      'Total: R$\u00A01.234,56',
    );
    expect(messages.number(1.5)).toBe('1,5');
    expect(messages.list(['pão', 'leite', 'café'])).toBe('pão, leite e café');
    expect(createMessages().money({ amountMinor: 1234, currency: 'KWD' })).toBe('KWD\u00A01.234');
  });

  it('formats an order summary with unit prices, line totals and the total', () => {
    expect(createMessages().orderSummary(summary)).toBe(
      ['2 × Coca Cola 500ml @ $1.50 = $3.00', '1 × Bread @ $12.34 = $12.34', 'Total: $15.34'].join('\n'),
    );
    expect(createMessages().render('draftReview', { summary })).toContain('Total: $15.34');
  });

  it('summarises an order aggregate directly', () => {
    const order = Order.create({
      id: 'ord_1',
      organizationId: 'org_1',
      customerId: 'cus_1',
      currency: 'EUR',
      now: 0,
    });
    order.addItem({ productId: 'p1', name: 'Croissant', unitPrice: Money.of(120, 'EUR'), quantity: 3 }, 0);
    expect(
      createMessages({}, { locale: 'fr-FR' }).orderSummary({ lines: order.items, total: order.total }),
    ).toBe('3 × Croissant @ 1,20\u00A0€ = 3,60\u00A0€\nTotal: 3,60\u00A0€');
  });

  it('answers every conversation key', () => {
    const messages = createMessages();
    expect(messages.render('ambiguousItem', { query: 'coke', options: ['Coke 330ml', 'Coke 1.5L'] })).toBe(
      'Which one did you mean by "coke"?\n1. Coke 330ml\n2. Coke 1.5L\nReply with the number.',
    );
    expect(messages.render('unknownItem', { query: 'cokke', suggestions: ['Coke', 'Coke Zero'] })).toBe(
      'Sorry, I couldn\'t find "cokke". Did you mean "Coke" or "Coke Zero"?',
    );
    expect(messages.render('outOfStock', { name: 'Eggs', available: 0 })).toBe(
      'Sorry, Eggs is out of stock right now.',
    );
    expect(messages.render('orderStatus', { reference: 'ORD-1', status: 'SHIPPED' })).toBe(
      'Your order ORD-1 is on its way.',
    );
    expect(
      messages.render('itemRejected', {
        raw: '20000 rice',
        reason: 'quantity_too_large',
        maxQuantity: 10000,
      }),
    ).toBe('I couldn\'t add "20000 rice": that is more than the 10000 I can take of one item.');
    expect(messages.render('sessionExpired', { cartSaved: true })).toContain('saved your cart');
    expect(
      messages.render('catalogList', {
        products: [
          { name: 'Bread', price: usd(250), available: true },
          { name: 'Eggs', price: usd(400), available: false },
        ],
      }),
    ).toContain('• Bread: $2.50\n• Eggs: $4.00 (out of stock)');
  });

  it('refuses unknown keys, wrong values and bad locales', () => {
    expect(() => createMessages({ greting: 'Hi' } as unknown as Partial<MessageCatalog>)).toThrow(/greting/);
    expect(() => createMessages({ greeting: 42 } as unknown as Partial<MessageCatalog>)).toThrow(/greeting/);
    expect(() => createMessages({}, { locale: 'not a locale!' })).toThrow(/locale/);
  });

  it('takes a complete catalog of another language as the base', () => {
    const spanish: MessageCatalog = { ...englishMessages, notUnderstood: 'Perdón, no entendí.' };
    const messages = createMessages(
      { optedOut: 'Listo, no te escribiremos más.' },
      { base: spanish, locale: 'es' },
    );
    expect(messages.render('notUnderstood')).toBe('Perdón, no entendí.');
    expect(messages.render('optedOut')).toBe('Listo, no te escribiremos más.');
  });
});
