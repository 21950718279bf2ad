import type { MoneySnapshot } from '../domain/money.js';
import type { OrderStatus } from '../domain/order-snapshot.js';
import type { RejectionReason } from './item-parser.js';

/** No parameters. */
export type NoParams = Readonly<Record<string, never>>;

/** One line of an order summary. Money may be a `Money` or its snapshot. */
export interface OrderSummaryLine {
  readonly name: string;
  readonly quantity: number;
  readonly unitPrice: MoneySnapshot;
  readonly lineTotal: MoneySnapshot;
}

/** An order as the customer reviews it: its lines and the total. */
export interface OrderSummary {
  readonly lines: readonly OrderSummaryLine[];
  readonly total: MoneySnapshot;
}

/** One product of the price list. */
export interface CatalogListEntry {
  readonly name: string;
  readonly price: MoneySnapshot;
  /** False when it is out of stock. */
  readonly available: boolean;
}

/**
 * The parameters of every message, by key. A key with {@link NoParams} takes none. Money parameters are
 * formatted for the catalog's locale; lists are joined the locale's way.
 */
export interface MessageParams {
  /** The first answer to "hi". */
  readonly greeting: { readonly shopName: string; readonly customerName: string | null };
  /** What the bot can do and how to ask. */
  readonly helpMenu: { readonly shopName: string };
  /** The price list. */
  readonly catalogList: { readonly products: readonly CatalogListEntry[] };
  /** The price list has nothing to show. */
  readonly catalogEmpty: NoParams;
  /** The draft order, for review before confirming. */
  readonly draftReview: { readonly summary: OrderSummary };
  /** The customer asked for the cart but it is empty. */
  readonly draftEmpty: NoParams;
  /** One line of an order summary; money already formatted. */
  readonly orderSummaryLine: {
    readonly name: string;
    readonly quantity: number;
    readonly unitPrice: string;
    readonly lineTotal: string;
  };
  /** The last line of an order summary; money already formatted. */
  readonly orderSummaryTotal: { readonly total: string };
  readonly itemAdded: { readonly name: string; readonly quantity: number };
  readonly itemRemoved: { readonly name: string };
  readonly itemQuantityChanged: { readonly name: string; readonly quantity: number };
  /** Several products fit what the customer wrote: ask which, numbered from 1. */
  readonly ambiguousItem: { readonly query: string; readonly options: readonly string[] };
  /** Nothing in the catalog fits; `suggestions` may be empty. */
  readonly unknownItem: { readonly query: string; readonly suggestions: readonly string[] };
  /** `available` is what is on hand, fewer than asked for (0 when none). */
  readonly outOfStock: { readonly name: string; readonly available: number };
  /** A line of the list could not be read as an item. */
  readonly itemRejected: {
    readonly raw: string;
    readonly reason: RejectionReason;
    readonly maxQuantity: number;
  };
  /** The list had more items than one message may hold; `overflow` were not read. */
  readonly listTooLong: { readonly maxItems: number; readonly overflow: number };
  /** Ask to confirm the draft. */
  readonly confirmPrompt: { readonly total: MoneySnapshot };
  readonly orderConfirmed: { readonly reference: string; readonly total: MoneySnapshot };
  readonly orderCancelled: { readonly reference: string | null };
  /** Where an order stands; the default says the status with `orderStatusName`. */
  readonly orderStatus: { readonly reference: string; readonly status: OrderStatus };
  /** An order status in words. */
  readonly orderStatusName: { readonly status: OrderStatus };
  readonly nothingToCancel: NoParams;
  /** The customer sent STOP. */
  readonly optedOut: NoParams;
  /** The customer sent START. */
  readonly optedIn: NoParams;
  readonly notUnderstood: NoParams;
  /** The conversation timed out; `cartSaved` when the draft order is kept for later. */
  readonly sessionExpired: { readonly cartSaved: boolean };
  /** `seconds` is whole and at least 1. */
  readonly rateLimited: { readonly seconds: number };
  /** What they sent could not be used; each problem is a sentence fragment. */
  readonly validationGuidance: { readonly problems: readonly string[] };
  /** A business rule refused the request; `reason` is the rule's own explanation. */
  readonly businessRuleRefused: { readonly reason: string };
  /** Something they referred to does not exist; `what` is a lower-case noun ("order") when known. */
  readonly notFound: { readonly what: string | null };
  /** Two of their messages raced. */
  readonly conflict: NoParams;
  /** A service we depend on is down or slow. */
  readonly serviceUnavailable: NoParams;
  /** Anything else; says nothing about the cause. */
  readonly genericError: NoParams;
}

/** The key of a message. */
export type MessageKey = keyof MessageParams;

/** Helpers a template function may use, bound to the catalog's locale. */
export interface MessageFormat {
  /** The BCP 47 locale texts are written for. */
  readonly locale: string;
  /** An amount with its currency symbol and the currency's minor digits: `$1,234.50`, `¥1,500`. */
  money(amount: MoneySnapshot): string;
  /** A number the locale's way (`1,5` in pt-BR). */
  number(value: number): string;
  /** Words joined the locale's way: "a, b and c", or with `'or'` "a, b or c". */
  list(items: readonly string[], kind?: 'and' | 'or'): string;
  /** Another message of the same catalog (so a template can reuse `orderSummaryLine`). */
  render<K extends MessageKey>(key: K, ...params: MessageArgs<K>): string;
  /** An order summary, line by line, then the total (`orderSummaryLine`, `orderSummaryTotal`). */
  orderSummary(summary: OrderSummary): string;
}

/**
 * One message: a string with named `{placeholders}` (filled from the parameters; money and lists are
 * formatted, unknown names stay visible) or a function of the parameters.
 */
export type MessageTemplate<P> = string | ((params: P, format: MessageFormat) => string);

/** Every message text, by key: the English default is `englishMessages`. */
export type MessageCatalog = { readonly [K in MessageKey]: MessageTemplate<MessageParams[K]> };

/** The parameter list of `render(key, …)`: none for keys without parameters. */
export type MessageArgs<K extends MessageKey> = NoParams extends MessageParams[K]
  ? [params?: MessageParams[K]]
  : [params: MessageParams[K]];
