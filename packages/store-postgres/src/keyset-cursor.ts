import { DEFAULT_PAGE_SIZE, MAX_PAGE_SIZE, type PageRequest, ValidationError } from '@chatcart/core';

/** The type of each value in a listing's sort key, left to right; the last one is the unique id. */
export type KeyShape = readonly ('number' | 'string')[];

/** A position in a listing: the sort key of the last row handed out. */
export type KeysetPosition = readonly (number | string)[];

/**
 * Checks a page request against a listing's key shape: the limit (1–1000, 100 by default) and the position
 * to continue after (`null` from the start). Cursors are base64url JSON of the last row's sort key, so they
 * stay valid however many rows are added before them.
 *
 * @throws {ValidationError} naming `limit` or `after`.
 */
export function readPageRequest(
  page: PageRequest | undefined,
  shape: KeyShape,
  action: string,
): { limit: number; after: KeysetPosition | null } {
  const limit = page?.limit ?? DEFAULT_PAGE_SIZE;
  if (!(Number.isInteger(limit) && limit >= 1 && limit <= MAX_PAGE_SIZE)) {
    throw new ValidationError(`Cannot ${action}`, [
      { path: 'limit', message: `must be an integer from 1 to ${MAX_PAGE_SIZE}, got ${String(limit)}` },
    ]);
  }
  const after = page?.after ?? null;
  return { limit, after: after === null ? null : decodeCursor(after, shape, action) };
}

/** The cursor that continues after `position`. */
export function encodeCursor(position: KeysetPosition): string {
  return Buffer.from(JSON.stringify(position), 'utf8').toString('base64url');
}

function decodeCursor(cursor: unknown, shape: KeyShape, action: string): KeysetPosition {
  const invalid = new ValidationError(`Cannot ${action}`, [
    {
      path: 'after',
      message: 'is not a cursor of this listing; pass the nextCursor of the previous page, or omit it',
    },
  ]);
  if (typeof cursor !== 'string' || cursor.length === 0 || cursor.length > 2048) throw invalid;
  let decoded: unknown;
  try {
    decoded = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8'));
  } catch {
    throw invalid;
  }
  if (!Array.isArray(decoded) || decoded.length !== shape.length) throw invalid;
  const fits = shape.every((type, index) => {
    const value: unknown = decoded[index];
    return type === 'number'
      ? Number.isSafeInteger(value) && (value as number) >= 0
      : typeof value === 'string';
  });
  if (!fits) throw invalid;
  return decoded as KeysetPosition;
}
