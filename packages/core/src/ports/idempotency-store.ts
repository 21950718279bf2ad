/**
 * Claims a key once, for a while. A provider that resends a webhook, or a job delivered twice, finds the
 * key already claimed and does nothing.
 */
export interface IdempotencyStore {
  /**
   * Claims `key` for `ttlMs`. Resolves `true` for exactly one caller among any number racing on the same
   * key; `false` for everyone else until the claim expires or is released.
   */
  claim(key: string, ttlMs: number): Promise<boolean>;
  /** Gives a claim back (for example when processing failed and a retry should run again). */
  release(key: string): Promise<void>;
}
