import { UnknownCurrencyError } from './money-errors.js';

/**
 * ISO 4217 minor-unit digits for the currencies chatcart knows: how many decimal places one unit splits into
 * (USD 2: one dollar is 100 cents; JPY 0; KWD 3: one dinar is 1000 fils). The digits are ISO's, not a
 * payment provider's (some providers treat ISK or UGX differently); convert at the provider edge.
 */
export const CURRENCY_MINOR_DIGITS: Readonly<Record<string, 0 | 2 | 3>> = Object.freeze({
  // zero-decimal currencies
  BIF: 0,
  CLP: 0,
  DJF: 0,
  GNF: 0,
  ISK: 0,
  JPY: 0,
  KMF: 0,
  KRW: 0,
  PYG: 0,
  RWF: 0,
  UGX: 0,
  VND: 0,
  VUV: 0,
  XAF: 0,
  XOF: 0,
  XPF: 0,
  // three-decimal currencies
  BHD: 3,
  IQD: 3,
  JOD: 3,
  KWD: 3,
  LYD: 3,
  OMR: 3,
  TND: 3,
  // two-decimal currencies
  AED: 2,
  AMD: 2,
  AOA: 2,
  ARS: 2,
  AUD: 2,
  AZN: 2,
  BDT: 2,
  BGN: 2,
  BOB: 2,
  BRL: 2,
  BWP: 2,
  CAD: 2,
  CDF: 2,
  CHF: 2,
  CNY: 2,
  COP: 2,
  CRC: 2,
  CZK: 2,
  DKK: 2,
  DOP: 2,
  DZD: 2,
  EGP: 2,
  ETB: 2,
  EUR: 2,
  GBP: 2,
  GEL: 2,
  GHS: 2,
  GTQ: 2,
  HKD: 2,
  HNL: 2,
  HUF: 2,
  IDR: 2,
  ILS: 2,
  INR: 2,
  JMD: 2,
  KES: 2,
  KZT: 2,
  LKR: 2,
  MAD: 2,
  MUR: 2,
  MWK: 2,
  MXN: 2,
  MYR: 2,
  MZN: 2,
  NAD: 2,
  NGN: 2,
  NIO: 2,
  NOK: 2,
  NPR: 2,
  NZD: 2,
  PAB: 2,
  PEN: 2,
  PHP: 2,
  PKR: 2,
  PLN: 2,
  QAR: 2,
  RON: 2,
  RSD: 2,
  SAR: 2,
  SEK: 2,
  SGD: 2,
  THB: 2,
  TRY: 2,
  TTD: 2,
  TWD: 2,
  TZS: 2,
  UAH: 2,
  USD: 2,
  UYU: 2,
  UZS: 2,
  XCD: 2,
  ZAR: 2,
  ZMW: 2,
});

/** True when `code` (any letter case) is a currency in {@link CURRENCY_MINOR_DIGITS}. */
export function isKnownCurrency(code: string): boolean {
  return Object.hasOwn(CURRENCY_MINOR_DIGITS, code.toUpperCase());
}

/**
 * Returns the canonical (upper-case) form of a known currency code.
 *
 * @throws {UnknownCurrencyError} when the code is not in the table.
 * @example
 * ```ts
 * normalizeCurrency('usd'); // 'USD'
 * ```
 */
export function normalizeCurrency(code: string): string {
  const upper = typeof code === 'string' ? code.trim().toUpperCase() : '';
  if (!Object.hasOwn(CURRENCY_MINOR_DIGITS, upper)) throw new UnknownCurrencyError(String(code));
  return upper;
}

/**
 * How many decimal places a currency's minor unit has.
 *
 * @throws {UnknownCurrencyError} when the code is not in the table.
 * @example
 * ```ts
 * currencyMinorDigits('JPY'); // 0
 * currencyMinorDigits('KWD'); // 3
 * ```
 */
export function currencyMinorDigits(code: string): 0 | 2 | 3 {
  const digits = CURRENCY_MINOR_DIGITS[normalizeCurrency(code)];
  if (digits === undefined) throw new UnknownCurrencyError(code);
  return digits;
}
