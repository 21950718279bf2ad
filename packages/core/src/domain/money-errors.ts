import { DomainError } from './errors.js';

/**
 * A currency code is not in chatcart's ISO 4217 table, so its minor unit is unknown and amounts in it cannot be
 * represented safely. Code `UNKNOWN_CURRENCY`.
 */
export class UnknownCurrencyError extends DomainError {
  constructor(currency: string) {
    super(
      'UNKNOWN_CURRENCY',
      `Unknown currency ${JSON.stringify(currency)}: use a three-letter ISO 4217 code such as USD, EUR or INR.`,
      { details: { currency } },
    );
  }
}

/**
 * Two amounts in different currencies met in one operation (adding USD to EUR, a EUR price on a USD order).
 * chatcart never converts silently. Code `CURRENCY_MISMATCH`.
 */
export class CurrencyMismatchError extends DomainError {
  readonly expected: string;
  readonly actual: string;

  constructor(expected: string, actual: string, context?: string) {
    super(
      'CURRENCY_MISMATCH',
      `Currency mismatch${context ? ` in ${context}` : ''}: expected ${expected}, got ${actual}; convert the amount first.`,
      { details: { expected, actual } },
    );
    this.expected = expected;
    this.actual = actual;
  }
}

/**
 * An amount is not a whole number of minor units, lies outside the safe-integer range, or a decimal string
 * is malformed or has more fractional digits than its currency. Code `INVALID_AMOUNT`.
 */
export class InvalidAmountError extends DomainError {
  constructor(message: string, details: Record<string, unknown> = {}) {
    super('INVALID_AMOUNT', message, { details });
  }
}
