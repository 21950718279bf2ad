import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { redactPhone } from './redact-phone.js';

describe('redactPhone', () => {
  it('keeps the plus sign and the last four digits', () => {
    expect(redactPhone('+14155550100')).toBe('+*******0100');
    expect(redactPhone('2348031234567')).toBe('*********4567');
  });

  it('hides short values entirely', () => {
    expect(redactPhone('+1234')).toBe('*****');
    expect(redactPhone('123')).toBe('***');
  });

  it('never shows more than the last four characters of a number', () => {
    fc.assert(
      fc.property(fc.stringMatching(/^\+?[0-9]{5,15}$/), (phone) => {
        const redacted = redactPhone(phone);
        expect(redacted).toHaveLength(phone.length);
        expect(redacted.slice(-4)).toBe(phone.slice(-4));
        expect(redacted.slice(0, -4).replace('+', '')).toMatch(/^\**$/);
      }),
    );
  });
});
