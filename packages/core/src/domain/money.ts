import { currencyMinorDigits, normalizeCurrency } from './currency.js';
import { CurrencyMismatchError, InvalidAmountError } from './money-errors.js';
import { divideRoundingHalfUp } from './rounding.js';

/** The JSON shape of an amount of money: integer minor units and an upper-case ISO 4217 code. */
export interface MoneySnapshot {
  readonly amountMinor: number;
  readonly currency: string;
}

const MAX = BigInt(Number.MAX_SAFE_INTEGER);
const DECIMAL = /^(-)?(\d+)(?:\.(\d+))?$/;

function toSafeNumber(value: bigint, operation: string): number {
  if (value > MAX || value < -MAX) {
    throw new InvalidAmountError(`The result of ${operation} is too large to represent exactly.`, {
      operation,
    });
  }
  return Number(value);
}

function requireSafeInteger(value: number, what: string): void {
  if (!Number.isSafeInteger(value)) {
    throw new InvalidAmountError(`${what} must be a safe integer, got ${String(value)}.`, { value });
  }
}

/**
 * An immutable amount of money: a whole number of minor units (cents, paise, fils; yen have none) in one
 * ISO 4217 currency. Amounts are JavaScript numbers guarded with `Number.isSafeInteger` (up to about 9×10^15
 * minor units: 90 trillion dollars), so they serialise to JSON as plain numbers; intermediate products
 * (amount × basis points) are computed in bigint and can never overflow silently. Amounts may be negative
 * (a difference, a refund); aggregates decide where negatives are allowed.
 *
 * @example
 * ```ts
 * const price = Money.fromDecimal('12.34', 'USD'); // 1234 cents
 * const line = price.multiply(3); // 37.02 USD
 * const vat = line.percentage(2000); // 20 % → 7.40 USD (half away from zero)
 * line.add(vat).format('en-US'); // '$44.42'
 * ```
 */
export class Money {
  /** Whole minor units (cents for USD, yen for JPY, fils for KWD). */
  readonly amountMinor: number;
  /** Upper-case ISO 4217 code. */
  readonly currency: string;

  private constructor(amountMinor: number, currency: string) {
    this.amountMinor = amountMinor === 0 ? 0 : amountMinor; // never -0
    this.currency = currency;
    Object.freeze(this);
  }

  /**
   * Money from integer minor units: `Money.of(1234, 'USD')` is 12.34 USD.
   *
   * @throws {InvalidAmountError} when `amountMinor` is not a safe integer.
   * @throws {UnknownCurrencyError} when the currency is not known.
   */
  static of(amountMinor: number, currency: string): Money {
    requireSafeInteger(amountMinor, 'amountMinor');
    return new Money(amountMinor, normalizeCurrency(currency));
  }

  /** Zero in the given currency. */
  static zero(currency: string): Money {
    return new Money(0, normalizeCurrency(currency));
  }

  /**
   * Money from a plain decimal string with a dot as separator and at most the currency's number of fractional
   * digits: `'12.34'` USD → 1234, `'12'` → 1200, `'-0.5'` → −50. Grouping separators, exponents and extra
   * fractional digits are refused rather than rounded, so a typed price is never silently changed.
   *
   * @throws {InvalidAmountError} on a malformed string, too many fractional digits or an out-of-range value.
   */
  static fromDecimal(value: string, currency: string): Money {
    const code = normalizeCurrency(currency);
    const digits = currencyMinorDigits(code);
    const match = DECIMAL.exec(typeof value === 'string' ? value.trim() : '');
    if (!match) {
      throw new InvalidAmountError(`${JSON.stringify(value)} is not a decimal amount like "12.34".`, {
        value,
      });
    }
    const [, sign, whole = '0', fraction = ''] = match;
    if (fraction.length > digits) {
      throw new InvalidAmountError(
        `${JSON.stringify(value)} has ${fraction.length} fractional digits but ${code} has ${digits}.`,
        { value, currency: code, digits },
      );
    }
    const minor = BigInt(whole + fraction.padEnd(digits, '0'));
    return new Money(toSafeNumber(sign ? -minor : minor, 'parsing'), code);
  }

  /**
   * Rebuilds money from its JSON shape, validating both fields.
   *
   * @throws {InvalidAmountError | UnknownCurrencyError} on a malformed snapshot.
   */
  static fromSnapshot(snapshot: MoneySnapshot): Money {
    return Money.of(snapshot.amountMinor, snapshot.currency);
  }

  /**
   * Sums amounts that all share `currency` (which names the currency of the empty sum).
   *
   * @throws {CurrencyMismatchError} when one amount is in another currency.
   */
  static sum(amounts: Iterable<Money>, currency: string): Money {
    let total = Money.zero(currency);
    for (const amount of amounts) total = total.add(amount);
    return total;
  }

  /** The sum of two amounts in the same currency. @throws {CurrencyMismatchError} */
  add(other: Money): Money {
    this.assertSameCurrency(other);
    return new Money(
      toSafeNumber(BigInt(this.amountMinor) + BigInt(other.amountMinor), 'add'),
      this.currency,
    );
  }

  /** The difference of two amounts in the same currency; may be negative. @throws {CurrencyMismatchError} */
  subtract(other: Money): Money {
    this.assertSameCurrency(other);
    return new Money(
      toSafeNumber(BigInt(this.amountMinor) - BigInt(other.amountMinor), 'subtract'),
      this.currency,
    );
  }

  /**
   * This amount times a whole number (a quantity). Fractions are refused: use {@link percentage} for rates.
   *
   * @throws {InvalidAmountError} when `factor` is not a safe integer or the product is out of range.
   */
  multiply(factor: number): Money {
    requireSafeInteger(factor, 'factor');
    return new Money(toSafeNumber(BigInt(this.amountMinor) * BigInt(factor), 'multiply'), this.currency);
  }

  /**
   * `basisPoints` / 10 000 of this amount (2000 bp = 20 %), rounded to a whole minor unit half away from
   * zero. This is the only rounding in chatcart's money model.
   *
   * @example
   * ```ts
   * Money.of(1999, 'EUR').percentage(2100); // 420 (419.79 → 420)
   * Money.of(250, 'USD').percentage(100); // 3 (2.5 → 3)
   * ```
   * @throws {InvalidAmountError} when `basisPoints` is not a non-negative safe integer.
   */
  percentage(basisPoints: number): Money {
    requireSafeInteger(basisPoints, 'basisPoints');
    if (basisPoints < 0) {
      throw new InvalidAmountError(`basisPoints must not be negative, got ${basisPoints}.`, { basisPoints });
    }
    const value = divideRoundingHalfUp(BigInt(this.amountMinor) * BigInt(basisPoints), 10_000n);
    return new Money(toSafeNumber(value, 'percentage'), this.currency);
  }

  /**
   * Splits this amount in proportion to whole-number `ratios` without losing or inventing a minor unit: the
   * parts always sum to this amount. Leftover units go to the parts with the largest remainders, earlier
   * parts first on ties (largest-remainder method).
   *
   * @example
   * ```ts
   * Money.of(100, 'USD').allocate([1, 1, 1]).map((m) => m.amountMinor); // [34, 33, 33]
   * ```
   * @throws {InvalidAmountError} when ratios are empty, negative, fractional or all zero.
   */
  allocate(ratios: readonly number[]): Money[] {
    if (ratios.length === 0 || ratios.length > 10_000) {
      throw new InvalidAmountError('allocate needs between 1 and 10000 ratios.', { count: ratios.length });
    }
    for (const ratio of ratios) {
      requireSafeInteger(ratio, 'ratio');
      if (ratio < 0) throw new InvalidAmountError(`ratios must not be negative, got ${ratio}.`, { ratio });
    }
    const total = ratios.reduce((sum, ratio) => sum + BigInt(ratio), 0n);
    if (total === 0n) throw new InvalidAmountError('allocate needs at least one ratio above zero.');
    const sign = this.amountMinor < 0 ? -1n : 1n;
    const magnitude = BigInt(Math.abs(this.amountMinor));
    const shares = ratios.map((ratio, index) => {
      const scaled = magnitude * BigInt(ratio);
      return { index, base: scaled / total, remainder: scaled % total };
    });
    let leftover = magnitude - shares.reduce((sum, share) => sum + share.base, 0n);
    const byRemainder = [...shares].sort((a, b) =>
      a.remainder === b.remainder ? a.index - b.index : a.remainder > b.remainder ? -1 : 1,
    );
    for (const share of byRemainder) {
      if (leftover === 0n) break;
      share.base += 1n;
      leftover -= 1n;
    }
    return shares.map((share) => new Money(Number(share.base * sign), this.currency));
  }

  /** Splits this amount into `parts` near-equal amounts that sum back exactly; see {@link allocate}. */
  split(parts: number): Money[] {
    requireSafeInteger(parts, 'parts');
    if (parts < 1) throw new InvalidAmountError(`parts must be at least 1, got ${parts}.`, { parts });
    return this.allocate(new Array<number>(parts).fill(1));
  }

  /** The same amount with the opposite sign. */
  negate(): Money {
    return new Money(-this.amountMinor, this.currency);
  }

  /** −1, 0 or 1 as this amount is less than, equal to or greater than `other`. @throws {CurrencyMismatchError} */
  compare(other: Money): -1 | 0 | 1 {
    this.assertSameCurrency(other);
    return this.amountMinor < other.amountMinor ? -1 : this.amountMinor > other.amountMinor ? 1 : 0;
  }

  /** True when both amount and currency are equal (never throws). */
  equals(other: Money): boolean {
    return this.amountMinor === other.amountMinor && this.currency === other.currency;
  }

  /** `this > other`. @throws {CurrencyMismatchError} */
  greaterThan(other: Money): boolean {
    return this.compare(other) > 0;
  }

  /** `this < other`. @throws {CurrencyMismatchError} */
  lessThan(other: Money): boolean {
    return this.compare(other) < 0;
  }

  /** True for exactly zero. */
  isZero(): boolean {
    return this.amountMinor === 0;
  }

  /** True below zero. */
  isNegative(): boolean {
    return this.amountMinor < 0;
  }

  /** True above zero. */
  isPositive(): boolean {
    return this.amountMinor > 0;
  }

  /** The amount as an exact decimal string with the currency's digits: `'12.30'`, `'-0.05'`, `'1500'` (JPY). */
  toDecimalString(): string {
    const digits = currencyMinorDigits(this.currency);
    const magnitude = String(Math.abs(this.amountMinor)).padStart(digits + 1, '0');
    const sign = this.amountMinor < 0 ? '-' : '';
    if (digits === 0) return sign + magnitude;
    return `${sign}${magnitude.slice(0, -digits)}.${magnitude.slice(-digits)}`;
  }

  /**
   * Formats for people with `Intl.NumberFormat`, always with the currency's ISO digits and from the exact
   * decimal string (no float conversion).
   *
   * @example
   * ```ts
   * Money.of(123456, 'INR').format('en-IN'); // '₹1,234.56'
   * Money.of(1500, 'JPY').format('ja-JP'); // '￥1,500'
   * ```
   */
  format(locale?: string | readonly string[], options: Intl.NumberFormatOptions = {}): string {
    const digits = currencyMinorDigits(this.currency);
    const formatter = new Intl.NumberFormat(locale as string | string[] | undefined, {
      ...options,
      style: 'currency',
      currency: this.currency,
      minimumFractionDigits: digits,
      maximumFractionDigits: digits,
    });
    return formatter.format(this.toDecimalString() as Intl.StringNumericLiteral);
  }

  /** The JSON-safe shape, also used by `JSON.stringify`. */
  toJSON(): MoneySnapshot {
    return { amountMinor: this.amountMinor, currency: this.currency };
  }

  /** Same as {@link toJSON}. */
  toSnapshot(): MoneySnapshot {
    return this.toJSON();
  }

  /** For logs: `'12.34 USD'`. */
  toString(): string {
    return `${this.toDecimalString()} ${this.currency}`;
  }

  private assertSameCurrency(other: Money): void {
    if (other.currency !== this.currency) throw new CurrencyMismatchError(this.currency, other.currency);
  }
}
