import type { AudienceSegment } from '../domain/audience-segment.js';
import type { Campaign } from '../domain/campaign.js';
import type { Customer } from '../domain/customer.js';
import type { Invoice } from '../domain/invoice.js';
import type { InvoiceStatus } from '../domain/invoice-snapshot.js';
import type { Order } from '../domain/order.js';
import type { OrderStatus } from '../domain/order-snapshot.js';
import type { Product } from '../domain/product.js';
import type { Reminder } from '../domain/reminder.js';
import type { ReminderStatus } from '../domain/reminder-snapshot.js';
import type { InvoiceNumberSequence } from './invoice-number-sequence.js';
import type { TransactionContext } from './unit-of-work.js';

/**
 * One page of a listing. `nextCursor` is opaque: pass it back as `after` for the next page; `null` means
 * this was the last page. Cursors are keyset positions (never offsets), so rows inserted while a caller
 * pages do not shift or repeat the ones it has not reached yet.
 */
export interface Page<T> {
  readonly items: readonly T[];
  readonly nextCursor: string | null;
}

/** How much of a listing to read. */
export interface PageRequest {
  /** Rows per page, 1–1000; 100 when omitted. */
  readonly limit?: number;
  /** The `nextCursor` of the previous page; from the start when omitted. */
  readonly after?: string | null;
}

/** The most rows one page may hold. */
export const MAX_PAGE_SIZE = 1000;
/** Rows per page when the caller does not say. */
export const DEFAULT_PAGE_SIZE = 100;

/**
 * What every aggregate repository does. Every call takes the organization: a read never returns another
 * organization's row, and a write never touches one.
 *
 * **Writes are compare-and-set on `version`.** `save` stores the aggregate only if the stored version still
 * equals `aggregate.version` (0 for a new aggregate: the row must not exist yet), then stores version + 1 and
 * calls `aggregate.markPersisted(version + 1)`. Otherwise it throws `ConflictError` and stores nothing. Of
 * two racing saves of the same loaded version, exactly one wins.
 *
 * Aggregates are stored as their snapshots and rebuilt with `fromSnapshot`, so a repository never hands out
 * an object another caller holds.
 */
export interface AggregateRepository<A> {
  /** The aggregate, or `null` when the organization has none with this id. */
  findById(organizationId: string, id: string): Promise<A | null>;
  /**
   * The aggregate.
   *
   * @throws {NotFoundError} when the organization has none with this id.
   */
  getById(organizationId: string, id: string): Promise<A>;
  /**
   * Inserts (version 0) or updates (version ≥ 1) with compare-and-set on the version.
   *
   * @throws {ConflictError} when the stored version differs, or a new aggregate's id is taken.
   */
  save(aggregate: A): Promise<void>;
}

/** Filters for listing orders, newest first. */
export interface OrderQuery extends PageRequest {
  readonly customerId?: string;
  readonly statuses?: readonly OrderStatus[];
}

export interface OrderRepository extends AggregateRepository<Order> {
  /** Orders of the organization, newest first (`createdAt` desc, then id desc). */
  list(organizationId: string, query?: OrderQuery): Promise<Page<Order>>;
}

/** Filters for listing invoices, newest first. */
export interface InvoiceQuery extends PageRequest {
  readonly customerId?: string;
  readonly statuses?: readonly InvoiceStatus[];
}

export interface InvoiceRepository extends AggregateRepository<Invoice> {
  /** The invoice issued for an order (at most one that is not VOID), or `null`. */
  findByOrderId(organizationId: string, orderId: string): Promise<Invoice | null>;
  /** Invoices of the organization, newest first (`createdAt` desc, then id desc). */
  list(organizationId: string, query?: InvoiceQuery): Promise<Page<Invoice>>;
}

/** Filters for listing reminders. */
export interface ReminderQuery extends PageRequest {
  readonly customerId?: string;
  readonly statuses?: readonly ReminderStatus[];
  /** Reminders about this order or invoice. */
  readonly referenceId?: string;
}

export interface ReminderRepository extends AggregateRepository<Reminder> {
  /** Reminders of the organization, soonest first (`scheduledFor` asc, then id asc). */
  list(organizationId: string, query?: ReminderQuery): Promise<Page<Reminder>>;
  /**
   * PENDING reminders of every organization due at or before `now`, soonest first, at most `limit`. The
   * sweeper that re-enqueues reminders whose job was lost uses it; it is the one cross-organization read, and
   * every reminder it returns carries its own organizationId.
   */
  findDue(now: number, limit: number): Promise<Reminder[]>;
}

export interface CampaignRepository extends AggregateRepository<Campaign> {
  /** Campaigns of the organization, newest first (`createdAt` desc, then id desc). */
  list(organizationId: string, query?: PageRequest): Promise<Page<Campaign>>;
}

export interface CustomerRepository extends AggregateRepository<Customer> {
  /** The customer with this E.164 phone (unique per organization), or `null`. */
  findByPhone(organizationId: string, phone: string): Promise<Customer | null>;
  /**
   * One page of the customers a segment targets: opted in and matching every filter of the segment (the
   * same rule as the domain's `segmentMatches`), in id order. Streams a large audience page by page without
   * loading it all.
   */
  findAudience(organizationId: string, segment: AudienceSegment, page?: PageRequest): Promise<Page<Customer>>;
  /** How many customers the segment targets right now. */
  countAudience(organizationId: string, segment: AudienceSegment): Promise<number>;
}

/** Filters for listing products. */
export interface ProductQuery extends PageRequest {
  /** Only products that are active (on sale); all when omitted. */
  readonly activeOnly?: boolean;
}

/**
 * The shop's products. The conversation matches customers' words against `listActive`; the stock a confirmed
 * order takes is written back through `save`.
 */
export interface ProductCatalog extends AggregateRepository<Product> {
  /** The product with this SKU (unique per organization, compared case-insensitively), or `null`. */
  findBySku(organizationId: string, sku: string): Promise<Product | null>;
  /** Products of the organization in SKU order. */
  list(organizationId: string, query?: ProductQuery): Promise<Page<Product>>;
}

/** Every repository, as one bundle a store adapter provides. */
export interface Repositories {
  readonly orders: OrderRepository;
  readonly invoices: InvoiceRepository;
  readonly reminders: ReminderRepository;
  readonly campaigns: CampaignRepository;
  readonly customers: CustomerRepository;
  readonly products: ProductCatalog;
}

/**
 * What a commerce transaction sees: every repository, the invoice numbers and the outbox, all bound to one
 * transaction. A store adapter (memory, Postgres) builds it; the application layer runs its commands in it.
 */
export interface CommerceTransaction extends TransactionContext, Repositories {
  readonly invoiceNumbers: InvoiceNumberSequence;
}
