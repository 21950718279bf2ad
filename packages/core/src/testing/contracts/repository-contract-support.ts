import { expect } from 'vitest';
import { audienceSegment } from '../../domain/audience-segment.js';
import { Campaign } from '../../domain/campaign.js';
import { Customer } from '../../domain/customer.js';
import { Invoice } from '../../domain/invoice.js';
import { Money } from '../../domain/money.js';
import { Order } from '../../domain/order.js';
import { Product } from '../../domain/product.js';
import { Reminder } from '../../domain/reminder.js';
import type { CommerceTransaction, Page, PageRequest, Repositories } from '../../ports/repositories.js';
import type { UnitOfWork } from '../../ports/unit-of-work.js';
import { uniqueSuffix } from './contract-time.js';

/**
 * What the repository contracts need from a store adapter: its repositories (outside any transaction, each
 * save committed at once) and, when it has one, the unit of work whose transactions see the same data.
 * Tests create their own organizations and never assume the store is empty, so adapters may share one
 * database between runs and suites.
 */
export interface RepositoriesHarness {
  readonly repositories: Repositories;
  /**
   * Transactions over the same data; the transaction tests run only when it is given. Reads through
   * `repositories` must not use the connection a running transaction holds.
   */
  readonly unitOfWork?: UnitOfWork<CommerceTransaction>;
  /** Frees what the harness created (connections, rows); runs after every test. */
  cleanup?(): void | Promise<void>;
}

/** How a repository contract gets a fresh harness, once per test. */
export type RepositoriesHarnessFactory = () => RepositoriesHarness | Promise<RepositoriesHarness>;

/** A fixed moment the fixtures are created at: 2026-03-01T10:00:00Z. */
export const CONTRACT_EPOCH = Date.parse('2026-03-01T10:00:00Z');

/** The money the fixtures use. */
export function usd(decimal: string): Money {
  return Money.fromDecimal(decimal, 'USD');
}

/**
 * Names for one test: its own organizations, ids and phones, unique across runs, so tests sharing a
 * database never see each other's rows.
 */
export class ContractNames {
  readonly #suffix = uniqueSuffix();
  #count = 0;

  /** An organization id of this test; the same label gives the same id. */
  org(label = 'a'): string {
    return `org_${label}_${this.#suffix}`;
  }

  /** A fresh id with `prefix`. */
  id(prefix: string): string {
    this.#count += 1;
    return `${prefix}_${this.#suffix}_${String(this.#count).padStart(4, '0')}`;
  }

  /** A fresh E.164 phone number (unique within this test). */
  phone(): string {
    this.#count += 1;
    return `+1555${String(this.#count).padStart(7, '0')}`;
  }

  /** A fresh SKU (unique within this test). */
  sku(prefix = 'SKU'): string {
    this.#count += 1;
    return `${prefix}-${String(this.#count).padStart(4, '0')}`;
  }
}

/** A DRAFT order with one item. */
export function anOrder(
  organizationId: string,
  id: string,
  options: { customerId?: string; createdAt?: number } = {},
): Order {
  return Order.create({
    id,
    organizationId,
    customerId: options.customerId ?? 'cus_contract',
    currency: 'USD',
    items: [{ productId: 'prd_rice', name: 'Rice 5kg ✓', unitPrice: usd('4.50'), quantity: 2 }],
    now: options.createdAt ?? CONTRACT_EPOCH,
  });
}

/** A DRAFT invoice for `orderId`. */
export function anInvoice(
  organizationId: string,
  id: string,
  options: { orderId?: string; customerId?: string; createdAt?: number } = {},
): Invoice {
  return Invoice.create({
    id,
    organizationId,
    invoiceNumber: `INV-${id}`,
    orderId: options.orderId ?? `ord_for_${id}`,
    customerId: options.customerId ?? 'cus_contract',
    currency: 'USD',
    lines: [
      {
        productId: 'prd_rice',
        description: 'Rice 5kg',
        unitPrice: usd('4.50'),
        quantity: 2,
        taxRateBps: 500,
        discount: null,
      },
    ],
    now: options.createdAt ?? CONTRACT_EPOCH,
  });
}

/** A PENDING reminder. */
export function aReminder(
  organizationId: string,
  id: string,
  options: { scheduledFor?: number; customerId?: string; referenceId?: string } = {},
): Reminder {
  return Reminder.schedule({
    id,
    organizationId,
    type: 'PAYMENT_DUE',
    customerId: options.customerId ?? 'cus_contract',
    customerPhone: '+15550000000',
    message: 'Your invoice is due today.',
    scheduledFor: options.scheduledFor ?? CONTRACT_EPOCH + 3_600_000,
    ...(options.referenceId ? { reference: { kind: 'invoice' as const, id: options.referenceId } } : {}),
    now: Math.min(CONTRACT_EPOCH, options.scheduledFor ?? CONTRACT_EPOCH),
  });
}

/** A DRAFT campaign. */
export function aCampaign(
  organizationId: string,
  id: string,
  options: { createdAt?: number } = {},
): Campaign {
  return Campaign.create({
    id,
    organizationId,
    name: `Spring sale ${id}`,
    type: 'PROMOTIONAL',
    messageTemplate: 'Hello {{name}}, 10% off rice this week.',
    audience: audienceSegment({
      lastOrderFrom: CONTRACT_EPOCH - 30 * 86_400_000,
      totalSpentMin: usd('25.00'),
      tagsAny: ['vip', 'rice'],
    }),
    now: options.createdAt ?? CONTRACT_EPOCH,
  });
}

/** What a fixture customer looks like to a segment. */
export interface CustomerTraits {
  readonly phone: string;
  readonly tags?: readonly string[];
  /** OPTED_IN when omitted. */
  readonly consent?: 'UNKNOWN' | 'OPTED_IN' | 'OPTED_OUT';
  /** Purchases recorded, in USD decimals, each at `lastOrderAt`. */
  readonly purchases?: readonly string[];
  readonly lastOrderAt?: number;
}

/** A customer with the given traits. */
export function aCustomer(organizationId: string, id: string, traits: CustomerTraits): Customer {
  const consent = traits.consent ?? 'OPTED_IN';
  const customer = Customer.create({
    id,
    organizationId,
    phone: traits.phone,
    name: 'Ana Souza',
    locale: 'pt-BR',
    tags: [...(traits.tags ?? [])],
    optedIn: consent === 'OPTED_IN',
    now: CONTRACT_EPOCH,
  });
  if (consent === 'OPTED_OUT') customer.optOut(CONTRACT_EPOCH, 'asked to stop');
  for (const amount of traits.purchases ?? []) {
    customer.recordPurchase(CONTRACT_EPOCH, usd(amount), traits.lastOrderAt ?? CONTRACT_EPOCH);
  }
  return customer;
}

/** An active product. */
export function aProduct(
  organizationId: string,
  id: string,
  options: { sku: string; active?: boolean },
): Product {
  return Product.create({
    id,
    organizationId,
    sku: options.sku,
    name: `Rice ${options.sku}`,
    aliases: ['arroz'],
    price: usd('4.50'),
    stock: 10,
    active: options.active ?? true,
    now: CONTRACT_EPOCH,
  });
}

/**
 * Reads a listing to the end, page by page, calling `between` after each page (to write while paging).
 * Fails if a page is larger than the limit or the listing does not end.
 */
export async function readAllPages<T>(
  read: (page: PageRequest) => Promise<Page<T>>,
  limit: number,
  between?: (pageNumber: number) => Promise<void>,
): Promise<{ items: T[]; pages: number[] }> {
  const items: T[] = [];
  const pages: number[] = [];
  let after: string | null = null;
  for (let pageNumber = 1; pageNumber <= 10_000; pageNumber += 1) {
    const page: Page<T> = await read({ limit, after });
    expect(page.items.length).toBeLessThanOrEqual(limit);
    items.push(...page.items);
    pages.push(page.items.length);
    if (page.nextCursor === null) return { items, pages };
    expect(page.items.length, 'a page before the last one is full').toBe(limit);
    after = page.nextCursor;
    await between?.(pageNumber);
  }
  throw new Error('The listing did not end after 10 000 pages');
}

/** The ids of `items`, in order. */
export function idsOf(items: readonly { readonly id: string }[]): string[] {
  return items.map((item) => item.id);
}

/** Strings in code-unit order (the order of `COLLATE "C"`), for building expected listings. */
export function byCodeUnits(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

/** Saves aggregates one after the other (inserts in a known order, and no connection storm). */
export async function saveAll<A>(
  save: (aggregate: A) => Promise<void>,
  aggregates: readonly A[],
): Promise<void> {
  for (const aggregate of aggregates) await save(aggregate);
}
