/** Where new ids come from; tests pass a deterministic one. */
export interface IdGenerator {
  /** A new unique id. `prefix` (for example `ord`) makes ids readable in logs. */
  next(prefix?: string): string;
}

/**
 * Random UUIDs from the Web Crypto API (present in Node 20, Bun, Deno and edge runtimes), optionally
 * prefixed: `ord_6f1c…`. Ids never contain `:`, because queue job ids cannot.
 */
export const uuidGenerator: IdGenerator = {
  next: (prefix) => (prefix ? `${prefix}_${globalThis.crypto.randomUUID()}` : globalThis.crypto.randomUUID()),
};
