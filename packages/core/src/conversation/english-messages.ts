import type { OrderStatus } from '../domain/order-snapshot.js';
import type { RejectionReason } from './item-parser.js';
import type { MessageCatalog } from './message-catalog.js';

const STATUS_NAMES: Readonly<Record<OrderStatus, string>> = {
  DRAFT: 'not confirmed yet',
  CONFIRMED: 'confirmed',
  PROCESSING: 'being prepared',
  SHIPPED: 'on its way',
  DELIVERED: 'delivered',
  CANCELLED: 'cancelled',
};

const REJECTIONS: Readonly<Record<RejectionReason, (max: number) => string>> = {
  empty: () => 'which product is that for?',
  zero_quantity: () => 'the quantity is 0. To leave an item out, just skip it.',
  quantity_too_large: (max) => `that is more than the ${max} I can take of one item.`,
  invalid_quantity: () => 'I can only take whole numbers of that item (fractions work for kg, g, l and ml).',
  ambiguous_quantity: () => 'it has two quantities. Please give one.',
  too_long: () => 'that is too long for a product name.',
};

const numbered = (options: readonly string[]): string =>
  options.map((option, i) => `${i + 1}. ${option}`).join('\n');

/**
 * The default English texts of every customer-facing message. Reword or translate some of them with
 * `createMessages({ … })`, or all of them by passing a complete catalog of your own.
 */
export const englishMessages: MessageCatalog = Object.freeze({
  greeting: ({ shopName, customerName }) =>
    `Hi${customerName ? ` ${customerName}` : ''}! Welcome to ${shopName}. Send me your shopping list, one item per line (for example "2x Coca Cola 500ml"), or type MENU to see what I can do.`,
  helpMenu: ({ shopName }) =>
    [
      `Here is what I can do for you at ${shopName}:`,
      '• Send a list of products to start an order, e.g. "2 bread, 1 kg rice"',
      '• CATALOG: see our products and prices',
      '• CART: review your order',
      '• CONFIRM: place your order',
      '• CANCEL: cancel your order',
      '• STATUS: where is my order?',
      '• STOP: no more messages from us',
    ].join('\n'),
  catalogList: ({ products }, format) =>
    [
      'Our products:',
      ...products.map(
        (product) =>
          `• ${product.name}: ${format.money(product.price)}${product.available ? '' : ' (out of stock)'}`,
      ),
      'Send me what you would like, one item per line.',
    ].join('\n'),
  catalogEmpty: 'There is nothing in our catalog right now. Please check back later.',
  draftReview: ({ summary }, format) =>
    `Your order:\n${format.orderSummary(summary)}\nReply CONFIRM to place it, or send more items to add.`,
  draftEmpty: 'Your cart is empty. Send me a list of products to start an order.',
  orderSummaryLine: '{quantity} × {name} @ {unitPrice} = {lineTotal}',
  orderSummaryTotal: 'Total: {total}',
  itemAdded: 'Added {quantity} × {name}.',
  itemRemoved: 'Removed {name} from your order.',
  itemQuantityChanged: 'You now have {quantity} × {name}.',
  ambiguousItem: ({ query, options }) =>
    `Which one did you mean by "${query}"?\n${numbered(options)}\nReply with the number.`,
  unknownItem: ({ query, suggestions }, format) =>
    suggestions.length > 0
      ? `Sorry, I couldn't find "${query}". Did you mean ${format.list(
          suggestions.map((name) => `"${name}"`),
          'or',
        )}?`
      : `Sorry, I couldn't find "${query}" in our catalog. Type CATALOG to see what we have.`,
  outOfStock: ({ name, available }) =>
    available > 0
      ? `Sorry, we only have ${available} × ${name} left.`
      : `Sorry, ${name} is out of stock right now.`,
  itemRejected: ({ raw, reason, maxQuantity }) =>
    `I couldn't add "${raw}": ${REJECTIONS[reason](maxQuantity)}`,
  listTooLong: ({ maxItems, overflow }) =>
    `I read the first ${maxItems} items of your list; please send the other ${overflow} in another message.`,
  confirmPrompt: 'Your total is {total}. Reply YES to place your order, or NO to keep editing it.',
  orderConfirmed: 'Thank you! Your order {reference} is confirmed. Total: {total}.',
  orderCancelled: ({ reference }) =>
    reference ? `Your order ${reference} has been cancelled.` : 'Your order has been cancelled.',
  orderStatus: ({ reference, status }, format) =>
    `Your order ${reference} is ${format.render('orderStatusName', { status })}.`,
  orderStatusName: ({ status }) => STATUS_NAMES[status],
  nothingToCancel: 'You have no order that can be cancelled.',
  optedOut: "You won't get any more messages from us. Send START at any time to hear from us again.",
  optedIn: "Welcome back! You'll get our messages again. Send STOP at any time to stop them.",
  notUnderstood: "Sorry, I didn't understand that. Send a list of products to order, or MENU for help.",
  sessionExpired: ({ cartSaved }) =>
    cartSaved
      ? "We hadn't heard from you for a while, so I saved your cart. Send CART to pick up where you left off."
      : "We hadn't heard from you for a while, so let's start again. Send me your shopping list.",
  rateLimited: ({ seconds }) => `You're sending messages too fast. Please try again in ${seconds} s.`,
  validationGuidance: ({ problems }) =>
    problems.length > 0
      ? `Sorry, I couldn't use that (${problems.join('; ')}). Please check it and send it again.`
      : "Sorry, I couldn't understand that. Please check it and send it again.",
  businessRuleRefused: ({ reason }) => `Sorry, that can't be done: ${reason}`,
  notFound: ({ what }) => `Sorry, I couldn't find that${what ? ` ${what}` : ''}. Please check and try again.`,
  conflict: 'We were handling another message of yours at the same time. Please send that again.',
  serviceUnavailable: "We're having trouble reaching one of our services. Please try again in a few minutes.",
  genericError: 'Sorry, something went wrong on our side. Please try again in a moment.',
});
