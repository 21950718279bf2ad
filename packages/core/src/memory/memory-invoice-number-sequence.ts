import { ValidationError } from '../domain/errors.js';
import type { InvoiceNumberOptions, InvoiceNumberSequence } from '../ports/invoice-number-sequence.js';
import type { MemoryTransaction } from './memory-unit-of-work.js';

/** What one transaction holds: the counters it locked and the numbers it drew from them. */
interface Held {
  readonly locks: Map<string, Promise<void>>;
  readonly drawn: Map<string, number>;
}

/**
 * The embedded gap-free invoice-number sequence. It behaves as the Postgres counter row does: the first
 * transaction to draw from an organization's series holds that counter until it ends; others wait in
 * arrival order; a commit keeps the numbers drawn, a rollback gives them back to the next waiter.
 *
 * Like row locks, two transactions that each hold one counter and wait for the other's would wait forever;
 * draw from one series per transaction (the usual case) or always in the same order.
 *
 * @example
 * ```ts
 * const invoiceNumbers = new MemoryInvoiceNumberSequence();
 * const unitOfWork = new MemoryUnitOfWork((tx) => ({ outbox: outbox.within(tx), invoiceNumbers: invoiceNumbers.within(tx) }));
 * const number = await unitOfWork.run((tx) => tx.invoiceNumbers.next('org_1', { series: '2026' }));
 * ```
 */
export class MemoryInvoiceNumberSequence {
  /** The last committed number per counter. */
  readonly #last = new Map<string, number>();
  /** Per counter, the promise the next transaction to lock it waits for. */
  readonly #queues = new Map<string, Promise<void>>();

  /** The sequence as `tx` draws from it. */
  within(tx: MemoryTransaction): InvoiceNumberSequence {
    return {
      next: async (organizationId, options = {}) => {
        const key = counterKey(organizationId, options);
        const held = tx.scratch<Held>(this, () => ({ locks: new Map(), drawn: new Map() }));
        let locked = held.locks.get(key);
        if (!locked) {
          locked = this.#lock(tx, key, held);
          held.locks.set(key, locked);
        }
        await locked;
        const number = (held.drawn.get(key) ?? this.#last.get(key) ?? 0) + 1;
        held.drawn.set(key, number);
        return number;
      },
    };
  }

  /** The last committed number of a counter (0 before the first); for tests and diagnostics. */
  peek(organizationId: string, options: InvoiceNumberOptions = {}): number {
    return this.#last.get(counterKey(organizationId, options)) ?? 0;
  }

  #lock(tx: MemoryTransaction, key: string, held: Held): Promise<void> {
    const previous = this.#queues.get(key) ?? Promise.resolve();
    let release!: () => void;
    const ours = new Promise<void>((resolve) => {
      release = resolve;
    });
    const tail = previous.then(() => ours);
    this.#queues.set(key, tail);
    tx.onCommit(() => {
      const drawn = held.drawn.get(key);
      if (drawn !== undefined) this.#last.set(key, drawn);
    });
    tx.onEnd(() => {
      release();
      if (this.#queues.get(key) === tail) this.#queues.delete(key);
    });
    return previous;
  }
}

function counterKey(organizationId: string, options: InvoiceNumberOptions): string {
  const series = options.series ?? '';
  if (typeof organizationId !== 'string' || organizationId.length === 0) {
    throw new ValidationError('Cannot draw an invoice number', [
      { path: 'organizationId', message: 'must be a non-empty string' },
    ]);
  }
  if (typeof series !== 'string' || series.length > 100) {
    throw new ValidationError('Cannot draw an invoice number', [
      { path: 'series', message: 'must be a string of at most 100 characters' },
    ]);
  }
  return `${organizationId}\u0000${series}`;
}
