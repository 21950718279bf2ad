import type { IdGenerator } from '../ports/id-generator.js';

/**
 * Predictable ids for tests: one counter per prefix, so `next('ord')` gives `ord_1`, `ord_2`… and
 * `next('inv')` gives `inv_1`, whatever was generated before. Without a prefix: `id_1`, `id_2`…
 *
 * @example
 * ```ts
 * const ids = new SequentialIdGenerator();
 * ids.next('ord'); // 'ord_1'
 * ids.next('ord'); // 'ord_2'
 * ids.next('inv'); // 'inv_1'
 * ```
 */
export class SequentialIdGenerator implements IdGenerator {
  readonly #counters = new Map<string, number>();
  readonly #start: number;

  /** `start` is the first number of every prefix (1 unless given). */
  constructor(options: { start?: number } = {}) {
    this.#start = options.start ?? 1;
    if (!Number.isSafeInteger(this.#start))
      throw new RangeError(`start must be an integer, got ${options.start}`);
  }

  next(prefix = 'id'): string {
    const number = this.#counters.get(prefix) ?? this.#start;
    this.#counters.set(prefix, number + 1);
    return `${prefix}_${number}`;
  }

  /** Starts every prefix over. */
  reset(): void {
    this.#counters.clear();
  }
}
