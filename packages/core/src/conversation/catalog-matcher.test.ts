import { describe, expect, it } from 'vitest';
import type { ProductSnapshot } from '../domain/product.js';
import { buildCatalogIndex } from './catalog-index.js';
import { type ItemMatch, matchItem, matchItems } from './catalog-matcher.js';
import type { ParsedItem } from './item-parser.js';
import { parseProductList } from './product-list-parser.js';

interface ProductInput {
  readonly name: string;
  readonly sku?: string;
  readonly aliases?: readonly string[];
  readonly stock?: number | null;
  readonly active?: boolean;
}

function catalog(...inputs: ProductInput[]): ProductSnapshot[] {
  return inputs.map((input, i) => ({
    id: `prod_${i + 1}`,
    organizationId: 'org_1',
    version: 0,
    sku: input.sku ?? `SKU-${i + 1}`,
    name: input.name,
    aliases: input.aliases ?? [],
    price: { amountMinor: 100 * (i + 1), currency: 'USD' },
    stock: input.stock ?? null,
    active: input.active ?? true,
    createdAt: 0,
    updatedAt: 0,
  }));
}

const item = (query: string, quantity = 1, unit: string | null = null): ParsedItem => ({
  query,
  quantity,
  unit,
  raw: query,
});

/** A short, readable form of a match. */
function summary(match: ItemMatch) {
  switch (match.status) {
    case 'matched':
      return { status: match.status, name: match.product.name, by: match.matchedBy };
    case 'out_of_stock':
      return { status: match.status, name: match.product.name, available: match.available };
    case 'ambiguous':
      return { status: match.status, names: match.candidates.map((c) => c.product.name) };
    case 'unknown':
      return { status: match.status, names: match.suggestions.map((c) => c.product.name) };
  }
}

const shop = buildCatalogIndex(
  catalog(
    { name: 'Coca Cola 500ml', sku: 'CC-500', aliases: ['coke'] },
    { name: 'Coca Cola Zero 500ml', aliases: ['coke zero'] },
    { name: 'Sprite 500ml' },
    { name: 'White Bread', aliases: ['bread', 'pão'] },
    { name: 'Apple' },
    { name: 'Rice 1kg' },
    { name: 'Rice 5kg' },
    { name: 'Mac and Cheese' },
    { name: 'Café Crème' },
    { name: 'Eggs', stock: 24 },
    { name: 'Olive Oil', stock: 0 },
    { name: 'Old Cola', aliases: ['vintage cola'], active: false },
    { name: 'Chocolate Bar' },
    { name: 'Pão de Queijo' },
  ),
);

const match = (query: string, quantity = 1, unit: string | null = null) =>
  summary(matchItem(item(query, quantity, unit), shop));

describe('matchItems', () => {
  describe('exact matches', () => {
    it('matches a name, an alias or a sku exactly, ignoring case, accents and punctuation', () => {
      expect(matchItem(item('coca-cola 500ML'), shop)).toMatchObject({
        status: 'matched',
        confidence: 1,
        matchedBy: 'name',
      });
      expect(match('COKE')).toEqual({ status: 'matched', name: 'Coca Cola 500ml', by: 'alias' });
      expect(match('cc-500')).toEqual({ status: 'matched', name: 'Coca Cola 500ml', by: 'sku' });
      expect(match('cafe creme')).toEqual({ status: 'matched', name: 'Café Crème', by: 'name' });
      expect(match('PAO')).toEqual({ status: 'matched', name: 'White Bread', by: 'alias' });
    });

    it('matches a name written without its spaces', () => {
      expect(matchItem(item('cocacola 500ml'), shop)).toMatchObject({ status: 'matched', confidence: 0.98 });
    });

    it('asks when an alias is shared by two products', () => {
      const index = buildCatalogIndex(
        catalog({ name: 'Pepsi', aliases: ['cola'] }, { name: 'Coke', aliases: ['cola'] }),
      );
      const result = matchItem(item('cola'), index);
      expect(result.status).toBe('ambiguous');
      expect(
        result.status === 'ambiguous' && result.candidates.map((c) => [c.product.name, c.confidence]),
      ).toEqual([
        ['Coke', 1],
        ['Pepsi', 1],
      ]);
    });
  });

  describe('fuzzy matches', () => {
    it('tolerates a typo', () => {
      const index = buildCatalogIndex(catalog({ name: 'Coca Cola' }, { name: 'Sprite' }));
      const result = matchItem(item('coka cola'), index);
      expect(result).toMatchObject({ status: 'matched', matchedBy: 'fuzzy', product: { name: 'Coca Cola' } });
      expect(result.status === 'matched' && result.confidence).toBeGreaterThan(0.8);
      expect(result.status === 'matched' && result.confidence).toBeLessThan(1);
    });

    it('tolerates swapped letters, a missing letter and an extra letter', () => {
      expect(match('choclate bar')).toEqual({ status: 'matched', name: 'Chocolate Bar', by: 'fuzzy' });
      expect(match('chocolaet bar')).toEqual({ status: 'matched', name: 'Chocolate Bar', by: 'fuzzy' });
      expect(match('chocollate barr')).toEqual({ status: 'matched', name: 'Chocolate Bar', by: 'fuzzy' });
      expect(match('spritte')).toEqual({ status: 'matched', name: 'Sprite 500ml', by: 'fuzzy' });
    });

    it('ignores word order and plurals', () => {
      expect(match('cola coca 500ml')).toEqual({ status: 'matched', name: 'Coca Cola 500ml', by: 'fuzzy' });
      expect(match('apples')).toEqual({ status: 'matched', name: 'Apple', by: 'fuzzy' });
      expect(match('bread white')).toEqual({ status: 'matched', name: 'White Bread', by: 'fuzzy' });
    });

    it('prefers the size given as a measure', () => {
      expect(match('rice', 1, 'kg')).toEqual({ status: 'matched', name: 'Rice 1kg', by: 'fuzzy' });
      expect(match('rice', 5, 'kg')).toEqual({ status: 'matched', name: 'Rice 5kg', by: 'fuzzy' });
    });

    it('never reads a different number as a typo', () => {
      const index = buildCatalogIndex(catalog({ name: 'Coca Cola 500ml' }, { name: 'Coca Cola 330ml' }));
      expect(summary(matchItem(item('coca cola 300ml'), index)).status).not.toBe('matched');
    });
  });

  describe('asking instead of guessing', () => {
    it('asks about close candidates, best first, at most three', () => {
      expect(match('rice')).toEqual({ status: 'ambiguous', names: ['Rice 1kg', 'Rice 5kg'] });
      const index = buildCatalogIndex(
        catalog({ name: 'Tea Green' }, { name: 'Tea Black' }, { name: 'Tea Mint' }, { name: 'Tea Lemon' }),
      );
      const result = matchItem(item('tea'), index);
      expect(result.status === 'ambiguous' && result.candidates).toHaveLength(3);
      expect(matchItem(item('tea'), index, { maxCandidates: 2 })).toMatchObject({
        candidates: [{ product: { name: 'Tea Black' } }, { product: { name: 'Tea Green' } }],
      });
    });

    it('asks when a typo fits two products almost equally', () => {
      expect(match('coka cola')).toEqual({
        status: 'ambiguous',
        names: ['Coca Cola 500ml', 'Coca Cola Zero 500ml'],
      });
    });

    it('answers an unknown item with the closest suggestions', () => {
      expect(match('xyzzy')).toEqual({ status: 'unknown', names: [] });
      expect(match('choc')).toEqual({ status: 'unknown', names: ['Chocolate Bar'] });
    });

    it('never matches an inactive product, even exactly', () => {
      expect(match('Old Cola').status).toBe('unknown');
      expect(match('vintage cola').status).toBe('unknown');
      expect(JSON.stringify(matchItem(item('old cola'), shop))).not.toContain('Old Cola');
    });
  });

  describe('stock', () => {
    it('says a product is out of stock, with what is left', () => {
      expect(match('olive oil')).toEqual({ status: 'out_of_stock', name: 'Olive Oil', available: 0 });
      expect(match('eggs', 30)).toEqual({ status: 'out_of_stock', name: 'Eggs', available: 24 });
      expect(match('eggs', 3, 'dozen')).toEqual({ status: 'out_of_stock', name: 'Eggs', available: 24 });
      expect(match('eggs', 2, 'dozen')).toEqual({ status: 'matched', name: 'Eggs', by: 'name' });
      expect(match('eggs', 24)).toEqual({ status: 'matched', name: 'Eggs', by: 'name' });
    });

    it('marks candidates short of stock', () => {
      const index = buildCatalogIndex(
        catalog({ name: 'Milk Whole', stock: 1 }, { name: 'Milk Skimmed', stock: 9 }),
      );
      const result = matchItem(item('milk', 2), index);
      expect(
        result.status === 'ambiguous' && result.candidates.map((c) => [c.product.name, c.inStock]),
      ).toEqual([
        ['Milk Skimmed', true],
        ['Milk Whole', false],
      ]);
    });
  });

  it('matches a whole parsed message in order', () => {
    const parsed = parseProductList('2x coke\nmac and cheese, 3 apples & 1 kg rice', {
      knownPhrases: shop.protectedPhrases,
    });
    expect(matchItems(parsed.items, shop).map(summary)).toEqual([
      { status: 'matched', name: 'Coca Cola 500ml', by: 'alias' },
      { status: 'matched', name: 'Mac and Cheese', by: 'name' },
      { status: 'matched', name: 'Apple', by: 'fuzzy' },
      { status: 'matched', name: 'Rice 1kg', by: 'fuzzy' },
    ]);
  });

  it('lists the names the parser must keep whole', () => {
    expect(shop.protectedPhrases).toEqual(['Mac and Cheese']);
    expect(
      buildCatalogIndex(catalog({ name: '7 Up' }, { name: 'iPhone 15' }, { name: 'Salt, fine' }))
        .protectedPhrases,
    ).toEqual(['7 Up', 'iPhone 15', 'Salt, fine']);
  });

  it('accepts a plain product list and gives the same answers as an index', () => {
    const products = catalog({ name: 'Coca Cola' }, { name: 'Sprite' });
    expect(matchItems([item('sprit')], products)).toEqual(
      matchItems([item('sprit')], buildCatalogIndex(products)),
    );
  });

  it('is deterministic whatever the catalog order', () => {
    const products = catalog(
      { name: 'Tea Green' },
      { name: 'Tea Black' },
      { name: 'Green Tea Bags' },
      { name: 'Black Tea' },
    );
    const queries = ['tea', 'green tea', 'tee', 'black'].map((query) => item(query));
    const forward = matchItems(queries, products);
    expect(matchItems(queries, [...products].reverse())).toEqual(forward);
    expect(matchItems(queries, products)).toEqual(forward);
  });

  it('refuses options out of range', () => {
    expect(() => matchItems([], shop, { threshold: 0 })).toThrow(/threshold/);
    expect(() => matchItems([], shop, { margin: -1 })).toThrow(/margin/);
    expect(() => matchItems([], shop, { maxCandidates: 4 })).toThrow(/maxCandidates/);
  });
});
