import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { applyAtomically, RUNS } from './domain-test-helpers.js';
import { ValidationError } from './errors.js';
import { Money } from './money.js';
import { CurrencyMismatchError, InvalidAmountError } from './money-errors.js';
import { InsufficientStockError, Product } from './product.js';

const now = 1_700_000_000_000;
const create = (stock: number | null = 2) =>
  Product.create({
    id: 'p1',
    organizationId: 'org_1',
    sku: 'RICE-5',
    name: 'Rice 5kg',
    aliases: ['rice', 'Rice', 'chawal'],
    price: Money.fromDecimal('450', 'INR'),
    stock,
    now,
  });

describe('Product', () => {
  it('keeps aliases unique regardless of case', () => {
    expect(create().aliases).toEqual(['rice', 'chawal']);
  });

  it('is available while active and in stock, always when stock is untracked', () => {
    const product = create(2);
    expect(product.isAvailable(2)).toBe(true);
    expect(product.isAvailable(3)).toBe(false);
    expect(create(null).isAvailable(1_000_000)).toBe(true);
    product.setActive(now, false);
    expect(product.isAvailable(1)).toBe(false);
  });

  it('never lets stock go below zero', () => {
    const product = create(2);
    product.adjustStock(now, -2);
    expect(product.stock).toBe(0);
    expect(() => product.adjustStock(now, -1)).toThrow(InsufficientStockError);
    expect(() => product.setStock(now, -1)).toThrow(ValidationError);
    expect(() => product.adjustStock(now, 0.5)).toThrow(ValidationError);
  });

  it('raises product.back_in_stock when stock rises from zero', () => {
    const product = create(1);
    product.adjustStock(now, -1);
    product.adjustStock(now, 5);
    product.adjustStock(now, 1);
    expect(product.pullEvents()).toEqual([
      {
        type: 'product.back_in_stock',
        aggregateId: 'p1',
        organizationId: 'org_1',
        occurredAt: now,
        payload: { sku: 'RICE-5', stock: 5 },
      },
    ]);
  });

  it('changes price only within its currency and never below zero', () => {
    const product = create();
    product.changePrice(now, Money.fromDecimal('475', 'INR'));
    expect(product.price.toDecimalString()).toBe('475.00');
    expect(() => product.changePrice(now, Money.of(1, 'USD'))).toThrow(CurrencyMismatchError);
    expect(() => product.changePrice(now, Money.of(-1, 'INR'))).toThrow(InvalidAmountError);
  });

  it('round-trips through a JSON snapshot and rejects a negative price', () => {
    const product = create(null);
    const snapshot = JSON.parse(JSON.stringify(product.toSnapshot()));
    expect(Product.fromSnapshot(snapshot).toSnapshot()).toEqual(product.toSnapshot());
    expect(() => Product.fromSnapshot({ ...snapshot, price: { amountMinor: -1, currency: 'INR' } })).toThrow(
      /price/,
    );
  });

  it('stays valid under any sequence of stock operations; failures change nothing', () => {
    const operation = fc.oneof(
      fc.integer({ min: -5, max: 5 }).map((delta) => (p: Product) => p.adjustStock(now, delta)),
      fc.option(fc.integer({ min: -1, max: 5 })).map((stock) => (p: Product) => p.setStock(now, stock)),
      fc.boolean().map((active) => (p: Product) => p.setActive(now, active)),
      fc
        .integer({ min: -1, max: 100 })
        .map((price) => (p: Product) => p.changePrice(now, Money.of(price, 'INR'))),
    );
    fc.assert(
      fc.property(fc.array(operation, { maxLength: 20 }), (ops) => {
        const product = create();
        applyAtomically(product, ops, (s) => Product.fromSnapshot(s));
        expect(product.stock === null || product.stock >= 0).toBe(true);
      }),
      RUNS,
    );
  });
});
