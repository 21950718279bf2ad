/**
 * Small argument checks shared by the aggregates (internal). Each `check*` returns a message when the value is
 * wrong (for collecting issues); each `require*` throws a {@link ValidationError} naming the field.
 */
import { ValidationError } from './errors.js';

/** Limits for free text that ends up in messages, invoices and logs. */
export interface TextRule {
  readonly max: number;
  readonly allowEmpty?: boolean;
}

/** Checks a string is present (non-blank unless allowed), trimmed and within `max` characters. */
export function checkText(value: unknown, rule: TextRule): string | undefined {
  if (typeof value !== 'string') return 'must be a string';
  if (!rule.allowEmpty && value.trim().length === 0) return 'must not be empty';
  if (value !== value.trim()) return 'must not start or end with whitespace';
  if (value.length > rule.max) return `must be at most ${rule.max} characters`;
  return undefined;
}

/** Checks an epoch-milliseconds timestamp: a safe integer ≥ 0. */
export function checkTimestamp(value: unknown): string | undefined {
  return typeof value === 'number' && Number.isSafeInteger(value) && value >= 0
    ? undefined
    : 'must be epoch milliseconds (a non-negative integer)';
}

/** Checks an integer in `[min, max]`. */
export function checkInteger(value: unknown, min: number, max: number): string | undefined {
  return typeof value === 'number' && Number.isSafeInteger(value) && value >= min && value <= max
    ? undefined
    : `must be an integer from ${min} to ${max}`;
}

function fail(field: string, message: string, what: string): never {
  throw new ValidationError(`Invalid ${what}.`, [{ path: field, message }]);
}

/** Trims `value` and requires it to pass {@link checkText}. Returns the trimmed text. */
export function requireText(value: unknown, field: string, rule: TextRule): string {
  const text = typeof value === 'string' ? value.trim() : value;
  const problem = checkText(text, rule);
  if (problem) fail(field, problem, field);
  return text as string;
}

/** Like {@link requireText}, but `null`/`undefined`/blank become `null`. */
export function optionalText(value: unknown, field: string, rule: TextRule): string | null {
  if (value === null || value === undefined) return null;
  if (typeof value === 'string' && value.trim().length === 0) return null;
  return requireText(value, field, rule);
}

/** An id: non-blank, at most 200 characters. */
export function requireId(value: unknown, field: string): string {
  return requireText(value, field, { max: 200 });
}

/** Requires epoch milliseconds. */
export function requireTimestamp(value: unknown, field: string): number {
  const problem = checkTimestamp(value);
  if (problem) fail(field, problem, field);
  return value as number;
}

/** Requires an integer in `[min, max]`. */
export function requireInteger(value: unknown, field: string, min: number, max: number): number {
  const problem = checkInteger(value, min, max);
  if (problem) fail(field, problem, field);
  return value as number;
}
