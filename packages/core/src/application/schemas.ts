import { z } from 'zod';
import { isKnownCurrency, normalizeCurrency } from '../domain/currency.js';
import { Money } from '../domain/money.js';
import { normalizePhoneNumber } from '../domain/phone-number.js';
import { MAX_PAGE_SIZE } from '../ports/repositories.js';

/**
 * The error option of a zod type: `is required` when the field is missing, else `message` (what the field
 * must be). Missing and mistyped fields read differently, so the caller knows which one to fix.
 */
export function expected(message: string): { error: (issue: { readonly input?: unknown }) => string } {
  return { error: (issue) => (issue.input === undefined ? 'is required' : message) };
}

/** The longest id the application accepts (organization, order, customer, …). */
export const MAX_ID_LENGTH = 200;

/** A non-empty id without surrounding spaces. */
export const idSchema = z
  .string(expected('must be a string id'))
  .trim()
  .min(1, { error: 'must not be empty' })
  .max(MAX_ID_LENGTH, { error: `must be at most ${MAX_ID_LENGTH} characters` });

/** The tenant every command and query is scoped to. */
export const organizationIdSchema = idSchema;

/** An optional id a caller picks so that a retried create returns what the first attempt created. */
export const clientIdSchema = idSchema
  .refine((id) => !id.includes(':'), { error: 'must not contain ":"' })
  .optional();

/** A point in time as a `Date` or epoch milliseconds; parsed to epoch milliseconds. */
export const timestampSchema = z
  .union([z.date(), z.number()], expected('must be a Date or epoch milliseconds'))
  .transform((value) => (value instanceof Date ? value.getTime() : value))
  .refine((ms) => Number.isSafeInteger(ms) && ms >= 0, { error: 'must be a valid date (epoch ms ≥ 0)' });

/** An ISO 4217 code in any case; parsed to upper case. */
export const currencySchema = z
  .string(expected('must be an ISO 4217 currency code such as USD'))
  .trim()
  .refine((code) => isKnownCurrency(code), { error: 'must be an ISO 4217 currency code such as USD' })
  .transform((code) => normalizeCurrency(code));

/** Money as `{ amountMinor, currency }` (integer minor units); parsed to a `Money`. */
export const moneySchema = z
  .object({
    amountMinor: z.number().refine(Number.isSafeInteger, { error: 'must be a whole number of minor units' }),
    currency: currencySchema,
  })
  .transform(({ amountMinor, currency }) => Money.of(amountMinor, currency));

/** A phone number in any common notation; parsed to E.164 (`+14155550100`). */
export const phoneSchema = z.string(expected('must be a phone number')).transform((value, ctx) => {
  try {
    return normalizePhoneNumber(value);
  } catch {
    ctx.addIssue({
      code: 'custom',
      message: 'must be a phone number in E.164 with the country code, for example +14155550100',
    });
    return z.NEVER;
  }
});

/** Free text up to `max` characters, trimmed; blank counts as absent. */
export function optionalTextSchema(max: number) {
  return z
    .string(expected('must be a string'))
    .trim()
    .max(max, { error: `must be at most ${max} characters` })
    .optional()
    .transform((text) => (text === undefined || text === '' ? undefined : text));
}

/** `limit` and `after` of a listing. */
export const pageRequestShape = {
  limit: z
    .number()
    .int({ error: 'must be a whole number' })
    .min(1, { error: 'must be at least 1' })
    .max(MAX_PAGE_SIZE, { error: `must be at most ${MAX_PAGE_SIZE}` })
    .optional(),
  after: z.string().nullable().optional(),
};
