import { ValidationError, type ValidationIssue } from '../domain/errors.js';
import type { MoneySnapshot } from '../domain/money.js';
import { englishMessages } from './english-messages.js';
import type {
  MessageArgs,
  MessageCatalog,
  MessageFormat,
  MessageKey,
  MessageParams,
  MessageTemplate,
  OrderSummary,
} from './message-catalog.js';
import { MoneyFormatter } from './money-format.js';

/** Options of {@link createMessages}. */
export interface MessagesOptions {
  /** The BCP 47 locale the texts are written for: numbers, money and lists follow it. Default `en`. */
  readonly locale?: string;
  /** The catalog the overrides apply to. Default {@link englishMessages}. */
  readonly base?: MessageCatalog;
}

const PLACEHOLDER = /\{(\w+)\}/g;

function isMoney(value: unknown): value is MoneySnapshot {
  return (
    typeof value === 'object' &&
    value !== null &&
    typeof (value as MoneySnapshot).amountMinor === 'number' &&
    typeof (value as MoneySnapshot).currency === 'string'
  );
}

function resolveLocale(locale: string): string {
  try {
    const [canonical] = Intl.getCanonicalLocales(locale);
    if (canonical !== undefined) return canonical;
  } catch {
    // Reported below with the field name.
  }
  throw new ValidationError('Invalid messages options.', [
    { path: 'locale', message: `${JSON.stringify(locale)} is not a BCP 47 locale such as "en" or "pt-BR"` },
  ]);
}

/**
 * A message catalog bound to a locale: renders any message by key with typed parameters, and formats money,
 * numbers, lists and order summaries the locale's way. Make one with {@link createMessages}.
 *
 * @example
 * ```ts
 * const messages = createMessages();
 * messages.render('rateLimited', { seconds: 3 }); // "You're sending messages too fast. Please try again in 3 s."
 * messages.render('notUnderstood');
 * ```
 */
export class Messages implements MessageFormat {
  readonly locale: string;
  /** The texts in use: the base catalog with the overrides applied. */
  readonly catalog: MessageCatalog;
  readonly #money: MoneyFormatter;
  readonly #numbers: Intl.NumberFormat;
  readonly #and: Intl.ListFormat;
  readonly #or: Intl.ListFormat;

  constructor(catalog: MessageCatalog, locale: string) {
    this.catalog = catalog;
    this.locale = locale;
    this.#money = new MoneyFormatter(locale);
    this.#numbers = new Intl.NumberFormat(locale, { maximumFractionDigits: 3 });
    this.#and = new Intl.ListFormat(locale, { style: 'long', type: 'conjunction' });
    this.#or = new Intl.ListFormat(locale, { style: 'long', type: 'disjunction' });
  }

  /** The text of message `key` with `params`. */
  render<K extends MessageKey>(key: K, ...params: MessageArgs<K>): string {
    const template = this.catalog[key] as MessageTemplate<MessageParams[K]>;
    const values = (params[0] ?? {}) as MessageParams[K];
    if (typeof template === 'function') return template(values, this);
    return template.replace(PLACEHOLDER, (placeholder, name: string) =>
      this.#fill((values as Readonly<Record<string, unknown>>)[name], placeholder),
    );
  }

  /** {@inheritDoc MessageFormat.money} */
  money(amount: MoneySnapshot): string {
    return this.#money.format(amount);
  }

  /** {@inheritDoc MessageFormat.number} */
  number(value: number): string {
    return this.#numbers.format(value);
  }

  /** {@inheritDoc MessageFormat.list} */
  list(items: readonly string[], kind: 'and' | 'or' = 'and'): string {
    return (kind === 'or' ? this.#or : this.#and).format(items);
  }

  /** {@inheritDoc MessageFormat.orderSummary} */
  orderSummary(summary: OrderSummary): string {
    const lines = summary.lines.map((line) =>
      this.render('orderSummaryLine', {
        name: line.name,
        quantity: line.quantity,
        unitPrice: this.money(line.unitPrice),
        lineTotal: this.money(line.lineTotal),
      }),
    );
    return [...lines, this.render('orderSummaryTotal', { total: this.money(summary.total) })].join('\n');
  }

  #fill(value: unknown, placeholder: string): string {
    if (typeof value === 'string') return value;
    if (typeof value === 'number') return this.number(value);
    if (isMoney(value)) return this.money(value);
    if (Array.isArray(value) && value.every((item) => typeof item === 'string')) return this.list(value);
    // A placeholder the parameters do not fill stays visible, so a wrong name shows up in testing.
    return placeholder;
  }
}

/**
 * Builds the messages a bot sends: `overrides` reword some texts of the base catalog (English by default)
 * and keep the rest, so a shop can change its tone or translate without copying every message. Overrides
 * are type-checked: each key takes a string with the key's `{placeholders}` or a function of its parameters.
 *
 * @throws {ValidationError} for an unknown key, a value that is neither a string nor a function, or a locale
 * that is not BCP 47.
 * @example
 * ```ts
 * const messages = createMessages(
 *   {
 *     itemAdded: 'Adicionado: {quantity} × {name}.',
 *     outOfStock: ({ name, available }) => `Só temos ${available} × ${name}.`,
 *   },
 *   { locale: 'pt-BR' },
 * );
 * messages.render('itemAdded', { name: 'Pão', quantity: 2 }); // 'Adicionado: 2 × Pão.'
 * ```
 */
export function createMessages(
  overrides: Partial<MessageCatalog> = {},
  options: MessagesOptions = {},
): Messages {
  const base = options.base ?? englishMessages;
  const issues: ValidationIssue[] = [];
  const merged: Record<string, unknown> = { ...base };
  for (const [key, value] of Object.entries(overrides as Record<string, unknown>)) {
    if (value === undefined) continue;
    if (!Object.hasOwn(englishMessages, key)) issues.push({ path: key, message: 'is not a message key' });
    else if (typeof value !== 'string' && typeof value !== 'function') {
      issues.push({ path: key, message: 'must be a string or a function' });
    } else merged[key] = value;
  }
  for (const key of Object.keys(englishMessages)) {
    const value = merged[key];
    if (typeof value !== 'string' && typeof value !== 'function') {
      issues.push({ path: key, message: 'is missing from the base catalog' });
    }
  }
  if (issues.length > 0) throw new ValidationError('Invalid message catalog.', issues);
  const locale = resolveLocale(options.locale ?? 'en');
  return new Messages(Object.freeze(merged) as unknown as MessageCatalog, locale);
}
