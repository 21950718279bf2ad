import { describe, expect, it } from 'vitest';
import {
  CURRENCY_MINOR_DIGITS,
  currencyMinorDigits,
  isKnownCurrency,
  normalizeCurrency,
} from './currency.js';
import { UnknownCurrencyError } from './money-errors.js';

describe('currency table', () => {
  it('knows the minor digits of the common currencies', () => {
    const expected: Record<string, number> = {
      JPY: 0,
      CLP: 0,
      KRW: 0,
      VND: 0,
      USD: 2,
      EUR: 2,
      GBP: 2,
      INR: 2,
      BRL: 2,
      MXN: 2,
      NGN: 2,
      KES: 2,
      ZAR: 2,
      IDR: 2,
      KWD: 3,
      BHD: 3,
      OMR: 3,
      JOD: 3,
      TND: 3,
    };
    for (const [code, digits] of Object.entries(expected))
      expect(currencyMinorDigits(code), code).toBe(digits);
  });

  it('accepts any letter case and normalizes to upper case', () => {
    expect(normalizeCurrency(' eur ')).toBe('EUR');
    expect(isKnownCurrency('usd')).toBe(true);
  });

  it('refuses unknown codes with UNKNOWN_CURRENCY', () => {
    expect(isKnownCurrency('ABC')).toBe(false);
    expect(() => normalizeCurrency('ABC')).toThrow(UnknownCurrencyError);
    expect(() => currencyMinorDigits('toString')).toThrow(UnknownCurrencyError);
  });

  it('lists only three-letter codes with 0, 2 or 3 digits', () => {
    for (const [code, digits] of Object.entries(CURRENCY_MINOR_DIGITS)) {
      expect(code).toMatch(/^[A-Z]{3}$/);
      expect([0, 2, 3]).toContain(digits);
    }
  });
});
