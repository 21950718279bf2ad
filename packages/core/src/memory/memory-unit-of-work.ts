import { ChatcartError } from '../domain/errors.js';
import type { TransactionContext, UnitOfWork } from '../ports/unit-of-work.js';

/**
 * One in-memory transaction, as the stores taking part in it see it. Stores never write their shared state
 * during the work: they keep pending writes in `scratch` (so reads inside the transaction see them) and
 * register `onCommit` to apply them. Commit is synchronous, so it is atomic within the process.
 */
export interface MemoryTransaction {
  /**
   * Registers a check run at commit, before anything is applied (for example a version compare-and-set
   * against what other transactions committed meanwhile). A check that throws rolls the whole transaction
   * back and `run` rejects with its error.
   */
  beforeCommit(check: () => void): void;
  /** Registers a write applied if and only if the transaction commits, in registration order. Must not throw. */
  onCommit(apply: () => void): void;
  /** Registers a clean-up run when the transaction ends either way (for example releasing a lock). */
  onEnd(release: (committed: boolean) => void): void;
  /** The transaction's private state for `owner` (a store), created on first use. */
  scratch<T>(owner: object, create: () => T): T;
  /** Throws when the transaction already ended: a context kept past `run` must not write. */
  assertActive(): void;
}

class Transaction implements MemoryTransaction {
  readonly #checks: Array<() => void> = [];
  readonly #applies: Array<() => void> = [];
  readonly #releases: Array<(committed: boolean) => void> = [];
  readonly #scratch = new Map<object, unknown>();
  #ended = false;

  beforeCommit(check: () => void): void {
    this.assertActive();
    this.#checks.push(check);
  }

  onCommit(apply: () => void): void {
    this.assertActive();
    this.#applies.push(apply);
  }

  onEnd(release: (committed: boolean) => void): void {
    this.assertActive();
    this.#releases.push(release);
  }

  scratch<T>(owner: object, create: () => T): T {
    this.assertActive();
    if (!this.#scratch.has(owner)) this.#scratch.set(owner, create());
    return this.#scratch.get(owner) as T;
  }

  assertActive(): void {
    if (this.#ended) {
      throw new ChatcartError(
        'TRANSACTION_ENDED',
        'This transaction already ended; do every write inside the work passed to unitOfWork.run.',
      );
    }
  }

  /** Runs every check, then every write; throws (having applied nothing) when a check fails. */
  commit(): void {
    for (const check of this.#checks) check();
    this.#ended = true;
    for (const apply of this.#applies) apply();
  }

  end(committed: boolean): void {
    this.#ended = true;
    for (const release of this.#releases.splice(0)) release(committed);
  }
}

/**
 * The embedded `UnitOfWork`: all-or-nothing within one process. Each store taking part offers a
 * `within(tx)` view that buffers its writes in the transaction; you say which views make up the context.
 * Transactions run concurrently, as they do on Postgres; stores that need more (the invoice-number
 * sequence) hold a lock per row-like key until the transaction ends.
 *
 * @example
 * ```ts
 * const outbox = new MemoryOutbox();
 * const invoiceNumbers = new MemoryInvoiceNumberSequence();
 * const unitOfWork = new MemoryUnitOfWork((tx) => ({
 *   outbox: outbox.within(tx),
 *   invoiceNumbers: invoiceNumbers.within(tx),
 * }));
 * await unitOfWork.run(async (tx) => tx.invoiceNumbers.next('org_1')); // 1
 * ```
 */
export class MemoryUnitOfWork<TContext extends TransactionContext = TransactionContext>
  implements UnitOfWork<TContext>
{
  readonly #createContext: (tx: MemoryTransaction) => TContext;

  constructor(createContext: (tx: MemoryTransaction) => TContext) {
    this.#createContext = createContext;
  }

  async run<T>(work: (tx: TContext) => Promise<T>): Promise<T> {
    const tx = new Transaction();
    let committed = false;
    try {
      const result = await work(this.#createContext(tx));
      tx.commit();
      committed = true;
      return result;
    } finally {
      tx.end(committed);
    }
  }
}
