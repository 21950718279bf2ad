import { NotFoundError } from '../domain/errors.js';
import type { Page, PageRequest } from '../ports/repositories.js';
import { keysetPage, type SortOrder } from './keyset-page.js';
import type { MemoryTransaction } from './memory-unit-of-work.js';
import { SnapshotTable, type SnapshotTableSpec, type StoredSnapshot } from './snapshot-table.js';

/** What a memory repository needs from an aggregate: its key, its version and its snapshot. */
export interface PersistableAggregate<S> {
  readonly id: string;
  readonly organizationId: string;
  readonly version: number;
  markPersisted(version: number): void;
  toSnapshot(): S;
}

/** How a memory repository stores one aggregate type. */
export interface MemoryRepositorySpec<A, S extends StoredSnapshot> extends SnapshotTableSpec<S> {
  /** Rebuilds the aggregate (and checks the snapshot), for example `Order.fromSnapshot`. */
  readonly fromSnapshot: (snapshot: S) => A;
}

/**
 * What the six memory repositories share: snapshot storage with compare-and-set saves, reads by id scoped
 * to the organization, keyset pages, and a `within(tx)` view bound to a {@link MemoryTransaction}. The
 * repository itself reads committed rows and commits each save at once.
 */
export abstract class MemoryAggregateRepository<A extends PersistableAggregate<S>, S extends StoredSnapshot> {
  protected readonly table: SnapshotTable<S>;
  protected readonly fromSnapshot: (snapshot: S) => A;
  /** The transaction this view belongs to; undefined for the auto-commit repository. */
  protected readonly tx: MemoryTransaction | undefined;

  protected constructor(spec: MemoryRepositorySpec<A, S>) {
    this.table = new SnapshotTable(spec);
    this.fromSnapshot = spec.fromSnapshot;
    this.tx = undefined;
  }

  /**
   * The repository as `tx` sees it: reads include the transaction's own writes; saves are checked now and
   * again at commit (against what other transactions committed meanwhile) and applied only if it commits.
   */
  within(tx: MemoryTransaction): this {
    // Same methods, same table, another transaction: a view shares everything but `tx`.
    const view = Object.create(Object.getPrototypeOf(this) as object) as this;
    Object.assign(view, { table: this.table, fromSnapshot: this.fromSnapshot, tx });
    return view;
  }

  async findById(organizationId: string, id: string): Promise<A | null> {
    const row = this.table.get(this.tx, organizationId, id);
    return row ? this.rebuild(row) : null;
  }

  async getById(organizationId: string, id: string): Promise<A> {
    const found = await this.findById(organizationId, id);
    if (!found) throw new NotFoundError(this.table.what, id);
    return found;
  }

  async save(aggregate: A): Promise<void> {
    const version = this.table.save(this.tx, aggregate.toSnapshot());
    aggregate.markPersisted(version);
  }

  /** A fresh aggregate from a stored row; the row itself never leaves the table. */
  protected rebuild(row: S): A {
    return this.fromSnapshot(structuredClone(row));
  }

  /** Every row of the organization (of all when undefined) as this view sees them. */
  protected rows(organizationId?: string): S[] {
    return this.table.rows(this.tx, organizationId);
  }

  /** One keyset page of `rows` in `order`. */
  protected page(rows: readonly S[], order: SortOrder<S>, page: PageRequest | undefined): Page<A> {
    return keysetPage(rows, order, page, `list ${this.table.what.toLowerCase()}s`, (row) =>
      this.rebuild(row),
    );
  }
}

/** Newest first: `createdAt` desc, then id desc. */
export function newestFirst<S extends StoredSnapshot & { readonly createdAt: number }>(): SortOrder<S> {
  return [
    { value: (row) => row.createdAt, type: 'number', direction: 'desc' },
    { value: (row) => row.id, type: 'string', direction: 'desc' },
  ];
}
