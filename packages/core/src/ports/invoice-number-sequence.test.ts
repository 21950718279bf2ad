import { describe, expect, it } from 'vitest';
import { formatInvoiceNumber } from './invoice-number-sequence.js';

describe('formatInvoiceNumber', () => {
  it('lays out prefix, series and a zero-padded number', () => {
    expect(formatInvoiceNumber(123, { series: '2026' })).toBe('INV-2026-000123');
    expect(formatInvoiceNumber(7)).toBe('INV-000007');
    expect(formatInvoiceNumber(7, { prefix: 'RE', digits: 3 })).toBe('RE-007');
  });

  it('never cuts a number longer than the padding', () => {
    expect(formatInvoiceNumber(1_234_567, { digits: 4 })).toBe('INV-1234567');
  });

  it('refuses numbers that cannot come from a sequence', () => {
    for (const bad of [0, -1, 1.5, Number.NaN]) expect(() => formatInvoiceNumber(bad)).toThrow(RangeError);
  });
});
