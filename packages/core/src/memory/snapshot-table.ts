import { ConflictError } from '../domain/errors.js';
import type { MemoryTransaction } from './memory-unit-of-work.js';

/** What every stored snapshot carries: the row key (organization + id) and the version to compare-and-set on. */
export interface StoredSnapshot {
  readonly id: string;
  readonly organizationId: string;
  readonly version: number;
}

/** A value that must be unique among the rows of a table, such as a customer's phone in its organization. */
export interface UniqueKey {
  /** The index key; include the organization so uniqueness stays per organization. */
  readonly key: string;
  /** The value in words, for the error message, for example `phone +5511999990000`. */
  readonly label: string;
}

/** How a table knows its rows: the aggregate's name for messages and its unique keys. */
export interface SnapshotTableSpec<S extends StoredSnapshot> {
  /** The aggregate's name, for example `Order`. */
  readonly what: string;
  /** The unique keys a snapshot holds (none when omitted). */
  readonly uniqueKeys?: (snapshot: S) => readonly UniqueKey[];
}

/**
 * A second row would take a value that must be unique (a phone, a SKU, an order's live invoice). It is a
 * `ConflictError` because the fix is the same: reload (find the row that holds the value) and decide again.
 */
export class UniqueKeyConflictError extends ConflictError {
  /** The value that is taken, in words. */
  readonly label: string;

  constructor(what: string, id: string, version: number, label: string) {
    super(what, id, version, undefined);
    this.label = label;
    this.message = `${what} ${id} cannot be saved: another ${what.toLowerCase()} of the organization already has ${label}; load that one instead.`;
  }
}

interface PendingWrite<S> {
  /** The committed version this transaction read before its first write (0: it inserts). */
  readonly base: number;
  snapshot: S;
}

type Pending<S> = Map<string, PendingWrite<S>>;

/**
 * The rows of one aggregate type as snapshots: the committed state, and per transaction the writes it has
 * not committed yet. Saves compare-and-set on the version (at save time against what the caller can see,
 * and again at commit against what other transactions committed meanwhile); unique keys are checked at
 * the same two points. Stored snapshots are copies, so no caller ever holds one.
 */
export class SnapshotTable<S extends StoredSnapshot> {
  readonly what: string;
  readonly #uniqueKeys: (snapshot: S) => readonly UniqueKey[];
  /** Committed rows, by organization then id. */
  readonly #rows = new Map<string, Map<string, S>>();
  /** Committed unique keys → the row key holding them. */
  readonly #unique = new Map<string, string>();

  constructor(spec: SnapshotTableSpec<S>) {
    this.what = spec.what;
    this.#uniqueKeys = spec.uniqueKeys ?? (() => []);
  }

  /** The row as `tx` sees it (its own writes first), or the committed row without a transaction. */
  get(tx: MemoryTransaction | undefined, organizationId: string, id: string): S | undefined {
    const pending = tx ? this.#pending(tx).get(rowKey(organizationId, id)) : undefined;
    return pending ? pending.snapshot : this.#rows.get(organizationId)?.get(id);
  }

  /** Every row of an organization (of all of them when `organizationId` is undefined), as `tx` sees them. */
  rows(tx: MemoryTransaction | undefined, organizationId?: string): S[] {
    const committed =
      organizationId === undefined
        ? [...this.#rows.values()].flatMap((byId) => [...byId.values()])
        : [...(this.#rows.get(organizationId)?.values() ?? [])];
    if (!tx) return committed;
    const pending = this.#pending(tx);
    if (pending.size === 0) return committed;
    const merged = new Map(committed.map((row) => [rowKey(row.organizationId, row.id), row]));
    for (const [key, write] of pending) {
      if (organizationId === undefined || write.snapshot.organizationId === organizationId) {
        merged.set(key, write.snapshot);
      }
    }
    return [...merged.values()];
  }

  /**
   * Stores `snapshot` if the row's version (as `tx` sees it) still equals `snapshot.version`, and returns
   * the new version. Without a transaction the write is committed at once.
   *
   * @throws {ConflictError} when the version moved or a new row's id is taken, and
   *   {@link UniqueKeyConflictError} when a unique value is held by another row; nothing is stored then.
   */
  save(tx: MemoryTransaction | undefined, snapshot: S): number {
    const { organizationId, id, version: expected } = snapshot;
    const key = rowKey(organizationId, id);
    const next = storedCopy(snapshot, expected + 1);
    if (!tx) {
      this.#checkVersion(id, expected, this.#rows.get(organizationId)?.get(id));
      this.#checkUnique(next, key, undefined);
      this.#apply(new Map([[key, { base: expected, snapshot: next }]]));
      return next.version;
    }
    tx.assertActive();
    const pending = this.#pending(tx);
    const write = pending.get(key);
    this.#checkVersion(id, expected, write ? write.snapshot : this.#rows.get(organizationId)?.get(id));
    this.#checkUnique(next, key, pending);
    pending.set(key, { base: write ? write.base : expected, snapshot: next });
    return next.version;
  }

  #pending(tx: MemoryTransaction): Pending<S> {
    return tx.scratch(this, () => {
      const pending: Pending<S> = new Map();
      // Other transactions may have committed since this one read: check again, then apply all at once.
      tx.beforeCommit(() => {
        for (const write of pending.values()) {
          const { organizationId, id } = write.snapshot;
          this.#checkVersion(id, write.base, this.#rows.get(organizationId)?.get(id));
        }
        for (const [key, write] of pending) this.#checkUnique(write.snapshot, key, pending);
      });
      tx.onCommit(() => this.#apply(pending));
      return pending;
    });
  }

  #checkVersion(id: string, expected: number, current: S | undefined): void {
    const actual = current?.version;
    if ((actual ?? 0) !== expected) throw new ConflictError(this.what, id, expected, actual);
  }

  /** Throws when a unique key of `snapshot` is held by another row, committed or written by the same transaction. */
  #checkUnique(snapshot: S, key: string, pending: Pending<S> | undefined): void {
    for (const unique of this.#uniqueKeys(snapshot)) {
      const committedOwner = this.#unique.get(unique.key);
      const ownerStillHolds =
        committedOwner !== undefined &&
        committedOwner !== key &&
        !this.#releasedBy(pending?.get(committedOwner), unique.key);
      const pendingOwner = [...(pending ?? [])].find(
        ([other, write]) => other !== key && this.#holds(write.snapshot, unique.key),
      );
      if (ownerStillHolds || pendingOwner) {
        throw new UniqueKeyConflictError(this.what, snapshot.id, snapshot.version - 1, unique.label);
      }
    }
  }

  /** True when a pending write of the committed owner drops the key (for example a SKU renamed). */
  #releasedBy(write: PendingWrite<S> | undefined, uniqueKey: string): boolean {
    return write !== undefined && !this.#holds(write.snapshot, uniqueKey);
  }

  #holds(snapshot: S, uniqueKey: string): boolean {
    return this.#uniqueKeys(snapshot).some((unique) => unique.key === uniqueKey);
  }

  /** Applies checked writes: old unique keys are dropped first, so two rows may swap a value. */
  #apply(writes: Pending<S>): void {
    for (const [key, write] of writes) {
      const { organizationId, id } = write.snapshot;
      const previous = this.#rows.get(organizationId)?.get(id);
      if (!previous) continue;
      for (const unique of this.#uniqueKeys(previous)) {
        if (this.#unique.get(unique.key) === key) this.#unique.delete(unique.key);
      }
    }
    for (const [key, write] of writes) {
      const { organizationId, id } = write.snapshot;
      let byId = this.#rows.get(organizationId);
      if (!byId) {
        byId = new Map();
        this.#rows.set(organizationId, byId);
      }
      byId.set(id, write.snapshot);
      for (const unique of this.#uniqueKeys(write.snapshot)) this.#unique.set(unique.key, key);
    }
  }
}

function rowKey(organizationId: string, id: string): string {
  return `${organizationId}\u0000${id}`;
}

/** A private deep copy of `snapshot` at `version`, frozen so a reader can never change the stored row. */
function storedCopy<S extends StoredSnapshot>(snapshot: S, next: number): S {
  return deepFreeze({ ...structuredClone(snapshot), version: next });
}

function deepFreeze<T>(value: T): T {
  if (value !== null && typeof value === 'object') {
    for (const inner of Object.values(value)) deepFreeze(inner);
    Object.freeze(value);
  }
  return value;
}
