import { currencyMinorDigits } from '../domain/currency.js';
import { Money, type MoneySnapshot } from '../domain/money.js';

/**
 * Formats amounts of money for one locale, with each currency's ISO minor digits (two for USD, none for
 * JPY, three for KWD) whatever the locale's habit. Formatters are made once per currency and reused; the
 * amount goes to `Intl.NumberFormat` as an exact decimal string, never through a float.
 *
 * @example
 * ```ts
 * const money = new MoneyFormatter('en-US');
 * money.format({ amountMinor: 123456, currency: 'USD' }); // '$1,234.56'
 * new MoneyFormatter('pt-BR').format(Money.of(1050, 'BRL')); // 'R$ 10,50'
 * ```
 */
export class MoneyFormatter {
  readonly locale: string;
  readonly #formats = new Map<string, Intl.NumberFormat>();

  constructor(locale: string) {
    this.locale = locale;
  }

  /** @throws {InvalidAmountError | UnknownCurrencyError} when `amount` is not valid money. */
  format(amount: MoneySnapshot): string {
    const money = Money.fromSnapshot(amount);
    let format = this.#formats.get(money.currency);
    if (format === undefined) {
      const digits = currencyMinorDigits(money.currency);
      format = new Intl.NumberFormat(this.locale, {
        style: 'currency',
        currency: money.currency,
        minimumFractionDigits: digits,
        maximumFractionDigits: digits,
      });
      this.#formats.set(money.currency, format);
    }
    return format.format(money.toDecimalString() as Intl.StringNumericLiteral);
  }
}
