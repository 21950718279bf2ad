import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { RUNS } from './domain-test-helpers.js';
import { ChatcartError } from './errors.js';
import { Money } from './money.js';
import { CurrencyMismatchError, InvalidAmountError, UnknownCurrencyError } from './money-errors.js';

const amounts = fc.integer({ min: -1_000_000_000_000, max: 1_000_000_000_000 });
const currencies = fc.constantFrom('USD', 'JPY', 'KWD', 'INR', 'EUR');

describe('Money', () => {
  describe('construction', () => {
    it('holds integer minor units and an upper-case currency', () => {
      const money = Money.of(1234, 'usd');
      expect(money.amountMinor).toBe(1234);
      expect(money.currency).toBe('USD');
    });

    it('refuses fractional, unsafe and non-finite amounts', () => {
      for (const bad of [12.5, Number.NaN, Number.POSITIVE_INFINITY, 2 ** 53]) {
        expect(() => Money.of(bad, 'USD')).toThrow(InvalidAmountError);
      }
    });

    it('refuses an unknown currency with a clear error', () => {
      expect(() => Money.of(1, 'XYZ')).toThrow(UnknownCurrencyError);
      expect(() => Money.of(1, 'XYZ')).toThrow(/ISO 4217/);
      try {
        Money.zero('ZZZ');
      } catch (error) {
        expect((error as ChatcartError).code).toBe('UNKNOWN_CURRENCY');
      }
    });

    it('is immutable', () => {
      const money = Money.of(1, 'USD');
      expect(Object.isFrozen(money)).toBe(true);
    });

    it('never produces negative zero', () => {
      expect(Object.is(Money.of(-0, 'USD').amountMinor, 0)).toBe(true);
      expect(Object.is(Money.zero('USD').negate().amountMinor, 0)).toBe(true);
    });
  });

  describe('fromDecimal', () => {
    it('parses decimal strings by the currency minor digits', () => {
      expect(Money.fromDecimal('12.34', 'USD').amountMinor).toBe(1234);
      expect(Money.fromDecimal('12', 'USD').amountMinor).toBe(1200);
      expect(Money.fromDecimal('12.3', 'EUR').amountMinor).toBe(1230);
      expect(Money.fromDecimal('1500', 'JPY').amountMinor).toBe(1500);
      expect(Money.fromDecimal('1.234', 'KWD').amountMinor).toBe(1234);
      expect(Money.fromDecimal('-0.05', 'USD').amountMinor).toBe(-5);
      expect(Money.fromDecimal(' 7.00 ', 'BRL').amountMinor).toBe(700);
    });

    it('refuses more fractional digits than the currency has instead of rounding', () => {
      expect(() => Money.fromDecimal('12.345', 'USD')).toThrow(/3 fractional digits but USD has 2/);
      expect(() => Money.fromDecimal('100.5', 'JPY')).toThrow(InvalidAmountError);
      expect(() => Money.fromDecimal('1.2345', 'BHD')).toThrow(InvalidAmountError);
    });

    it('refuses malformed strings', () => {
      for (const bad of ['', 'abc', '1,234.56', '1e3', '12.', '.5', '+1', '1.2.3', '--1']) {
        expect(() => Money.fromDecimal(bad, 'USD'), bad).toThrow(InvalidAmountError);
      }
    });

    it('refuses amounts beyond the safe-integer range', () => {
      expect(() => Money.fromDecimal('99999999999999999', 'USD')).toThrow(/too large/);
    });

    it('round-trips with toDecimalString for every amount', () => {
      fc.assert(
        fc.property(amounts, currencies, (amount, currency) => {
          const money = Money.of(amount, currency);
          expect(Money.fromDecimal(money.toDecimalString(), currency).equals(money)).toBe(true);
        }),
        RUNS,
      );
    });
  });

  describe('arithmetic', () => {
    it('adds, subtracts and multiplies by a quantity', () => {
      const price = Money.of(1999, 'USD');
      expect(price.add(Money.of(1, 'USD')).amountMinor).toBe(2000);
      expect(price.subtract(Money.of(2000, 'USD')).amountMinor).toBe(-1);
      expect(price.multiply(3).amountMinor).toBe(5997);
    });

    it('refuses to mix currencies', () => {
      const usd = Money.of(100, 'USD');
      const eur = Money.of(100, 'EUR');
      expect(() => usd.add(eur)).toThrow(CurrencyMismatchError);
      expect(() => usd.subtract(eur)).toThrow(CurrencyMismatchError);
      expect(() => usd.compare(eur)).toThrow(CurrencyMismatchError);
      expect(() => Money.sum([usd, eur], 'USD')).toThrow(/expected USD, got EUR/);
      expect(usd.equals(eur)).toBe(false);
    });

    it('refuses fractional multipliers', () => {
      expect(() => Money.of(100, 'USD').multiply(1.5)).toThrow(InvalidAmountError);
    });

    it('refuses results that would overflow instead of losing precision', () => {
      const big = Money.of(Number.MAX_SAFE_INTEGER, 'USD');
      expect(() => big.add(Money.of(1, 'USD'))).toThrow(InvalidAmountError);
      expect(() => big.multiply(2)).toThrow(InvalidAmountError);
    });

    it('round-trips add and subtract without losing a minor unit', () => {
      fc.assert(
        fc.property(amounts, amounts, currencies, (a, b, currency) => {
          const x = Money.of(a, currency);
          const y = Money.of(b, currency);
          expect(x.add(y).subtract(y).equals(x)).toBe(true);
          expect(x.add(y).equals(y.add(x))).toBe(true);
        }),
        RUNS,
      );
    });

    it('compares amounts', () => {
      expect(Money.of(1, 'USD').lessThan(Money.of(2, 'USD'))).toBe(true);
      expect(Money.of(3, 'USD').greaterThan(Money.of(2, 'USD'))).toBe(true);
      expect(Money.of(2, 'USD').compare(Money.of(2, 'USD'))).toBe(0);
      expect(Money.zero('USD').isZero()).toBe(true);
    });
  });

  describe('percentage (the one rounding rule)', () => {
    it('rounds half away from zero', () => {
      expect(Money.of(250, 'USD').percentage(100).amountMinor).toBe(3); // 2.5 → 3
      expect(Money.of(249, 'USD').percentage(100).amountMinor).toBe(2); // 2.49 → 2
      expect(Money.of(350, 'USD').percentage(100).amountMinor).toBe(4); // 3.5 → 4 (banker's would give 4 too)
      expect(Money.of(450, 'USD').percentage(100).amountMinor).toBe(5); // 4.5 → 5 (banker's would give 4)
      expect(Money.of(-250, 'USD').percentage(100).amountMinor).toBe(-3);
    });

    it('computes common tax rates exactly', () => {
      expect(Money.of(1999, 'EUR').percentage(2100).amountMinor).toBe(420); // 419.79
      expect(Money.of(10000, 'INR').percentage(1800).amountMinor).toBe(1800);
      expect(Money.of(333, 'JPY').percentage(1000).amountMinor).toBe(33); // 33.3
    });

    it('never overflows for large amounts times large rates', () => {
      const big = Money.of(9_000_000_000_000, 'USD');
      expect(big.percentage(10_000).amountMinor).toBe(9_000_000_000_000);
    });

    it('refuses negative or fractional basis points', () => {
      expect(() => Money.of(100, 'USD').percentage(-1)).toThrow(InvalidAmountError);
      expect(() => Money.of(100, 'USD').percentage(12.5)).toThrow(InvalidAmountError);
    });

    it('is within half a minor unit of the exact value', () => {
      fc.assert(
        fc.property(amounts, fc.integer({ min: 0, max: 20_000 }), (amount, bps) => {
          const result = Money.of(amount, 'USD').percentage(bps).amountMinor;
          const exactTimes10000 = BigInt(amount) * BigInt(bps);
          const diff = BigInt(result) * 10_000n - exactTimes10000;
          expect(diff <= 5_000n && diff >= -5_000n).toBe(true);
        }),
        RUNS,
      );
    });
  });

  describe('allocate and split', () => {
    it('splits without losing a minor unit, extra units to the first parts', () => {
      expect(
        Money.of(100, 'USD')
          .split(3)
          .map((m) => m.amountMinor),
      ).toEqual([34, 33, 33]);
      expect(
        Money.of(-100, 'USD')
          .split(3)
          .map((m) => m.amountMinor),
      ).toEqual([-34, -33, -33]);
      expect(
        Money.of(5, 'JPY')
          .allocate([70, 30])
          .map((m) => m.amountMinor),
      ).toEqual([4, 1]);
    });

    it('refuses empty, negative or all-zero ratios', () => {
      expect(() => Money.of(1, 'USD').allocate([])).toThrow(InvalidAmountError);
      expect(() => Money.of(1, 'USD').allocate([1, -1])).toThrow(InvalidAmountError);
      expect(() => Money.of(1, 'USD').allocate([0, 0])).toThrow(InvalidAmountError);
      expect(() => Money.of(1, 'USD').split(0)).toThrow(InvalidAmountError);
    });

    it('always sums back to the original amount, each part within one unit of its exact share', () => {
      fc.assert(
        fc.property(
          amounts,
          fc.array(fc.integer({ min: 0, max: 1000 }), { minLength: 1, maxLength: 12 }),
          (amount, ratios) => {
            fc.pre(ratios.some((ratio) => ratio > 0));
            const parts = Money.of(amount, 'EUR').allocate(ratios);
            expect(parts).toHaveLength(ratios.length);
            expect(Money.sum(parts, 'EUR').amountMinor).toBe(amount);
            const total = ratios.reduce((a, b) => a + b, 0);
            parts.forEach((part, i) => {
              const exact = (amount * (ratios[i] ?? 0)) / total;
              expect(Math.abs(part.amountMinor - exact)).toBeLessThan(1.000001);
            });
          },
        ),
        RUNS,
      );
    });
  });

  describe('presentation and JSON', () => {
    it('formats with Intl using the currency digits', () => {
      expect(Money.of(123456, 'USD').format('en-US')).toBe('$1,234.56');
      expect(Money.of(1500, 'JPY').format('en-US')).toBe('¥1,500');
      expect(Money.of(1234, 'KWD').format('en-US')).toMatch(/1\.234/);
      expect(Money.of(123456, 'INR').format('en-IN')).toBe('₹1,234.56');
    });

    it('formats amounts beyond float precision exactly', () => {
      expect(Money.of(9_007_199_254_740_991, 'USD').format('en-US')).toBe('$90,071,992,547,409.91');
    });

    it('serialises to a JSON-safe snapshot and back', () => {
      const money = Money.of(-4200, 'BHD');
      const json = JSON.parse(JSON.stringify(money));
      expect(json).toEqual({ amountMinor: -4200, currency: 'BHD' });
      expect(Money.fromSnapshot(json).equals(money)).toBe(true);
      expect(money.toString()).toBe('-4.200 BHD');
    });

    it('rejects a malformed snapshot', () => {
      expect(() => Money.fromSnapshot({ amountMinor: 1.5, currency: 'USD' })).toThrow(ChatcartError);
    });
  });
});
