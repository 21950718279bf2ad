import { DomainError } from './errors.js';

/** A phone number could not be read as E.164 (`+` then 8–15 digits). Code `INVALID_PHONE_NUMBER`. */
export class InvalidPhoneNumberError extends DomainError {
  constructor(input: string) {
    super(
      'INVALID_PHONE_NUMBER',
      'Invalid phone number: expected E.164, a "+" and 8 to 15 digits with the country code (for example +14155550100).',
      // The number itself is personal data: keep only its length in the details that end up in logs.
      { details: { length: input.length } },
    );
  }
}

const E164 = /^\+[1-9]\d{7,14}$/;

/** True when `value` is already a canonical E.164 number: `+`, a non-zero digit, 8–15 digits in all. */
export function isE164PhoneNumber(value: string): boolean {
  return E164.test(value);
}

/**
 * Normalizes what transports and people send to canonical E.164: drops a `whatsapp:` prefix, spaces, dashes,
 * dots and parentheses, and turns a leading international `00` into `+`. It never guesses a country code.
 *
 * @example
 * ```ts
 * normalizePhoneNumber('whatsapp:+1 (415) 555-0100'); // '+14155550100'
 * normalizePhoneNumber('0044 20 7946 0958'); // '+442079460958'
 * ```
 * @throws {InvalidPhoneNumberError} when the result is not E.164.
 */
export function normalizePhoneNumber(input: string): string {
  const raw = typeof input === 'string' ? input : '';
  let value = raw
    .trim()
    .replace(/^whatsapp:/i, '')
    .replace(/[\s\-.()]/g, '');
  if (value.startsWith('00')) value = `+${value.slice(2)}`;
  if (!isE164PhoneNumber(value)) throw new InvalidPhoneNumberError(raw);
  return value;
}
