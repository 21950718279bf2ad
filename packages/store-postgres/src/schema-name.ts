import { ValidationError } from '@chatcart/core';

/** The schema chatcart's tables live in unless told otherwise. */
export const DEFAULT_SCHEMA = 'chatcart';

const SCHEMA_PATTERN = /^[a-z_][a-z0-9_]{0,62}$/;

/**
 * Checks a schema name and returns it double-quoted for SQL. Identifiers cannot be query parameters, so the
 * name is held to lower-case letters, digits and underscores (at most 63 characters) — nothing that could
 * end the quoted identifier.
 *
 * @throws {ValidationError} naming `schema`.
 */
export function quoteSchema(schema: string): string {
  if (typeof schema !== 'string' || !SCHEMA_PATTERN.test(schema)) {
    throw new ValidationError('Invalid PostgreSQL schema name.', [
      {
        path: 'schema',
        message: `must be lower-case letters, digits and underscores, starting with a letter or underscore, at most 63 characters; got ${JSON.stringify(schema)}`,
      },
    ]);
  }
  return `"${schema}"`;
}
