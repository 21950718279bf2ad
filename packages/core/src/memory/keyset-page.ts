import { ValidationError } from '../domain/errors.js';
import { DEFAULT_PAGE_SIZE, MAX_PAGE_SIZE, type Page, type PageRequest } from '../ports/repositories.js';

/** One sort column's value; a row's position in a listing is the tuple of them. */
export type SortValue = string | number;

/** One column of a listing's order: how to read it from a row, which type it has, and its direction. */
export interface SortColumn<R> {
  readonly value: (row: R) => SortValue;
  readonly type: 'string' | 'number';
  readonly direction: 'asc' | 'desc';
}

/** A listing's order: columns compared left to right; the last one must be unique (the id). */
export type SortOrder<R> = readonly SortColumn<R>[];

/**
 * Checks a page request and returns the limit and the position to start after (null: from the start).
 *
 * @throws {ValidationError} naming `limit` or `after`.
 */
export function readPageRequest<R>(
  page: PageRequest | undefined,
  order: SortOrder<R>,
  action: string,
): { limit: number; after: SortValue[] | null } {
  const limit = page?.limit ?? DEFAULT_PAGE_SIZE;
  if (!(Number.isInteger(limit) && limit >= 1 && limit <= MAX_PAGE_SIZE)) {
    throw new ValidationError(`Cannot ${action}`, [
      { path: 'limit', message: `must be an integer from 1 to ${MAX_PAGE_SIZE}, got ${String(limit)}` },
    ]);
  }
  const after = page?.after ?? null;
  return { limit, after: after === null ? null : decodeCursor(after, order, action) };
}

/**
 * One page of `rows` in `order`, starting after `page.after`: keyset paging, so rows added or removed before
 * the cursor never shift the rows after it.
 *
 * @throws {ValidationError} for a bad `limit` or a cursor this listing did not hand out.
 */
export function keysetPage<R, T>(
  rows: readonly R[],
  order: SortOrder<R>,
  page: PageRequest | undefined,
  action: string,
  build: (row: R) => T,
): Page<T> {
  const { limit, after } = readPageRequest(page, order, action);
  const positioned = rows.map((row) => ({ row, key: order.map((column) => column.value(row)) }));
  const remaining = after
    ? positioned.filter((entry) => compareKeys(entry.key, after, order) > 0)
    : positioned;
  remaining.sort((a, b) => compareKeys(a.key, b.key, order));
  const taken = remaining.slice(0, limit);
  const last = taken.at(-1);
  return {
    items: taken.map((entry) => build(entry.row)),
    nextCursor: remaining.length > limit && last ? encodeCursor(last.key) : null,
  };
}

function compareKeys<R>(a: readonly SortValue[], b: readonly SortValue[], order: SortOrder<R>): number {
  for (let index = 0; index < order.length; index += 1) {
    const left = a[index] as SortValue;
    const right = b[index] as SortValue;
    if (left === right) continue;
    const ascending = left < right ? -1 : 1;
    return order[index]?.direction === 'desc' ? -ascending : ascending;
  }
  return 0;
}

// base64url of the JSON key, with the web APIs so the core runs outside Node too.
function encodeCursor(key: readonly SortValue[]): string {
  const bytes = new TextEncoder().encode(JSON.stringify(key));
  return btoa(String.fromCharCode(...bytes))
    .replaceAll('+', '-')
    .replaceAll('/', '_')
    .replace(/=+$/, '');
}

function decodeBase64Url(text: string): string {
  const binary = atob(text.replaceAll('-', '+').replaceAll('_', '/'));
  return new TextDecoder('utf-8', { fatal: true }).decode(
    Uint8Array.from(binary, (char) => char.charCodeAt(0)),
  );
}

function decodeCursor<R>(cursor: unknown, order: SortOrder<R>, action: string): SortValue[] {
  const invalid = (): ValidationError =>
    new ValidationError(`Cannot ${action}`, [
      {
        path: 'after',
        message: 'is not a cursor of this listing; pass the nextCursor of the previous page, or omit it',
      },
    ]);
  if (typeof cursor !== 'string' || cursor.length === 0 || cursor.length > 2048) throw invalid();
  let decoded: unknown;
  try {
    decoded = JSON.parse(decodeBase64Url(cursor));
  } catch {
    throw invalid();
  }
  if (!Array.isArray(decoded) || decoded.length !== order.length) throw invalid();
  const fits = order.every((column, index) => {
    const value: unknown = decoded[index];
    return column.type === 'number' ? Number.isFinite(value) : typeof value === 'string';
  });
  if (!fits) throw invalid();
  return decoded as SortValue[];
}
