import { describe, expect, it } from 'vitest';
import { InvalidPhoneNumberError, isE164PhoneNumber, normalizePhoneNumber } from './phone-number.js';

describe('phone numbers', () => {
  it('normalizes WhatsApp addresses, spaces, dashes and parentheses to E.164', () => {
    expect(normalizePhoneNumber('whatsapp:+14155550100')).toBe('+14155550100');
    expect(normalizePhoneNumber('WhatsApp:+1 (415) 555-0100')).toBe('+14155550100');
    expect(normalizePhoneNumber('+55 11 91234-5678')).toBe('+5511912345678');
    expect(normalizePhoneNumber('0044 20 7946 0958')).toBe('+442079460958');
  });

  it('refuses numbers without a country code or with the wrong length', () => {
    for (const bad of ['4155550100', '+1234567', '+1234567890123456', '+0123456789', '+1 415 CALL NOW', '']) {
      expect(() => normalizePhoneNumber(bad), bad).toThrow(InvalidPhoneNumberError);
    }
  });

  it('keeps the number itself out of the error details', () => {
    try {
      normalizePhoneNumber('12345');
    } catch (error) {
      expect((error as InvalidPhoneNumberError).code).toBe('INVALID_PHONE_NUMBER');
      expect(JSON.stringify((error as InvalidPhoneNumberError).details)).not.toContain('12345');
    }
  });

  it('recognizes canonical E.164', () => {
    expect(isE164PhoneNumber('+14155550100')).toBe(true);
    expect(isE164PhoneNumber('+1 415 555 0100')).toBe(false);
  });
});
