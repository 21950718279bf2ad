import { AggregateRoot } from './aggregate-root.js';
import type { ProductEventName } from './domain-event.js';
import { DomainError, ValidationError } from './errors.js';
import { requireId, requireInteger, requireText, requireTimestamp } from './guards.js';
import type { Money, MoneySnapshot } from './money.js';
import { CurrencyMismatchError } from './money-errors.js';
import { assertUnitPrice, MAX_ITEM_NAME_LENGTH } from './order-item.js';
import { SnapshotReader } from './snapshot-reader.js';

/** The most aliases (other names customers use) one product may have. */
export const MAX_PRODUCT_ALIASES = 20;
/** The largest stock count a product may hold. */
export const MAX_PRODUCT_STOCK = 1_000_000_000;

/** The JSON shape of a product, the only way in and out of a store. */
export interface ProductSnapshot {
  readonly id: string;
  readonly organizationId: string;
  readonly version: number;
  readonly sku: string;
  readonly name: string;
  /** Other names customers type for it ("coke" for "Coca-Cola 330ml"); used by the catalog matcher. */
  readonly aliases: readonly string[];
  readonly price: MoneySnapshot;
  /** Units on hand, or `null` when stock is not tracked (always available). */
  readonly stock: number | null;
  readonly active: boolean;
  readonly createdAt: number;
  readonly updatedAt: number;
}

/** What {@link Product.create} takes. */
export interface CreateProductInput {
  readonly id: string;
  readonly organizationId: string;
  readonly sku: string;
  readonly name: string;
  readonly aliases?: readonly string[];
  readonly price: Money;
  readonly stock?: number | null;
  readonly active?: boolean;
  readonly now: number;
}

/** Not enough units on hand. Code `INSUFFICIENT_STOCK`. */
export class InsufficientStockError extends DomainError {
  constructor(productId: string, requested: number, available: number) {
    super(
      'INSUFFICIENT_STOCK',
      `Product ${productId} has ${available} in stock, fewer than the ${requested} asked for.`,
      {
        details: { productId, requested, available },
      },
    );
  }
}

function cleanAliases(aliases: readonly string[]): string[] {
  const seen = new Map<string, string>();
  aliases.forEach((alias, i) => {
    const clean = requireText(alias, `aliases.${i}`, { max: 100 });
    if (!seen.has(clean.toLowerCase())) seen.set(clean.toLowerCase(), clean);
  });
  if (seen.size > MAX_PRODUCT_ALIASES) {
    throw new ValidationError('Too many aliases.', [
      { path: 'aliases', message: `at most ${MAX_PRODUCT_ALIASES}` },
    ]);
  }
  return [...seen.values()];
}

const stockOrNull = (stock: number | null, field: string): number | null =>
  stock === null ? null : requireInteger(stock, field, 0, MAX_PRODUCT_STOCK);

type ProductState = Omit<ProductSnapshot, 'id' | 'organizationId' | 'version' | 'price'> & { price: Money };

/**
 * Something the business sells. The price is a non-negative {@link Money}; an order line copies it when the
 * item is added, so repricing never changes existing orders. Stock is a count ≥ 0, or `null` when untracked.
 *
 * @example
 * ```ts
 * const rice = Product.create({ id: 'p1', organizationId: 'org_1', sku: 'RICE-5', name: 'Rice 5kg',
 *   aliases: ['rice'], price: Money.fromDecimal('450', 'INR'), stock: 12, now });
 * rice.isAvailable(2); // true
 * rice.adjustStock(now, -2);
 * ```
 */
export class Product extends AggregateRoot<ProductEventName> {
  #state: ProductState;

  private constructor(id: string, organizationId: string, version: number, state: ProductState) {
    super(id, organizationId, version);
    this.#state = state;
  }

  /** A new product. @throws {ValidationError | InvalidAmountError} */
  static create(input: CreateProductInput): Product {
    const now = requireTimestamp(input.now, 'now');
    assertUnitPrice(input.price);
    return new Product(requireId(input.id, 'id'), requireId(input.organizationId, 'organizationId'), 0, {
      sku: requireText(input.sku, 'sku', { max: 64 }),
      name: requireText(input.name, 'name', { max: MAX_ITEM_NAME_LENGTH }),
      aliases: cleanAliases(input.aliases ?? []),
      price: input.price,
      stock: stockOrNull(input.stock ?? null, 'stock'),
      active: input.active ?? true,
      createdAt: now,
      updatedAt: now,
    });
  }

  /** Rebuilds a product from a stored snapshot, checking every field. @throws {ValidationError} */
  static fromSnapshot(snapshot: ProductSnapshot): Product {
    const r = SnapshotReader.of(snapshot);
    const s = {
      id: r.string('id'),
      organizationId: r.string('organizationId'),
      version: r.integer('version', 0),
      sku: r.string('sku', { max: 64 }),
      name: r.string('name', { max: MAX_ITEM_NAME_LENGTH }),
      aliases: r.stringArray('aliases', MAX_PRODUCT_ALIASES, { max: 100 }),
      price: r.money('price'),
      stock: r.integerOrNull('stock', 0, MAX_PRODUCT_STOCK),
      active: r.boolean('active'),
      createdAt: r.timestamp('createdAt'),
      updatedAt: r.timestamp('updatedAt'),
    };
    if (s.price.isNegative()) r.issue('price.amountMinor', 'must not be negative');
    r.finish('product');
    const { id, organizationId, version, ...state } = s;
    return new Product(id, organizationId, version, state);
  }

  get sku(): string {
    return this.#state.sku;
  }
  get name(): string {
    return this.#state.name;
  }
  get aliases(): readonly string[] {
    return [...this.#state.aliases];
  }
  get price(): Money {
    return this.#state.price;
  }
  get stock(): number | null {
    return this.#state.stock;
  }
  get active(): boolean {
    return this.#state.active;
  }

  /** True when the product is active and `quantity` units are on hand (always, when stock is untracked). */
  isAvailable(quantity = 1): boolean {
    return this.#state.active && (this.#state.stock === null || this.#state.stock >= quantity);
  }

  /** Renames the product and replaces its aliases. @throws {ValidationError} */
  rename(now: number, name: string, aliases: readonly string[] = this.#state.aliases): void {
    requireTimestamp(now, 'now');
    const clean = requireText(name, 'name', { max: MAX_ITEM_NAME_LENGTH });
    this.#state = { ...this.#state, name: clean, aliases: cleanAliases(aliases), updatedAt: now };
  }

  /** Sets a new price in the same currency; orders already placed keep theirs. @throws {CurrencyMismatchError | InvalidAmountError} */
  changePrice(now: number, price: Money): void {
    requireTimestamp(now, 'now');
    if (price.currency !== this.#state.price.currency) {
      throw new CurrencyMismatchError(this.#state.price.currency, price.currency, `product ${this.id}`);
    }
    assertUnitPrice(price);
    this.#state = { ...this.#state, price, updatedAt: now };
  }

  /** Sets the stock count, or `null` to stop tracking it. Raises `product.back_in_stock` when it rises from 0. */
  setStock(now: number, stock: number | null): void {
    requireTimestamp(now, 'now');
    this.applyStock(now, stockOrNull(stock, 'stock'));
  }

  /**
   * Adds (`delta > 0`) or takes (`delta < 0`) units. Taking more than is on hand is refused. No-op when stock
   * is untracked.
   *
   * @throws {InsufficientStockError | ValidationError}
   */
  adjustStock(now: number, delta: number): void {
    requireTimestamp(now, 'now');
    requireInteger(delta, 'delta', -MAX_PRODUCT_STOCK, MAX_PRODUCT_STOCK);
    const stock = this.#state.stock;
    if (stock === null) return;
    if (stock + delta < 0) throw new InsufficientStockError(this.id, -delta, stock);
    this.applyStock(now, stockOrNull(stock + delta, 'stock'));
  }

  /** Makes the product orderable (`true`) or hides it (`false`). */
  setActive(now: number, active: boolean): void {
    requireTimestamp(now, 'now');
    this.#state = { ...this.#state, active: active === true, updatedAt: now };
  }

  /** The JSON-safe snapshot stores persist. */
  toSnapshot(): ProductSnapshot {
    const { price, aliases, ...rest } = this.#state;
    return {
      id: this.id,
      organizationId: this.organizationId,
      version: this.version,
      ...rest,
      aliases: [...aliases],
      price: price.toJSON(),
    };
  }

  private applyStock(now: number, stock: number | null): void {
    const before = this.#state.stock;
    this.#state = { ...this.#state, stock, updatedAt: now };
    if (before === 0 && stock !== null && stock > 0) {
      this.raise('product.back_in_stock', now, { sku: this.sku, stock });
    }
  }
}
