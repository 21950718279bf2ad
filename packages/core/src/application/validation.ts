import type { z } from 'zod';
import { ValidationError, type ValidationIssue } from '../domain/errors.js';

/**
 * Parses untrusted input with a zod schema and returns the parsed value, or throws a `ValidationError`
 * whose issues name every bad field by its dotted path (`items.0.quantity`) with a readable message.
 *
 * @example
 * ```ts
 * const input = parseInput(confirmOrderSchema, raw, 'confirmOrder');
 * ```
 * @throws {ValidationError}
 */
export function parseInput<S extends z.ZodType>(schema: S, input: unknown, what: string): z.output<S> {
  const result = schema.safeParse(input);
  if (result.success) return result.data;
  throw zodToValidationError(result.error, `Invalid ${what} input.`);
}

/** Converts a zod error into chatcart's `ValidationError`, one issue per failing field. */
export function zodToValidationError(error: z.ZodError, message: string): ValidationError {
  const issues: ValidationIssue[] = error.issues.map((issue) => ({
    path: issue.path.map(String).join('.'),
    message: issue.message,
  }));
  return new ValidationError(message, issues, { cause: error });
}
